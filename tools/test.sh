#!/usr/bin/env bash
# Runs ByteFluent's whole test suite on a fresh machine: installs the pyodide oracles (npm ci, from the
# lock file), restores and builds the solution, runs every test project, and ends with one line
# "N passed, N failed".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

echo "== Debian packages (pypy3, python3-bytecode, graphviz, afl++)"
bash tools/install-deps.sh

echo "== pyodide oracles (CPython 3.14, 3.15)"
(cd tools/pyodide && npm ci --no-audit --no-fund --loglevel=error)

echo "== build"
dotnet build ByteFluent.sln -c Release -warnaserror -nologo -clp:ErrorsOnly

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
echo "== test"
dotnet test ByteFluent.sln -c Release --no-build -nologo --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" || status=$?

# dotnet test prints a summary per test assembly: "Total tests: N", then "Passed: N", "Failed: N", "Skipped: N".
read -r passed failed skipped < <(awk '
  /^Total tests:/ { inside = 1; next }
  inside && $1 == "Passed:"  { p += $2 }
  inside && $1 == "Failed:"  { f += $2 }
  inside && $1 == "Skipped:" { s += $2 }
  /Total time:/ { inside = 0 }
  END { print p+0, f+0, s+0 }' "$log")
echo
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "no test ran" >&2
  exit 1
fi
exit "$status"
