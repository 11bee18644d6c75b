#!/usr/bin/env bash
# Regenerates src/ByteFluent/Versions/Tables/cpython-X.Y.json from every supported interpreter:
# 2.7 and 3.6-3.13 from pyenv, 3.14 and 3.15 from pyodide (tools/pyodide, `npm ci` there first);
# and src/ByteFluent/Versions/Tables/pypy-3.9.json from Debian's pypy3 when asked for `pypy3.9`.
#   tools/extract-opcode-tables/extract-all.sh [VERSION ...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/src/ByteFluent/Versions/Tables"
facts="$root/tools/opcode-facts"
pyenv_root="${PYENV_ROOT:-$HOME/.pyenv}"
mkdir -p "$out"
versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=(2.7 3.6 3.7 3.8 3.9 3.10 3.11 3.12 3.13 3.14 3.15)
[ -d "$root/tools/pyodide/node_modules" ] || (cd "$root/tools/pyodide" && npm ci --no-audit --no-fund)
for v in "${versions[@]}"; do
  start=$(date +%s.%N)
  name="cpython-$v.json"
  case "$v" in
    pypy3.9)
      name="pypy-3.9.json"
      pypy3 -E -B "$here/extract.py" "$out/$name" --facts "$facts" ;;
    3.14|3.15)
      node "$root/tools/pyodide/run-python.mjs" "$v" --mount="$out" --mount="$facts" \
        "$here/extract.py" "$out/cpython-$v.json" --facts "$facts" ;;
    *)
      exe=$(ls -d "$pyenv_root"/versions/"$v".*/bin/python 2>/dev/null | sort -V | tail -n 1)
      [ -n "$exe" ] || { echo "no pyenv interpreter for $v under $pyenv_root" >&2; exit 1; }
      "$exe" -E -B "$here/extract.py" "$out/cpython-$v.json" --facts "$facts" ;;
  esac
  printf '%s: %d opcodes, %.1fs\n' "$v" "$(grep -c '"number"' "$out/$name")" "$(echo "$(date +%s.%N) - $start" | bc)"
done
