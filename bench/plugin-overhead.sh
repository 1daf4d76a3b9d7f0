#!/usr/bin/env bash
# Compile-time overhead of the Shareguard Error Prone plugin (SPEC §5: at most 5% more CPU).
#
# Compiles the sources of one real release (a Maven Central sources jar, with the dependencies its
# pom declares) with javac + Error Prone, once with Error Prone alone and once with Error Prone and
# Shareguard on the processor path, in fresh javac processes, alternating the order run by run after
# one discarded warm-up of each. Both variants get exactly the same javac and Error Prone flags (Error
# Prone's default checks, its errors demoted to warnings so that a release's own Error Prone
# choices do not stop the compile; Shareguard's checks are on by default when its jar is on the
# path), so the only difference is Shareguard. Prints every run and the medians; the headline is the median
# of the per-pair CPU ratios (user + system time of the javac process), which other load on a shared
# machine disturbs less than wall time. The plugin analyses the whole javac invocation at once, as a
# module's build does.
#
# Usage: bench/plugin-overhead.sh [RUNS] [group:artifact:version]
#   RUNS   timed runs per variant (default 7)
#   GAV    the release to compile (default com.github.ben-manes.caffeine:caffeine:3.1.8)
# Environment: JAVA_HOME (the JDK whose javac is timed); EP_VERSION (default 2.42.0 on JDK 17,
#   2.50.0 on later JDKs); SKIP_INSTALL=1 to use the plugin already in the local Maven repository;
#   BEFORE_REPO=<another local Maven repository> holding an earlier build of the plugin: each round
#   then compiles three times (Error Prone alone, + that earlier plugin, + this one, the order
#   rotating by round), so the two plugins are compared against the same Error Prone runs under
#   the same load, and the script prints each one's median of per-round CPU ratios and the median
#   of the per-round ratios of the two plugins' CPU.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
runs=${1:-7}
gav=${2:-com.github.ben-manes.caffeine:caffeine:3.1.8}
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
javac="$java_home/bin/javac"
feature=$("$java_home/bin/java" -XshowSettings:properties -version 2>&1 |
  awk -F' = ' '/java.specification.version/ {print $2}')
if [ -z "${EP_VERSION:-}" ]; then
  if [ "$feature" -ge 21 ]; then EP_VERSION=2.50.0; else EP_VERSION=2.42.0; fi
fi
# The project's version: the first <version> of the root pom, right after its artifactId.
shareguard_version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$root/pom.xml" | head -n 1)
IFS=: read -r group artifact version <<<"$gav"
work=$here/work/plugin-overhead/$artifact-$version
cache=$here/cache
mkdir -p "$work" "$cache"

if [ "${SKIP_INSTALL:-0}" != 1 ]; then
  echo "installing the plugin ($shareguard_version) into the local Maven repository" >&2
  mvn -q -B -f "$root/pom.xml" install -DskipTests -pl errorprone-plugin -am >&2
fi

# The release's sources, unpacked once into bench/cache (shared with bench/fetch-corpus.sh).
src=$cache/$artifact-$version
if [ ! -d "$src" ]; then
  mvn -q -B dependency:copy -Dartifact="$gav:jar:sources" -DoutputDirectory="$cache" >&2
  mkdir -p "$src.tmp"
  (cd "$src.tmp" && jar xf "$cache/$artifact-$version-sources.jar")
  mv "$src.tmp" "$src"
fi

# A class path from a throwaway pom listing dependencies; $1 names it, the rest are g:a:v.
classpath() {
  local name=$1
  shift
  local dir=$work/$name
  mkdir -p "$dir"
  {
    echo '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>'
    echo "<groupId>bench</groupId><artifactId>$name</artifactId><version>1</version><dependencies>"
    local d g a v
    for d in "$@"; do
      IFS=: read -r g a v <<<"$d"
      echo "<dependency><groupId>$g</groupId><artifactId>$a</artifactId><version>$v</version></dependency>"
    done
    echo '</dependencies></project>'
  } >"$dir/pom.xml"
  mvn -q -B -f "$dir/pom.xml" dependency:build-classpath -Dmdep.outputFile="$dir/classpath.txt" \
    -Dmdep.excludeArtifactIds="$artifact" >&2
  cat "$dir/classpath.txt"
}

deps=$(classpath deps "$gav")
ep_path=$(classpath ep "com.google.errorprone:error_prone_core:$EP_VERSION")
sg_path=$(classpath ep-shareguard "com.google.errorprone:error_prone_core:$EP_VERSION" \
  "dev.shareguard:shareguard-errorprone:$shareguard_version")
if [ -n "${BEFORE_REPO:-}" ]; then
  before_path=$(MAVEN_OPTS="${MAVEN_OPTS:-} -Dmaven.repo.local=$BEFORE_REPO" classpath \
    ep-shareguard-before "com.google.errorprone:error_prone_core:$EP_VERSION" \
    "dev.shareguard:shareguard-errorprone:$shareguard_version")
fi

# module-info.java needs a module path; the benchmark compiles the classes on the class path.
find "$src" -name '*.java' ! -name module-info.java | sort >"$work/sources.txt"
files=$(wc -l <"$work/sources.txt")
lines=$(xargs cat <"$work/sources.txt" | wc -l)

jflags=()
for f in $(cat "$root/.mvn/jvm.config"); do jflags+=("-J$f"); done

# Compiles once with processor path $1, keeping the log in $2; prints "wall-ms cpu-ms" (CPU: user
# plus system time of the javac process, all its threads, which other load on the machine disturbs
# less than wall time).
compile() {
  local path=$1 log=$2 out=$work/classes
  rm -rf "$out"
  mkdir -p "$out"
  if ! /usr/bin/time -f '%e %U %S' -o "$work/time.txt" "$javac" "${jflags[@]}" \
    -XDcompilePolicy=simple --should-stop=ifError=FLOW -XDaddTypeAnnotationsToSymbol=true \
    -encoding UTF-8 -Xmaxwarns 100000 -classpath "$deps" -processorpath "$path" -d "$out" \
    "-Xplugin:ErrorProne -XepAllErrorsAsWarnings" @"$work/sources.txt" >"$log" 2>&1; then
    echo "javac failed, see $log" >&2
    tail -n 20 "$log" >&2
    exit 1
  fi
  awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}' "$work/time.txt"
}

median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

echo "project: $gav ($files files, $lines lines); javac $feature from $java_home; Error Prone $EP_VERSION; Shareguard $shareguard_version; $(nproc) cores"
compile "$ep_path" "$work/ep.log" >/dev/null
compile "$sg_path" "$work/sg.log" >/dev/null
rules=$(ls "$root"/docs/rules/*.md | xargs -n1 basename | sed 's/\.md$//' | paste -sd'|' -)
findings=$(grep -cE "warning: \[($rules)\]" "$work/sg.log" || true)
echo "warm-up done; the Shareguard run reported $findings Shareguard warnings"
if [ -n "${BEFORE_REPO:-}" ]; then
  compile "$before_path" "$work/before.log" >/dev/null
  before_findings=$(grep -cE "warning: \[($rules)\]" "$work/before.log" || true)
  echo "the earlier plugin (from $BEFORE_REPO) reported $before_findings Shareguard warnings"
  if ! diff <(grep -E "warning: \[($rules)\]" "$work/before.log") \
    <(grep -E "warning: \[($rules)\]" "$work/sg.log") >/dev/null; then
    echo "the two plugins' warnings differ: see $work/before.log and $work/sg.log"
  fi
  : >"$work/runs3.txt"
  for i in $(seq 1 "$runs"); do
    # Rotate the order, so that each variant runs first, second and third equally often.
    case $((i % 3)) in
      1) order="ep before sg" ;;
      2) order="sg ep before" ;;
      0) order="before sg ep" ;;
    esac
    declare -A took=()
    for v in $order; do
      case $v in
        ep) took[ep]=$(compile "$ep_path" "$work/ep.log") ;;
        before) took[before]=$(compile "$before_path" "$work/before.log") ;;
        sg) took[sg]=$(compile "$sg_path" "$work/sg.log") ;;
      esac
    done
    echo "${took[ep]} ${took[before]} ${took[sg]}" >>"$work/runs3.txt"
    echo "${took[ep]} ${took[before]} ${took[sg]}" | awk -v i="$i" -v o="$order" '{printf "round %d (%s): CPU Error Prone %d ms, + earlier Shareguard %d ms (%.3f), + this Shareguard %d ms (%.3f); this/earlier %.3f\n", i, o, $2, $4, $4 / $2, $6, $6 / $2, $6 / $4}'
  done
  r3() { awk -v a="$1" -v b="$2" '{printf "%.4f\n", $b / $a}' "$work/runs3.txt" | median; }
  awk -v b="$(r3 2 4)" -v s="$(r3 2 6)" -v d="$(r3 4 6)" -v n="$runs" 'BEGIN {printf "medians of per-round CPU ratios over %d rounds: earlier plugin %.3f (%+.1f%%), this plugin %.3f (%+.1f%%); this/earlier %.3f\n", n, b, (b - 1) * 100, s, (s - 1) * 100, d}'
  exit 0
fi
: >"$work/runs.txt"
for i in $(seq 1 "$runs"); do
  if [ $((i % 2)) -eq 1 ]; then
    b=$(compile "$ep_path" "$work/ep.log")
    s=$(compile "$sg_path" "$work/sg.log")
  else
    s=$(compile "$sg_path" "$work/sg.log")
    b=$(compile "$ep_path" "$work/ep.log")
  fi
  echo "$b $s" >>"$work/runs.txt"
  echo "$b $s" | awk -v i="$i" '{printf "run %d: Error Prone %d ms (CPU %d ms), + Shareguard %d ms (CPU %d ms): ratio %.3f (CPU %.3f)\n", i, $1, $2, $3, $4, $3 / $1, $4 / $2}'
done
col() { awk -v c="$1" '{print $c}' "$work/runs.txt" | median; }
ratios() { awk -v a="$1" -v b="$2" '{printf "%.4f\n", $b / $a}' "$work/runs.txt" | median; }
wall_ratio=$(ratios 1 3)
cpu_ratio=$(ratios 2 4)
echo "medians over $runs runs: Error Prone $(col 1) ms (CPU $(col 2) ms), + Shareguard $(col 3) ms (CPU $(col 4) ms)"
awk -v w="$wall_ratio" -v c="$cpu_ratio" 'BEGIN {printf "median of per-run ratios: wall %.3f (%+.1f%%), CPU %.3f (%+.1f%%)\n", w, (w - 1) * 100, c, (c - 1) * 100}'
