#!/usr/bin/env bash
# Keeps one minimised input per distinct finding of a campaign as a regression file:
#   bash tools/fuzz/keep.sh TARGET
# Replays every crash with the uninstrumented build of tools/fuzz (run it before fixing), groups them by exception
# type and the first words of the message (numbers blanked), minimises the first input of each group with afl-tmin
# into tests/ByteFluent.Tests/Hostile/crashes/TARGET/, which the test command replays; hangs are kept as found (at
# most five). Prints one line per group with its count.
set -euo pipefail
target="${1:?target}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="${BYTEFLUENT_FUZZ_DIR:-/tmp/bytefluent-fuzz}/$target"
bin="$here/bin/Release/net10.0"   # the uninstrumented build (an instrumented one faults outside afl-fuzz): run before fixing
keep="$root/tests/ByteFluent.Tests/Hostile/crashes/$target"
crashes="$work/out/default/crashes"
hangs="$work/out/default/hangs"

if compgen -G "$crashes/id:*" >/dev/null; then
  declare -A first=() count=()
  while IFS= read -r line; do
    file="${line%%: *}"
    words="$(echo "${line#*: }" | sed -E 's/[0-9]+/N/g' | cut -d' ' -f1-7)"
    count[$words]=$(( ${count[$words]:-0} + 1 ))
    [ -n "${first[$words]:-}" ] || first[$words]="$file"
  done < <(dotnet "$bin/ByteFluent.Fuzz.dll" "$target" --replay "$crashes" | grep -F "$crashes/id:" || true)
  for words in "${!first[@]}"; do
    f="${first[$words]}"
    mkdir -p "$keep"
    name="crashes-$(md5sum < "$f" | cut -c1-12)"
    echo "${count[$words]} x $words -> $name"
    [ -f "$keep/$name" ] && continue
    timeout 300 afl-tmin -i "$f" -o "$keep/$name" -t 10000 -m none -- dotnet "$work/bin/ByteFluent.Fuzz.dll" "$target" >/dev/null 2>&1 \
      || cp "$f" "$keep/$name"
  done
fi

n=0
for f in "$hangs"/id:*; do
  [ -f "$f" ] && [ $n -lt 5 ] || continue
  mkdir -p "$keep"
  cp "$f" "$keep/hangs-$(md5sum < "$f" | cut -c1-12)"
  n=$((n + 1))
done
