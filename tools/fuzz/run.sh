#!/usr/bin/env bash
# Coverage-guided fuzzing of one reader with AFL++ and SharpFuzz:
#   bash tools/fuzz/run.sh TARGET MINUTES      TARGET: pyc marshal fromcode tocode asm table diff
# Builds tools/fuzz, instruments ByteFluent.dll with the SharpFuzz tool (installed into tools/fuzz/.tools),
# seeds from the stdlib of every pyenv version and ../shared/corpora (tools/fuzz/seeds.sh), runs afl-fuzz on one
# core for MINUTES, then minimises one input per distinct crash (tools/fuzz/keep.sh) into
# tests/ByteFluent.Tests/Hostile/crashes/TARGET/, which the test command replays. Work folders live in ${BYTEFLUENT_FUZZ_DIR:-/tmp/bytefluent-fuzz}.
set -euo pipefail
target="${1:?target}"; minutes="${2:?minutes}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="${BYTEFLUENT_FUZZ_DIR:-/tmp/bytefluent-fuzz}/$target"
bin="$here/bin/Release/net10.0"
command -v afl-fuzz >/dev/null || bash "$root/tools/install-deps.sh"

if [ ! -x "$here/.tools/sharpfuzz" ]; then
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$here/.tools" >/dev/null
fi
dotnet build "$here/ByteFluent.Fuzz.csproj" -c Release -nologo -clp:ErrorsOnly >/dev/null
# A private copy of the build with ByteFluent.dll instrumented (the tool refuses an already instrumented assembly).
rm -rf "$work/bin" && mkdir -p "$work" && cp -r "$bin" "$work/bin"
bin="$work/bin"
"$here/.tools/sharpfuzz" "$bin/ByteFluent.dll"

mkdir -p "$work"
if [ ! -d "$work/in" ]; then
  bash "$here/seeds.sh" "$target" "$work/in"
fi
resume=()
[ -d "$work/out/default" ] && resume=(-i -) || resume=(-i "$work/in")

export AFL_NO_AFFINITY=1 AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_AUTORESUME=1
export DOTNET_TieredPGO=0 DOTNET_gcServer=0
afl-fuzz "${resume[@]}" -o "$work/out" -t 5000 -m none -V $((minutes * 60)) -- dotnet "$bin/ByteFluent.Fuzz.dll" "$target" || true

stats="$work/out/default/fuzzer_stats"
if [ -f "$stats" ]; then
  grep -E '^(run_time|execs_done|execs_per_sec|corpus_count|bitmap_cvg|saved_crashes|saved_hangs|edges_found|total_edges)' "$stats"
fi

# One minimised input per distinct finding into the regression folder.
bash "$here/keep.sh" "$target"
