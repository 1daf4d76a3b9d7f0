#!/usr/bin/env bash
# Warm re-audit after one changed file against a cold audit, side by side in one run, with where the
# time goes (the CLI's --timings phases). Usage: bench/incremental.sh SHAREGUARD_JAR DIRS...
#
# Shareguard runs as bin/shareguard runs it (its JVM options, -Xmx1536m). On a copy of DIRS:
#   cold        no cache
#   fill        --cache with an empty cache directory (fills it)
#   warm        --cache again, nothing changed
#   warm-edit   --cache after one file's body changed (a comment line added before its first
#               `return`)
#   cold-edit   no cache, same edited files: its JSON report must equal warm-edit's, byte for byte
# Prints one table: wall and CPU seconds, % of cold, and the three phases of each run.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jar=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
work=$here/work/incremental
tree=$work/tree
rm -rf "$work"
mkdir -p "$tree"
for d in "$@"; do cp -r "$d" "$tree/"; done
jvm="-XX:TieredStopAtLevel=1 -XX:-DontCompileHugeMethods -XX:-G1UseAdaptiveIHOP \
-XX:InitiatingHeapOccupancyPercent=75 -Xmx1536m"
: >"$work/times.tsv"
run() {
  local name=$1
  shift
  echo "incremental: $name" >&2
  set +e
  (cd "$work" && /usr/bin/time -f "%e %U %S" -o "$work/$name.time" java $jvm -jar "$jar" audit \
    --no-progress --include-generated --timings --format json --output "$work/$name.json" \
    "$@" tree >/dev/null 2>"$work/$name.err")
  set -e
  read -r wall user sys < <(tail -n 1 "$work/$name.time")
  # "shareguard: phases: reading and parsing 1.70 s (CPU …), lowering 4.02 s (…), analysing 16.38 s (…)"
  phases=$(grep -o 'reading and parsing [0-9.]* s\|lowering [0-9.]* s\|analysing [0-9.]* s' \
    "$work/$name.err" | grep -o '[0-9.]*' | paste -sd' ')
  printf '%s\t%s\t%s\t%s\n' "$name" "$wall" "$(echo "$user + $sys" | bc)" "$phases" >>"$work/times.tsv"
}
run cold
run fill --cache sg-cache
run warm --cache sg-cache
edited=$(grep -rl --include='*.java' '^        return ' "$tree" | sort | head -n 1)
line=$(grep -n -m1 '^        return ' "$edited" | cut -d: -f1)
sed -i "${line}i\\        // bench: an edited body" "$edited"
run warm-edit --cache sg-cache
run cold-edit
same=$(cmp -s "$work/cold-edit.json" "$work/warm-edit.json" && echo identical || echo DIFFERENT)
lines=$(find "$tree" -name '*.java' -type f -exec cat {} + | wc -l)
cold=$(awk '$1=="cold" {print $2}' "$work/times.tsv")
echo "Tree: $lines lines ($*); edited: ${edited#$tree/}; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)."
echo
echo "| run | wall s | % of cold | CPU s | parse s | lower s | analyse s |"
echo "|---|---|---|---|---|---|---|"
awk -F'\t' -v c="$cold" '{ split($4, p, " ");
  printf "| %s | %.1f | %.0f%% | %.1f | %s | %s | %s |\n", $1, $2, 100*$2/c, $3, p[1], p[2], p[3] }' \
  "$work/times.tsv"
echo
echo "warm-edit JSON report vs cold-edit: $same"
