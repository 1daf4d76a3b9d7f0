#!/usr/bin/env bash
# Times two Shareguard CLI jars side by side on the bench set of ../shared/corpus.tsv (or on the
# trees given), interleaved: in every round each release is audited by both jars back to back,
# the order alternating from round to round, so a slow moment of a shared machine hits both alike.
# Per release it reports the analysing phase (wall and CPU of the whole process during the phase,
# from `--timings`), the whole run's CPU (user + system, GNU time) and peak RSS, as medians over
# the rounds (peak RSS: the largest), with NEW/OLD ratios, and whether the two JSON reports are
# byte-identical. A ratio below 1 means the new jar is faster or smaller.
#
# Usage: bench/compare.sh OLD.jar NEW.jar [--runs N] [--jobs N] [--out DIR] [--report-only] [TREE...]
#   --runs N   rounds (default 3)
#   --jobs N   passed to `audit --jobs` (default: the CLI's own default, all cores)
#   --out DIR  where the reports, logs and times.tsv go (default bench/work/compare)
#   --report-only  no runs: the table again from DIR's times.tsv and reports (the load figures
#              of the runs are then not known)
#   TREE...    source trees to audit, one audit each (default: the bench set, fetched once by
#              bench/fetch-corpus.sh)
# Besides the medians of each jar, the table gives the median over the rounds of each round's
# NEW/OLD ratio of analysing CPU ("paired"): the two runs of a round ran back to back, so when
# the machine's load moves between rounds (it does, on a shared machine) the paired ratio moves
# less than the ratio of the medians.
# Both jars run with -Xmx1536m and the JVM options bin/shareguard gives (as bench/run.sh does).
# Needs: JDK 17+, GNU time (/usr/bin/time).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
runs=3
jobs=
out=$here/work/compare
trees=()
jars=()
report_only=
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --report-only) report_only=1; shift ;;
    -*) echo "usage: bench/compare.sh OLD.jar NEW.jar [--runs N] [--jobs N] [--out DIR] [TREE...]" >&2
      exit 2 ;;
    *) if [ ${#jars[@]} -lt 2 ]; then jars+=("$1"); else trees+=("$1"); fi; shift ;;
  esac
done
if [ ${#jars[@]} -ne 2 ]; then
  echo "usage: bench/compare.sh OLD.jar NEW.jar [--runs N] [--jobs N] [--out DIR] [TREE...]" >&2
  exit 2
fi
mkdir -p "$out"
if [ ${#trees[@]} -eq 0 ]; then
  mapfile -t trees < <("$here/fetch-corpus.sh" bench)
fi
sg_jvm="-Xmx1536m -XX:TieredStopAtLevel=1 -XX:-DontCompileHugeMethods -XX:-G1UseAdaptiveIHOP \
-XX:InitiatingHeapOccupancyPercent=75"
job_args=()
[ -n "$jobs" ] && job_args=(--jobs "$jobs")

# times.tsv: round, release, variant, analysing wall s, analysing CPU s, total wall s, total CPU s,
# peak RSS KiB, exit code.
times=$out/times.tsv
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
if [ -n "$report_only" ]; then
  load_start="(not known: --report-only)"
  runs=$(cut -f1 "$times" | sort -n | tail -n 1)
else
# Copies, so that a rebuild during the run cannot change what is measured.
cp "${jars[0]}" "$out/old.jar"
cp "${jars[1]}" "$out/new.jar"
: >"$times"
fi
for ((r = 1; r <= runs; r++)); do
  [ -n "$report_only" ] && break
  for t in "${trees[@]}"; do
    name=$(basename "$t")
    if ((r % 2)); then order=(old new); else order=(new old); fi
    for v in "${order[@]}"; do
      echo "round $r/$runs: $name: $v" >&2
      set +e
      # shellcheck disable=SC2086
      /usr/bin/time -f "%e %U %S %M" -o "$out/time.txt" java $sg_jvm -jar "$out/$v.jar" audit \
        --include-generated --no-progress --timings "${job_args[@]}" --format json \
        --output "$out/$v-$name.json" "$t" >"$out/$v-$name.out" 2>"$out/$v-$name.err"
      rc=$?
      set -e
      read -r wall user sys kb < <(tail -n 1 "$out/time.txt")
      # "analysing 9.52 s (CPU 4.67 s)" in the phases line.
      phase=$(grep '^shareguard: phases:' "$out/$v-$name.err" | tail -n 1 |
        sed -n 's/.*analysing \([0-9.]*\) s (CPU \([0-9.]*\) s).*/\1 \2/p')
      read -r awall acpu <<<"${phase:-nan nan}"
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$r" "$name" "$v" "$awall" "$acpu" "$wall" \
        "$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')" "$kb" "$rc" >>"$times"
    done
  done
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
[ -n "$report_only" ] && load_end="(not known)"

median() { sort -g | awk '{a[NR]=$1} END {if (NR == 0) print "nan"; else print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
col() { # release variant column
  awk -F'\t' -v n="$1" -v v="$2" -v c="$3" '$2==n && $3==v {print $c}' "$times"
}
# Median over the rounds of NEW/OLD of a column, each round's two runs paired (release or all).
paired() { # release-or-empty column
  awk -F'\t' -v n="$1" -v c="$2" 'n == "" || $2 == n {v[$1 "\t" $3] += $c; r[$1] = 1}
    END {for (k in r) if (v[k "\told"] > 0) print v[k "\tnew"] / v[k "\told"]}' "$times" |
    median | awk '{if ($1 == "nan") print "-"; else printf "%.3f", $1}'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a == "nan" || b == "nan" || a + 0 == 0) print "-"; else printf "%.3f", b / a}'; }

echo "## Side by side: $(basename "${jars[0]}") (old) vs $(basename "${jars[1]}") (new)"
echo
echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(java -version 2>&1 | head -n 1); load average at the start: $load_start, at the end: $load_end."
echo "\`bench/compare.sh ${jars[*]} --runs $runs${jobs:+ --jobs $jobs}\`: medians of $runs interleaved rounds; peak RSS is the largest of any round."
echo "Ratios are new/old. \"analysing\" is the \`--timings\` phase (CPU: the whole process, all threads). \"paired\": the median over the rounds of each round's new/old analysing CPU (on the sum line: of each round's sums over the releases)."
echo
echo "| release | analysing CPU s old → new | ratio | paired | analysing wall s old → new | ratio | run CPU s old → new | ratio | peak RSS MiB old → new | ratio | reports |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
declare -A sum
for k in ac_old ac_new aw_old aw_new tc_old tc_new; do sum[$k]=0; done
for t in "${trees[@]}"; do
  name=$(basename "$t")
  declare -A m=()
  for v in old new; do
    m[aw_$v]=$(col "$name" "$v" 4 | median)
    m[ac_$v]=$(col "$name" "$v" 5 | median)
    m[tc_$v]=$(col "$name" "$v" 7 | median)
    m[kb_$v]=$(col "$name" "$v" 8 | sort -n | tail -n 1)
    m[rc_$v]=$(col "$name" "$v" 9 | sort -u | paste -sd/ -)
  done
  for k in ac_old ac_new aw_old aw_new tc_old tc_new; do
    sum[$k]=$(awk -v a="${sum[$k]}" -v b="${m[$k]}" 'BEGIN {print a + b}')
  done
  if cmp -s "$out/old-$name.json" "$out/new-$name.json"; then same=identical; else same=DIFFERENT; fi
  [ "${m[rc_old]}" = "${m[rc_new]}" ] || same="$same, exit ${m[rc_old]} vs ${m[rc_new]}"
  printf '| %s | %s → %s | %s | %s | %s → %s | %s | %s → %s | %s | %.0f → %.0f | %s | %s |\n' "$name" \
    "${m[ac_old]}" "${m[ac_new]}" "$(ratio "${m[ac_old]}" "${m[ac_new]}")" "$(paired "$name" 5)" \
    "${m[aw_old]}" "${m[aw_new]}" "$(ratio "${m[aw_old]}" "${m[aw_new]}")" \
    "${m[tc_old]}" "${m[tc_new]}" "$(ratio "${m[tc_old]}" "${m[tc_new]}")" \
    "$(awk -v k="${m[kb_old]}" 'BEGIN {print k / 1024}')" "$(awk -v k="${m[kb_new]}" 'BEGIN {print k / 1024}')" \
    "$(ratio "${m[kb_old]}" "${m[kb_new]}")" "$same"
done
printf '| **sum of medians** | %.2f → %.2f | **%s** | **%s** | %.2f → %.2f | **%s** | %.2f → %.2f | **%s** | | | |\n' \
  "${sum[ac_old]}" "${sum[ac_new]}" "$(ratio "${sum[ac_old]}" "${sum[ac_new]}")" "$(paired "" 5)" \
  "${sum[aw_old]}" "${sum[aw_new]}" "$(ratio "${sum[aw_old]}" "${sum[aw_new]}")" \
  "${sum[tc_old]}" "${sum[tc_new]}" "$(ratio "${sum[tc_old]}" "${sum[tc_new]}")"
echo
echo "Per-round figures: $times (round, release, variant, analysing wall, analysing CPU, run wall, run CPU, peak RSS KiB, exit)."
