#!/usr/bin/env bash
# Installs the Debian packages the tests and tools use, when they are missing (idempotent, quiet):
#   pypy3            a real PyPy 3.9: oracle and corpus for the PyPy tables
#   python3-bytecode the `bytecode` library for the system python3.11: the peer in the corpus benchmark
#   graphviz         `dot`, for `bytefluent cfg --format svg`
#   afl++            the coverage-guided fuzzer behind tools/fuzz
# Needs root (CI and the developers' machines run as root); prints what it installs.
set -euo pipefail

want=(pypy3 python3-bytecode graphviz afl++)
missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
echo "installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
