#!/usr/bin/env bash
# Builds the seed folder of one fuzz target OUTSIDE the repository (never copy corpora into it):
#   bash tools/fuzz/seeds.sh TARGET DIR
# Seeds: the smallest .pyc files of every pyenv version's standard-library __pycache__, the .pyc files of
# ../shared/corpora/ compiled by a supported version, text assembly of a few of them (asm), the opcode tables
# (table), and pairs of files (diff).
set -euo pipefail
target="$1"; out="$2"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
per_version="${BYTEFLUENT_FUZZ_SEEDS:-12}"
mkdir -p "$out"
pyenv_root="$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")"

# The N smallest stdlib .pyc files (over 200 bytes: an empty module teaches little) of each version.
stdlib_seeds() {
  for v in "$pyenv_root"/versions/*/; do
    find "$v"lib/python*/__pycache__ -maxdepth 1 -name '*.pyc' -size +200c -size -6k 2>/dev/null \
      | xargs -r ls -S 2>/dev/null | tail -n "$per_version" || true
    find "$v"lib/python2.7 -maxdepth 1 -name '*.pyc' -size +200c -size -6k 2>/dev/null \
      | xargs -r ls -S 2>/dev/null | tail -n "$per_version" || true
  done
}

# Small corpora files of the supported versions (2.7, 3.6+), by folder name.
corpus_seeds() {
  local corpora="$root/../shared/corpora"
  [ -d "$corpora" ] || corpora=/work/shared/corpora
  find "$corpora" -name '*.pyc' -size -4k 2>/dev/null | grep -E '(2\.7|3\.(6|7|8|9|10|11|12))' | sort | awk 'NR % 7 == 0' | head -n 60 || true
}

case "$target" in
  pyc|fromcode|tocode)
    { stdlib_seeds; corpus_seeds; } | while read -r f; do cp "$f" "$out/$(echo "$f" | md5sum | cut -c1-12).pyc"; done ;;
  marshal)
    # A version byte (the index of the file's version among the supported ones) then the marshal stream after the
    # header, for every version's stdlib files and the corpora sample.
    { stdlib_seeds; corpus_seeds; } | xargs -r dotnet "$root/tools/fuzz/bin/Release/net10.0/ByteFluent.Fuzz.dll" marshal --seeds "$out" >/dev/null ;;
  asm)
    dotnet build "$root/src/ByteFluent.Cli" -c Release -nologo -clp:ErrorsOnly >/dev/null
    # Every third small stdlib file (about four per version) and a few corpora files, written by `dis --format asm`.
    { stdlib_seeds | awk 'NR % 3 == 0'; corpus_seeds | head -n 12; } | while read -r f; do
      dotnet "$root/src/ByteFluent.Cli/bin/Release/net10.0/ByteFluent.Cli.dll" dis --format asm "$f" > "$out/$(echo "$f" | md5sum | cut -c1-12).pyasm" 2>/dev/null || true
    done ;;
  table)
    cp "$root"/src/ByteFluent/Versions/Tables/cpython-*.json "$out/" ;;
  diff)
    mapfile -t files < <(stdlib_seeds | head -n 40)
    for ((i = 0; i + 1 < ${#files[@]}; i += 2)); do
      a="${files[$i]}"; b="${files[$((i + 1))]}"
      n=$(stat -c %s "$a")
      { printf "\\x$(printf %02x $((n & 255)))\\x$(printf %02x $((n >> 8 & 255)))"; cat "$a" "$b"; } > "$out/pair$i.bin"
    done ;;
  *) echo "unknown target $target" >&2; exit 2 ;;
esac
echo "$(ls "$out" | wc -l) seeds in $out"
