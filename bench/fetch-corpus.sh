#!/usr/bin/env bash
# Fetches the sources jars of ../shared/corpus.tsv (or the file given) from Maven Central into
# bench/cache/<artifact>-<version>/ (unpacked), once. Usage: bench/fetch-corpus.sh [set] [corpus.tsv]
# set: bench, audit or all (default all). Prints the unpacked directories, one per line.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
set_name=${1:-all}
corpus=${2:-$here/../../shared/corpus.tsv}
cache=$here/cache
mkdir -p "$cache"
grep -v '^#' "$corpus" | while IFS=$'\t' read -r gav set notes; do
  [ -n "$gav" ] || continue
  if [ "$set_name" != all ] && [ "$set" != "$set_name" ]; then continue; fi
  IFS=: read -r g a v <<<"$gav"
  dir=$cache/$a-$v
  if [ ! -d "$dir" ]; then
    mvn -q -B dependency:copy -Dartifact="$g:$a:$v:jar:sources" -DoutputDirectory="$cache" \
      -Dmdep.overWriteIfNewer=false >&2
    mkdir -p "$dir.tmp"
    (cd "$dir.tmp" && jar xf "$cache/$a-$v-sources.jar")
    mv "$dir.tmp" "$dir"
  fi
  echo "$dir"
done
