#!/usr/bin/env bash
# Regenerates the pictures of docs/cfg.md: docs/cfg/example.py compiled by CPython 2.7, 3.10, 3.12 (pyenv) and
# 3.14 (pyodide), and `bytefluent cfg --code classify` of each as SVG (Graphviz) and Mermaid.
# CfgPicturesTests checks that the checked-in files are what the tool draws today.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dotnet build src/ByteFluent.Cli -c Release -nologo -clp:ErrorsOnly >/dev/null
cli=(dotnet src/ByteFluent.Cli/bin/Release/net10.0/ByteFluent.Cli.dll)
pyenv_root="$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")"
cp docs/cfg/example.py "$work/example.py"
compile='import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], dfile="example.py", doraise=True)'
for v in 2.7 3.10 3.12 3.14; do
  out="$work/example-$v.pyc"
  if [ "$v" = 3.14 ]; then
    printf '%s\n' "$compile" > "$work/compile.py"
    node tools/pyodide/run-python.mjs 3.14 "--mount=$work" "$work/compile.py" "$work/example.py" "$out"
  else
    py="$(ls -d "$pyenv_root"/versions/"$v".*/bin/python | head -n 1)"
    "$py" -c "$compile" "$work/example.py" "$out"
  fi
  "${cli[@]}" cfg "$out" --code classify --format svg -o "docs/cfg/classify-$v.svg"
  "${cli[@]}" cfg "$out" --code classify --format mermaid -o "docs/cfg/classify-$v.mmd"
  echo "docs/cfg/classify-$v.svg"
done
