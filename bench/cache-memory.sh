#!/usr/bin/env bash
# The "## CLI cache and memory" section of bench/RESULTS.md; run through bench/run.sh --cache-memory.
# Usage: bench/cache-memory.sh SHAREGUARD_JAR UPDATE(0|1) BENCH_DIRS...
#
# Shareguard runs as bin/shareguard runs it: its JVM options and, no heap being given, its default
# heap (-Xmx1536m). One run of each, in this order, on a copy of the bench set:
#   cold        no cache
#   cache-cold  --cache with an empty cache directory (fills it)
#   warm        --cache again, nothing changed
#   warm-edit   --cache after one file's body changed (a comment line added before its first
#               `return`); its report is compared with a cold run (no cache) on the same files
# then peak memory of a cold run on the bench set plus the audit set of shared/corpus.tsv with the
# launcher's default heap (stopped after 5 minutes: with too small a heap Java collects garbage
# without end rather than failing), and of cold runs with a heap large enough not to matter
# (-Xmx8g) on both trees: their difference over the difference in lines is the growth per line.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jar=$1
update=$2
shift 2
dirs=("$@")
work=$here/work
tree=$work/tree
sgcache=$work/sg-cache
sg_jvm="-XX:TieredStopAtLevel=1 -XX:-DontCompileHugeMethods -XX:-G1UseAdaptiveIHOP \
-XX:InitiatingHeapOccupancyPercent=75 -Xmx1536m"

rm -rf "$tree" "$sgcache"
mkdir -p "$tree"
for d in "${dirs[@]}"; do cp -r "$d" "$tree/"; done
copies=()
for d in "${dirs[@]}"; do copies+=("$tree/$(basename "$d")"); done

# run NAME ARGS...: one audit, JSON report to $work/NAME.json; appends "NAME secs kb rc" to times.
# HEAP (default: the launcher's) and LIMIT (seconds, default none) change one run.
: >"$work/cm-times.tsv"
run() {
  local name=$1
  shift
  echo "cache/memory: $name" >&2
  set +e
  /usr/bin/time -f "%e %M" -o "$work/time.txt" timeout -s KILL "${LIMIT:-0}" \
    java $sg_jvm ${HEAP:-} -jar "$jar" audit --no-progress --timings \
    --include-generated --format json --output "$work/$name.json" "$@" 2>"$work/$name.err"
  local rc=$?
  set -e
  read -r secs kb < <(tail -n 1 "$work/time.txt")
  printf '%s\t%s\t%s\t%s\n' "$name" "$secs" "$kb" "$rc" >>"$work/cm-times.tsv"
}

run cold "${copies[@]}"
run cache-cold --cache "$sgcache" "${copies[@]}"
run warm --cache "$sgcache" "${copies[@]}"
edited=$(grep -rl --include='*.java' '^        return ' "${copies[0]}" | sort | head -n 1)
line=$(grep -n -m1 '^        return ' "$edited" | cut -d: -f1)
sed -i "${line}i\\        // bench: an edited body" "$edited"
run warm-edit --cache "$sgcache" "${copies[@]}"
run cold-edit "${copies[@]}"
same_warm=$(cmp -s "$work/cold.json" "$work/warm.json" && echo identical || echo DIFFERENT)
same_edit=$(cmp -s "$work/cold-edit.json" "$work/warm-edit.json" && echo identical || echo DIFFERENT)
cache_size=$(du -sm "$sgcache" | cut -f1)

# Memory: the bench set (cold above) and the bench set plus the audit set.
mapfile -t audit_dirs < <("$here/fetch-corpus.sh" audit)
LIMIT=300 run big "${dirs[@]}" "${audit_dirs[@]}"
HEAP=-Xmx8g run bench-8g "${copies[@]}"
HEAP=-Xmx8g run big-8g "${dirs[@]}" "${audit_dirs[@]}"
lines_of() { find "$@" -name '*.java' -type f -exec cat {} + | wc -l; }
bench_lines=$(lines_of "${copies[@]}")
big_lines=$(lines_of "${dirs[@]}" "${audit_dirs[@]}")

get() { awk -v n="$1" -v c="$2" '$1==n {print $c}' "$work/cm-times.tsv"; }
out=$work/cache-memory.md
{
  echo "## CLI cache and memory"
  echo
  echo "Measured $(date -u +%Y-%m-%d) on $(uname -sm), $(nproc) cores, $(java -version 2>&1 | head -n 1);"
  echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (the machine was shared with other agents:"
  echo "wall times are noisy; one run each). \`bench/run.sh --cache-memory\` (script: bench/cache-memory.sh)."
  echo "Shareguard as bin/shareguard runs it with no heap given: \`$sg_jvm\`."
  echo "Bench set: $(printf "%'d" "$bench_lines") lines. Edited file: \`${edited#$tree/}\` (a comment line in a body)."
  echo
  echo "| run | wall s | % of cold | peak RSS MiB | exit |"
  echo "|---|---|---|---|---|"
  for n in cold cache-cold warm warm-edit cold-edit; do
    awk -v n="$n" -v s="$(get "$n" 2)" -v c="$(get cold 2)" -v m="$(get "$n" 3)" -v r="$(get "$n" 4)" \
      'BEGIN {printf "| %s | %.1f | %.0f%% | %.0f | %s |\n", n, s, 100*s/c, m/1024, r}'
  done
  echo
  echo "- warm report vs cold report: $same_warm; warm-edit vs cold-edit (same edited files): $same_edit."
  echo "- cache size after these runs: ${cache_size} MiB."
  for n in warm warm-edit; do
    echo "- $n, \`--timings\`: \`$(grep -m1 'phases:' "$work/$n.err" | sed 's/^shareguard: //')\`"
  done
  echo
  echo "| tree | lines | wall s | peak RSS MiB | exit |"
  echo "|---|---|---|---|---|"
  awk -v l="$bench_lines" -v s="$(get cold 2)" -v m="$(get cold 3)" -v r="$(get cold 4)" \
    'BEGIN {printf "| bench set | %d | %.1f | %.0f | %s |\n", l, s, m/1024, r}'
  awk -v l="$big_lines" -v s="$(get big 2)" -v m="$(get big 3)" -v r="$(get big 4)" \
    'BEGIN {printf "| bench + audit sets | %d | %.1f | %.0f | %s |\n", l, s, m/1024, r}'
  awk -v l="$bench_lines" -v s="$(get bench-8g 2)" -v m="$(get bench-8g 3)" -v r="$(get bench-8g 4)" \
    'BEGIN {printf "| bench set, -Xmx8g | %d | %.1f | %.0f | %s |\n", l, s, m/1024, r}'
  awk -v l="$big_lines" -v s="$(get big-8g 2)" -v m="$(get big-8g 3)" -v r="$(get big-8g 4)" \
    'BEGIN {printf "| bench + audit sets, -Xmx8g | %d | %.1f | %.0f | %s |\n", l, s, m/1024, r}'
  echo
  awk -v l1="$bench_lines" -v l2="$big_lines" -v m1="$(get bench-8g 3)" -v m2="$(get big-8g 3)" \
    'BEGIN {printf "- growth of peak RSS per line, -Xmx8g runs: %.0f bytes/line\n", (m2-m1)*1024/(l2-l1)}'
  echo "- exit 3: out of memory (the tool says so); exit 137: stopped after 5 minutes. Last line of"
  echo "  the big run: \`$(grep -v "phases:" "$work/big.err" | tail -n 1)\`"
} >"$out"
cat "$out"

if [ "$update" = 1 ]; then
  results=$here/RESULTS.md
  awk -v new="$out" '
    BEGIN { while ((getline l < new) > 0) sec = sec l "\n" }
    /^## CLI cache and memory[[:space:]]*$/ { printf "%s", sec; skip = 1; done = 1; next }
    skip && /^## / { skip = 0; print ""; }
    !skip { print }
    END { if (!done) printf "\n%s", sec }
  ' "$results" >"$results.tmp"
  mv "$results.tmp" "$results"
  echo "updated $results" >&2
fi
