#!/usr/bin/env bash
# Times, in one run on the same files, JavaParser parse-only, the full Shareguard audit, PMD 7's
# multithreading category and SpotBugs' MT_CORRECTNESS category (on the matching binary jars), over
# the bench set of ../shared/corpus.tsv. Prints a markdown section; with --update, puts it in
# bench/RESULTS.md in place of the "## CLI speed" section (nothing else in that file is touched).
#
# Usage: bench/run.sh [--runs N] [--update] [--cache-memory]   (default 3 runs; median reported)
# --cache-memory: instead of the speed comparison, measure the incremental cache (cold, warm, warm
# after one file's body changed; reports compared byte for byte) and peak memory with the
# launcher's default heap on the bench set and on the bench set plus the audit set (about 2M
# lines); with --update, replaces the "## CLI cache and memory" section.
# Needs: JDK 17+, Maven (fetches into bench/cache, once), GNU time (/usr/bin/time).
# Shareguard runs with -Xmx1536m (the memory bar is 2 GiB of peak RSS) and the JVM options
# bin/shareguard gives it (quick JIT only, the lexer compiled, no early marking); the others
# with their defaults.
# Each tool uses all cores it can.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
runs=3
update=0
cache_memory=0
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --update) update=1; shift ;;
    --cache-memory) cache_memory=1; shift ;;
    *) echo "usage: bench/run.sh [--runs N] [--update] [--cache-memory]" >&2; exit 2 ;;
  esac
done
work=$here/work
cache=$here/cache
mkdir -p "$work" "$cache/bin"

# The bench set's sources (unpacked) and binary jars, by the same coordinates.
mapfile -t dirs < <("$here/fetch-corpus.sh" bench)
if [ "$cache_memory" = 1 ]; then
  # Shareguard from this checkout, copied so that a rebuild during the run cannot change it.
  (cd "$root" && mvn -q -B -o -pl cli -am package -DskipTests >&2 || \
    mvn -q -B -pl cli -am package -DskipTests >&2)
  cp "$(ls -t "$root"/cli/target/shareguard-cli-*-all.jar | head -n 1)" "$work/shareguard.jar"
  exec "$here/cache-memory.sh" "$work/shareguard.jar" "$update" "${dirs[@]}"
fi
jars=()
grep -v '^#' "$root/../shared/corpus.tsv" | while IFS=$'\t' read -r gav set _; do
  [ "$set" = bench ] || continue
  IFS=: read -r g a v <<<"$gav"
  [ -f "$cache/bin/$a-$v.jar" ] || mvn -q -B dependency:copy -Dartifact="$g:$a:$v:jar" \
    -DoutputDirectory="$cache/bin" >&2
done
for d in "${dirs[@]}"; do jars+=("$cache/bin/$(basename "$d").jar"); done

# The tools: PMD 7 and SpotBugs from Maven Central, JavaParser as Shareguard uses it.
[ -d "$cache/tools/pmd" ] || mvn -q -B -f "$here/tools/pom.xml" -Ppmd \
  dependency:copy-dependencies -DoutputDirectory="$cache/tools/pmd" >&2
[ -d "$cache/tools/spotbugs" ] || mvn -q -B -f "$here/tools/pom.xml" -Pspotbugs \
  dependency:copy-dependencies -DoutputDirectory="$cache/tools/spotbugs" >&2
[ -d "$cache/tools/javaparser" ] || mvn -q -B -f "$here/tools/pom.xml" -Pjavaparser \
  dependency:copy-dependencies -DoutputDirectory="$cache/tools/javaparser" >&2
pmd_version=$(basename "$(ls "$cache"/tools/pmd/pmd-java-*.jar)" .jar | sed 's/pmd-java-//')
sb_version=$(basename "$(ls "$cache"/tools/spotbugs/spotbugs-[0-9]*.jar)" .jar | sed 's/spotbugs-//')
jp_version=$(basename "$(ls "$cache"/tools/javaparser/javaparser-core-*.jar)" .jar | sed 's/javaparser-core-//')

# Shareguard from this checkout, copied so that a rebuild during the run cannot change it.
(cd "$root" && mvn -q -B -o -pl cli -am package -DskipTests >&2 || \
  mvn -q -B -pl cli -am package -DskipTests >&2)
cp "$(ls -t "$root"/cli/target/shareguard-cli-*-all.jar | head -n 1)" "$work/shareguard.jar"
mkdir -p "$work/classes"
javac -cp "$cache/tools/javaparser/*" -d "$work/classes" "$here/ParseOnly.java"

cores=$(nproc)
csv=$(IFS=,; echo "${dirs[*]}")
declare -A cmd
cmd[parse]="java -cp $work/classes:$cache/tools/javaparser/* ParseOnly ${dirs[*]}"
sg_jvm="-XX:TieredStopAtLevel=1 -XX:-DontCompileHugeMethods -XX:-G1UseAdaptiveIHOP \
-XX:InitiatingHeapOccupancyPercent=75"
cmd[shareguard]="java -Xmx1536m $sg_jvm -jar $work/shareguard.jar audit --include-generated --no-progress \
--format json --output $work/shareguard.json ${dirs[*]}"
cmd[pmd]="java -cp $cache/tools/pmd/* net.sourceforge.pmd.cli.PmdCli check -d $csv \
-R category/java/multithreading.xml -f text --no-cache --no-progress -t $cores -r $work/pmd.txt"
cmd[spotbugs]="java -cp $cache/tools/spotbugs/* edu.umd.cs.findbugs.FindBugs2 -quiet \
-include $here/spotbugs-mt.xml -output $work/spotbugs.txt ${jars[*]}"
# The same parse-only run with Shareguard's JVM options: how much of Shareguard's speed is the JVM
# options rather than its own work, so the ratio to parse-only can be read both ways.
cmd[parse_tuned]="java $sg_jvm -cp $work/classes:$cache/tools/javaparser/* ParseOnly ${dirs[*]}"
tools=(parse parse_tuned shareguard pmd spotbugs)

# Interleaved rounds, so a slow moment of a shared machine hits every tool alike.
# The commands hold class-path wildcards for Java, not for the shell.
set -f
: >"$work/times.tsv"
for ((r = 1; r <= runs; r++)); do
  for t in "${tools[@]}"; do
    echo "round $r/$runs: $t" >&2
    set +e
    /usr/bin/time -f "%e %M" -o "$work/time.txt" ${cmd[$t]} >"$work/$t.out" 2>"$work/$t.err"
    rc=$?
    set -e
    read -r secs kb < <(tail -n 1 "$work/time.txt")
    printf '%s\t%s\t%s\t%s\n' "$t" "$secs" "$kb" "$rc" >>"$work/times.tsv"
  done
done
set +f

lines=$(find "${dirs[@]}" -name '*.java' -type f -exec cat {} + | wc -l)
files=$(find "${dirs[@]}" -name '*.java' -type f | wc -l)
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
declare -A sec mem codes
for t in "${tools[@]}"; do
  sec[$t]=$(awk -v t="$t" '$1==t {print $2}' "$work/times.tsv" | median)
  mem[$t]=$(awk -v t="$t" '$1==t {print $3}' "$work/times.tsv" | sort -n | tail -n 1)
  codes[$t]=$(awk -v t="$t" '$1==t {print $4}' "$work/times.tsv" | sort -u | paste -sd/ -)
done
sg_summary=$(grep '^shareguard: ' "$work/shareguard.err" | tail -n 1 | sed 's/^shareguard: //' || true)
sg_crashes=$(grep -c 'internal error\|Exception in thread' "$work/shareguard.err" || true)
pmd_errors=$(grep -c '	-	' "$work/pmd.txt" || true)
pmd_findings=$(grep -c ':[0-9]*:	' "$work/pmd.txt" || true)
sb_findings=$(grep -c . "$work/spotbugs.txt" || true)
sg_findings=$(grep -c '"ruleId"' "$work/shareguard.json" || true)

row() { # tool label
  awk -v s="${sec[$1]}" -v m="${mem[$1]}" -v l="$lines" -v p="${sec[parse]}" -v n="$2" -v c="${codes[$1]}" \
    'BEGIN {printf "| %s | %.1f | %.2f | %.0f | %d | %s |\n", n, s, s/p, m/1024, l/s, c}'
}
out=$work/cli-speed.md
{
  echo "## CLI speed"
  echo
  echo "Measured $(date -u +%Y-%m-%d) on $(uname -sm), $cores cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')),"
  echo "$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM, $(java -version 2>&1 | head -n 1), load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "Bench set of \`shared/corpus.tsv\`: $(for d in "${dirs[@]}"; do basename "$d"; done | paste -sd, - | sed 's/,/, /g'):"
  echo "$files files, $(printf "%'d" "$lines") lines. \`bench/run.sh --runs $runs\`: median of $runs interleaved runs; peak memory is the"
  echo "largest maximum resident set size of any run (GNU time). Ratio is time over JavaParser parse-only."
  echo
  echo "| tool | median s | ratio | peak MiB | lines/s | exit codes |"
  echo "|---|---|---|---|---|---|"
  row parse "JavaParser $jp_version parse-only (all cores)"
  row parse_tuned "JavaParser $jp_version parse-only, with Shareguard's JVM options"
  row shareguard "Shareguard audit (all cores, -Xmx1536m, bin/shareguard's JVM options, --include-generated)"
  row pmd "PMD $pmd_version, category/java/multithreading.xml (-t $cores)"
  row spotbugs "SpotBugs $sb_version, MT_CORRECTNESS, on the binary jars"
  echo
  echo "- Shareguard (last run): $sg_summary; internal errors: $sg_crashes."
  echo "  JVM options (as bin/shareguard): \`$sg_jvm\`."
  echo "- PMD: $pmd_findings violations; $pmd_errors files where PMD reported a processing error."
  echo "- SpotBugs: $sb_findings MT_CORRECTNESS reports. SpotBugs runs all its detectors and the filter"
  echo "  selects the category, so its time is that of a full SpotBugs run; it reads bytecode, not source."
  echo "- Shareguard vs PMD: $(awk -v a="${sec[shareguard]}" -v b="${sec[pmd]}" 'BEGIN {printf "%.2fx the time", a/b}');"
  echo "  vs SpotBugs: $(awk -v a="${sec[shareguard]}" -v b="${sec[spotbugs]}" 'BEGIN {printf "%.2fx", a/b}');"
  echo "  vs parse-only: $(awk -v a="${sec[shareguard]}" -v b="${sec[parse]}" 'BEGIN {printf "%.2fx", a/b}');"
  echo "  vs parse-only with the same JVM options: $(awk -v a="${sec[shareguard]}" -v b="${sec[parse_tuned]}" 'BEGIN {printf "%.2fx", a/b}')."
} >"$out"
cat "$out"

if [ "$update" = 1 ]; then
  results=$here/RESULTS.md
  [ -f "$results" ] || printf '# Benchmark results\n\n' >"$results"
  # Replace only the "## CLI speed" section (up to the next "## " heading), or append it.
  awk -v new="$out" '
    BEGIN { while ((getline l < new) > 0) sec = sec l "\n" }
    /^## CLI speed[[:space:]]*$/ { printf "%s", sec; skip = 1; done = 1; next }
    skip && /^## / { skip = 0; print ""; }
    !skip { print }
    END { if (!done) printf "\n%s", sec }
  ' "$results" >"$results.tmp"
  mv "$results.tmp" "$results"
  echo "updated $results" >&2
fi
