#!/usr/bin/env python3
"""Runs CPython's own regression tests on a standard library whose .pyc files ByteFluent rewrote.

For a native interpreter (2.7, 3.6-3.13) and a transform, the harness
  1. builds a private copy of the interpreter's installation under .build/cpython-tests/X.Y/<transform>/prefix
     (hard links, so it is fast and small) in which every standard-library and test .pyc is replaced by the
     output of `bytefluent rewrite STAGE OUT --transform T` (headers, hence source timestamps, kept);
  2. verifies that the private interpreter is isolated (sys.prefix, sys.path), that the importer accepts every
     rewritten .pyc, and that the functions it runs are the rewritten code (verify_prefix.py);
  3. runs `python -m test -v` (2.7: `-m test.regrtest -v`) with the private interpreter and parses the outcome of
     every test case and module;
  4. compares them with the same tests on a private copy holding the unmodified .pyc files (the baseline,
     cached per version and test list) and prints the differences.
Host: any python3 >= 3.8. See README.md for commands.
"""
import argparse
import hashlib
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BUILD = os.path.join(ROOT, ".build", "cpython-tests")
NATIVE_VERSIONS = ["2.7", "3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13"]

# The CI subset: grammar, exceptions, generators, coroutines, closures, classes, with-statements, pattern
# matching and a few library modules whose pure-Python code the transforms rewrite. Missing ones are dropped
# per version (2.7 has no test_coroutines/test_patma/test_exception_group).
CI_SUBSET = ["test_grammar", "test_exceptions", "test_generators", "test_coroutines", "test_scope", "test_class",
             "test_with", "test_contextlib", "test_patma", "test_exception_group", "test_itertools", "test_json",
             "test_re", "test_string", "test_set"]

# Transforms the harness applies itself, without ByteFluent: "baseline" keeps the original files (the
# reference run), "copy" copies them (a stand-in used to develop and time the harness), "py-marker" appends a
# marker constant to every code object with the target interpreter's own marshal (proves the isolation
# independently of ByteFluent). Every other name is passed to `bytefluent rewrite --transform NAME`.
BUILTIN_TRANSFORMS = {"baseline", "copy", "py-marker"}
# Transforms whose output equals the input code: the bytecode-inspecting exclusions do not apply to them.
UNCHANGED_TRANSFORMS = {"baseline", "copy", "identity"}

# Tests whose purpose is to inspect bytecode itself; excluded only for transforms that change code objects.
# Each entry: test module -> reason.
BYTECODE_EXCLUSIONS = {
    "test_dis": "compares disassembly of functions defined in the test module with expected listings, offsets "
                "and opcodes (any inserted instruction shows up)",
    "test_peepholer": "asserts which instructions the compiler's optimizer left in functions of the test module",
    "test_lltrace": "compares the trace of every executed instruction of test-module functions",
    "test_monitoring": "compares sys.monitoring INSTRUCTION/JUMP/BRANCH events, which carry bytecode offsets, "
                       "of test-module functions with expected lists",
    "test_code": "asserts co_code, co_consts order, co_positions and co_lines of test-module functions",
}

OUTCOME_WORDS = ("ok", "FAIL", "ERROR", "skipped", "expected failure", "unexpected success")


# ----------------------------------------------------------------------------------------------- interpreters

def pyenv_root():
    env = os.environ.get("PYENV_ROOT")
    return env if env and os.path.isdir(env) else os.path.expanduser("~/.pyenv")


def install_dir(version):
    base = os.path.join(pyenv_root(), "versions")
    for name in sorted(os.listdir(base)):
        parts = name.split(".")
        if len(parts) == 3 and ".".join(parts[:2]) == version and parts[2].isdigit():
            return os.path.join(base, name)
    raise SystemExit("Python %s is not installed under %s" % (version, base))


def exe_name(version):
    return "python" + version


def is_opt(name):
    return ".opt-" in name or name.endswith(".pyo")


# ------------------------------------------------------------------------------------------------ the prefix

class HarnessError(Exception):
    """A (version, transform) run that could not be made or verified; reported, and the next one runs."""


def link_or_copy(src, dst):
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def in_subset(rel, tests):
    """Whether a stdlib .pyc (path relative to lib/pythonX.Y) is rewritten when only `tests` will run: everything
    except test code the run cannot reach -- other test_* modules of the test package and the test folders of other
    packages (lib2to3/tests, unittest/test, idlelib/idle_test, ...). Those keep their original .pyc."""
    parts = rel.split(os.sep)
    if parts[0] == "test" and len(parts) > 1:
        first = parts[1].split(".")[0] if len(parts) == 2 else parts[1]
        if first == "__pycache__" and len(parts) == 3:
            first = parts[2].split(".")[0]
        return not first.startswith("test_") or first in tests
    for k in range(1, len(parts) - 1):
        if parts[k] in ("test", "tests", "idle_test"):
            return "test_" + parts[k - 1] in tests  # e.g. 2.7's test_json runs json/tests
    return True


def build_stage(version, with_opt, tests):
    """Hard links of the original stdlib+test .pyc files (site-packages excluded): the rewrite input. With a test
    list (CI mode) only what those tests can reach (see in_subset); None means every file."""
    inst = install_dir(version)
    lib = os.path.join(inst, "lib", "python" + version)
    name = "stage" + ("-opt" if with_opt else "") + ("" if tests is None else "-" + tests_key(tests))
    stage = os.path.join(BUILD, version, name)
    stamp = os.path.join(stage + ".done")
    if os.path.exists(stamp) and open(stamp).read() == inst:
        return stage
    shutil.rmtree(stage, ignore_errors=True)
    count = 0
    for root, dirs, files in os.walk(lib):
        rel = os.path.relpath(root, lib)
        if rel.split(os.sep)[0] == "site-packages":
            dirs[:] = []
            continue
        for name in files:
            if not (name.endswith(".pyc") or name.endswith(".pyo")) or (is_opt(name) and not with_opt):
                continue
            if tests is not None and not in_subset(os.path.normpath(os.path.join(rel, name)), tests):
                continue
            os.makedirs(os.path.join(stage, rel), exist_ok=True)
            link_or_copy(os.path.join(root, name), os.path.join(stage, rel, name))
            count += 1
    with open(stamp, "w") as f:
        f.write(inst)
    return stage


def build_prefix(version, transform, with_opt, rewriter, tests):
    """A private installation: everything hard-linked from the original, except the stdlib .pyc files, which
    come from the transform. Its bin/pythonX.Y is a hard link, so the interpreter finds its prefix from its own
    location (also in subprocesses started with -E/-I, which ignore PYTHONHOME)."""
    inst = install_dir(version)
    stage = build_stage(version, with_opt, tests)
    top = os.path.join(BUILD, version, transform)
    prefix = os.path.join(top, "prefix")
    shutil.rmtree(top, ignore_errors=True)
    lib_rel = os.path.join("lib", "python" + version)
    t0 = time.time()
    for root, dirs, files in os.walk(inst):
        rel = os.path.relpath(root, inst)
        in_stdlib = (rel + os.sep).startswith(lib_rel + os.sep) and \
            not (rel + os.sep).startswith(os.path.join(lib_rel, "site-packages") + os.sep)
        os.makedirs(os.path.join(prefix, rel), exist_ok=True)
        if rel == os.path.join(lib_rel, "site-packages"):
            dirs[:] = []  # third-party packages are not part of the stdlib under test (and not needed by it)
            continue
        for name in dirs:
            p = os.path.join(root, name)
            if os.path.islink(p):
                os.symlink(os.readlink(p), os.path.join(prefix, rel, name))
        dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(root, d))]
        for name in files:
            p = os.path.join(root, name)
            q = os.path.join(prefix, rel, name)
            if os.path.islink(p):
                os.symlink(os.readlink(p), q)
            elif in_stdlib and (name.endswith(".pyc") or name.endswith(".pyo")):
                # Provided by the transform; test code the selected tests cannot reach keeps its original file;
                # -O/-OO files without --opt are absent.
                if tests is not None and not is_opt(name) and \
                        not in_subset(os.path.normpath(os.path.join(os.path.relpath(rel, lib_rel), name)), tests):
                    link_or_copy(p, q)
                continue
            else:
                link_or_copy(p, q)
    link_time = time.time() - t0
    out = os.path.join(prefix, lib_rel)
    t0 = time.time()
    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    rewrite_failure = rewrite(version, transform, stage, out, rewriter)
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    rewrite_time = time.time() - t0
    rewrite_cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    return prefix, stage, {"link_seconds": round(link_time, 1), "rewrite_seconds": round(rewrite_time, 1),
                           "rewrite_cpu_seconds": round(rewrite_cpu, 1), "rewrite_failure": rewrite_failure}


def rewrite(version, transform, stage, out, rewriter):
    """Writes the transformed .pyc files of STAGE under OUT; returns None, or what went wrong."""
    if transform in ("baseline", "copy"):
        for root, dirs, files in os.walk(stage):
            rel = os.path.relpath(root, stage)
            os.makedirs(os.path.join(out, rel), exist_ok=True)
            for name in files:
                if transform == "baseline":
                    link_or_copy(os.path.join(root, name), os.path.join(out, rel, name))
                else:
                    shutil.copy2(os.path.join(root, name), os.path.join(out, rel, name))
        return
    if transform == "py-marker":
        exe = os.path.join(install_dir(version), "bin", exe_name(version))
        run_checked([exe, "-E", os.path.join(HERE, "marker_standin.py"), stage, out])
        return
    p = subprocess.run(rewriter + ["rewrite", stage, out, "--transform", transform], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, universal_newlines=True)
    if p.returncode != 0:
        # Files that failed are not written; the verification reports them as missing and the run fails.
        errors = [line for line in p.stderr.splitlines() if line.startswith("error: ")]
        return {"exit_code": p.returncode, "summary": p.stdout.strip(), "errors": errors[:30]}
    return None


def run_checked(cmd, **kw):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, **kw)
    if p.returncode != 0:
        raise SystemExit("command failed (%d): %s\n%s" % (p.returncode, " ".join(cmd), p.stdout[-4000:]))
    return p.stdout


def private_env():
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # nothing may be recompiled next to the rewritten files
    # Some full-suite tests create ~/.local/lib/pythonX.Y/site-packages; once it exists, site.py would put it on
    # sys.path of every later run, outside the private prefix (verification then rightly refuses the run).
    env["PYTHONNOUSERSITE"] = "1"
    env["LC_ALL"] = env.get("LC_ALL", "C.UTF-8")
    return env


def verify(version, prefix, stage, transform):
    exe = os.path.join(prefix, "bin", exe_name(version))
    modules = ["json", "json.decoder", "re", "collections", "string", "contextlib", "textwrap", "argparse",
               "test.support"] + ["test." + t for t in existing_tests(version, CI_SUBSET)]
    changes = "0" if transform in UNCHANGED_TRANSFORMS else "1"
    out = run_checked([exe, os.path.join(HERE, "verify_prefix.py"), prefix, stage, changes] + modules,
                      env=private_env(), cwd=os.path.join(prefix, ".."))
    report = json.loads(out.strip().splitlines()[-1])
    return report


# ------------------------------------------------------------------------------------------------ running tests

def existing_tests(version, names):
    lib = os.path.join(install_dir(version), "lib", "python" + version, "test")
    return [n for n in names if os.path.exists(os.path.join(lib, n + ".py")) or os.path.isdir(os.path.join(lib, n))]


def regrtest_command(version, prefix, tests, excluded, jobs, timeout):
    """tests None: regrtest's own discovery (the full suite), minus `excluded` through -x."""
    exe = os.path.join(prefix, "bin", exe_name(version))
    cmd = [exe, "-m", "test.regrtest" if version == "2.7" else "test", "-v"]
    if jobs > 1:
        cmd.append("-j%d" % jobs)
    if version != "2.7" and timeout:
        cmd += ["--timeout", str(timeout)]
    if tests is None:
        return cmd + (["-x"] + sorted(excluded) if excluded else [])
    return cmd + tests


def run_tests(version, prefix, tests, excluded, jobs, timeout, log_path):
    cmd = regrtest_command(version, prefix, tests, excluded, jobs, timeout)
    work = os.path.join(os.path.dirname(prefix), "work")
    os.makedirs(work, exist_ok=True)
    t0 = time.time()
    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(log_path, "w") as log:
        log.write("$ " + " ".join(cmd) + "\n")
        log.flush()
        p = subprocess.run(["nice", "-n", "10"] + cmd, stdout=log, stderr=subprocess.STDOUT, cwd=work,
                           env=private_env())
    seconds = time.time() - t0
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    with open(log_path, errors="replace") as f:
        text = f.read()
    if tests is None:
        tests = sorted(set(STARTED_MODULE.findall(text)))
    result = parse_output(text, tests)
    result["tests"] = tests
    result.update({"seconds": round(seconds, 1), "cpu_seconds": round(cpu, 1), "exit_code": p.returncode,
                   "log": log_path})
    return result


# ------------------------------------------------------------------------------------------------ parsing

TEST_LINE = re.compile(r"^(\w+) \(([\w.]+)\)(?: \((.*)\))?(?:\n.*?)? \.\.\. ?(.*)$")
STARTED_MODULE = re.compile(r"\[\s*\d+/\d+(?:/\d+)?\]\s+(test_\w+)")
DOCTEST_LINE = re.compile(r"^Doctest: (\S+) \.\.\. ?(.*)$")
HEADER_LINE = re.compile(r"^(\w+) \(([\w.]+)\)$")
SUMMARY_BLOCK = re.compile(r"^(FAIL|ERROR|UNEXPECTED SUCCESS): (\w+) \(([\w.]+)\)")
COUNT_LINE = re.compile(r"^(?:All )?(\d+) tests? (.+?)[.:]$")
RESULT_MODULE = re.compile(r"^(test_\w+) (failed|crashed|skipped|passed|was skipped|run no tests)\b")


def test_id(name, where):
    """'test.test_x.Class.test_y' from the verbose line of any version (3.11+ already ends with the name)."""
    return where if where.endswith("." + name) else where + "." + name


def outcome_of(text):
    text = text.strip()
    for word in OUTCOME_WORDS:
        if text == word or text.startswith(word + " ") or (word == "skipped" and text.startswith("skipped")):
            return word
    return None


SEVERITY = {"ok": 0, "skipped": 1, "expected failure": 1, "unexpected success": 2, "FAIL": 3, "ERROR": 4}


def parse_output(text, tests):
    """Per-test-case outcomes and per-module results from `-v` output. A test whose status word comes on a
    later line (the test printed something first) is completed by the next bare status line; subtest failures
    and errors in setUp/tearDown are taken from the FAIL:/ERROR: blocks of the final report."""
    cases = {}
    lines = text.splitlines()
    pending = None

    def record(tid, word, new_case):
        if new_case and tid in cases:  # the same test run twice in one module (e.g. listed by two suites)
            n = 2
            while "%s#%d" % (tid, n) in cases:
                n += 1
            tid = "%s#%d" % (tid, n)
        cases[tid] = worst(cases.get(tid), word)
        return tid

    i = 0
    while i < len(lines):
        line = lines[i]
        if HEADER_LINE.match(line) and i + 1 < len(lines) and " ... " in lines[i + 1]:
            # "test_x (mod.Class)" then "Docstring first line ... ok"
            line = line + lines[i + 1][lines[i + 1].index(" ... "):]
            i += 1
        m = TEST_LINE.match(line) or DOCTEST_LINE.match(line)
        if m and " ... " in line:
            tid = "doctest:" + m.group(1) if m.re is DOCTEST_LINE else test_id(m.group(1), m.group(2))
            word = outcome_of(m.group(m.lastindex))
            if word:
                record(tid, word, True)
                pending = None
            else:
                pending = tid
        elif pending:
            word = outcome_of(line)
            if word:
                record(pending, word, True)
                pending = None
        block = SUMMARY_BLOCK.match(line)
        if block:
            kind = {"FAIL": "FAIL", "ERROR": "ERROR", "UNEXPECTED SUCCESS": "unexpected success"}[block.group(1)]
            record(test_id(block.group(2), block.group(3)), kind, False)
        i += 1
    return {"cases": cases, "modules": parse_modules(lines, tests)}


def worst(a, b):
    if a is None:
        return b
    return a if SEVERITY[a] >= SEVERITY[b] else b


def parse_modules(lines, tests):
    """Module results from the final summary ('N tests OK.', '2 tests failed:' + indented names, ...)."""
    status = {}
    start = 0
    for i, line in enumerate(lines):
        if line.startswith("== Tests result") or re.match(r"^(All )?\d+ tests? (OK|failed)", line):
            start = i
            break
    i = start
    ok_count = None
    while i < len(lines):
        m = COUNT_LINE.match(lines[i].strip()) if not lines[i].startswith(" ") else None
        if m:
            category = m.group(2)
            if category == "OK":
                ok_count = int(m.group(1))
            j = i + 1
            while lines[i].rstrip().endswith(":") and j < len(lines) and lines[j].startswith("    "):
                for name in lines[j].split():
                    status[name] = normalize_category(category)
                j += 1
            i = j
            continue
        i += 1
    for t in tests:
        status.setdefault(t, "OK" if ok_count is not None else "missing")
    return status


def normalize_category(category):
    if "env changed" in category or "altered the execution environment" in category:
        return "env changed"
    return category


# ------------------------------------------------------------------------------------------------ comparing

def diff_outcomes(base, other, sections):
    """Entries whose outcome differs between two runs; `sections` maps a result key to (diff kind, missing value)."""
    diffs = []
    for key, (kind, missing) in sections:
        for t in sorted(set(base[key]) | set(other[key])):
            a, b = base[key].get(t, missing), other[key].get(t, missing)
            if a != b:
                diffs.append({"kind": kind, "test": t, "baseline": a, "transformed": b})
    return diffs


def compare(base, other):
    return diff_outcomes(base, other, [("modules", ("module", "absent")), ("cases", ("case", "absent"))])


def counts(result):
    c = {}
    for word in result["cases"].values():
        c[word] = c.get(word, 0) + 1
    return c


# ------------------------------------------------------------------------------------------------ commands

def default_rewriter():
    for cfg in ("Release", "Debug"):
        dll = os.path.join(ROOT, "src", "ByteFluent.Cli", "bin", cfg, "net10.0", "ByteFluent.Cli.dll")
        if os.path.exists(dll):
            return ["dotnet", dll]
    return None


def select_tests(version, args):
    if args.tests:
        return existing_tests(version, args.tests)
    if args.subset == "full":
        return None  # regrtest's own discovery
    return existing_tests(version, CI_SUBSET)


def run_one(version, transform, tests, args, rewriter):
    """Prefix + verification + tests for one (version, transform); returns the result dict."""
    t0 = time.time()
    excluded = {}
    if transform not in UNCHANGED_TRANSFORMS:
        candidates = BYTECODE_EXCLUSIONS if tests is None else tests
        excluded = {t: BYTECODE_EXCLUSIONS[t] for t in candidates if t in BYTECODE_EXCLUSIONS}
    if tests is not None:
        tests = [t for t in tests if t not in excluded]
    prefix, stage, timing = build_prefix(version, transform, args.opt, rewriter, tests)
    t1 = time.time()
    report = verify(version, prefix, stage, transform)
    timing["verify_seconds"] = round(time.time() - t1, 1)
    failure = timing["rewrite_failure"]
    if failure:
        raise HarnessError("bytefluent rewrite failed for %s %s: %s\n  %s" % (
            version, transform, failure["summary"], "\n  ".join(e[:300] for e in failure["errors"][:8])))
    if report["problems"]:
        raise HarnessError("verification failed for %s %s:\n  %s" % (version, transform,
                                                                     "\n  ".join(report["problems"])))
    for finding in report["findings"]:
        say("  %s %s verification finding: %s" % (version, transform, finding))
    log = os.path.join(BUILD, version, "logs", "%s-%s.log" % (transform, tests_key(tests)))
    os.makedirs(os.path.dirname(log), exist_ok=True)
    result = run_tests(version, prefix, tests, excluded, args.jobs, args.timeout, log)
    result.update(timing)
    result.update({"version": version, "transform": transform, "excluded": excluded,
                   "verification": {k: report[k] for k in ("prefix", "headers_checked", "execution", "findings")},
                   "total_seconds": round(time.time() - t0, 1)})
    if not args.keep:
        t1 = time.time()
        shutil.rmtree(os.path.join(BUILD, version, transform), ignore_errors=True)
        result["cleanup_seconds"] = round(time.time() - t1, 1)
    return result


# Bumped whenever private_env() changes, so a cached baseline always ran in the same environment as the transforms.
ENV_REVISION = 2


def tests_key(tests):
    return "full" if tests is None else hashlib.sha1(" ".join(tests).encode()).hexdigest()[:10]


def baseline(version, tests, args):
    """The unmodified run, cached per interpreter and test list (CI starts clean, so it runs there)."""
    path = os.path.join(BUILD, version, "baseline-%s.json" % tests_key(tests))
    inst = install_dir(version)
    if os.path.exists(path) and not args.fresh_baseline:
        with open(path) as f:
            cached = json.load(f)
        if cached.get("install") == inst and cached.get("env") == ENV_REVISION and os.path.exists(cached["log"]):
            with open(cached["log"], errors="replace") as f:  # parsed again: the parser may have improved
                cached.update(parse_output(f.read(), cached["tests"]))
            cached["cached"] = True
            return cached
    result = run_one(version, "baseline", tests, args, None)
    result["install"] = inst
    result["env"] = ENV_REVISION
    with open(path, "w") as f:
        json.dump(result, f, indent=1, sort_keys=True)
    result["cached"] = False
    return result


def cmd_run(args):
    rewriter = args.rewriter.split() if args.rewriter else default_rewriter()
    versions = NATIVE_VERSIONS if args.version == ["all"] else args.version
    transforms = args.transform
    if any(t not in BUILTIN_TRANSFORMS for t in transforms) and not rewriter:
        raise SystemExit("no bytefluent found: build src/ByteFluent.Cli or pass --rewriter 'CMD ...'")
    summary = {"runs": []}
    failed = False
    for version in versions:
        tests = select_tests(version, args)
        base = baseline(version, tests, args)
        say("%s baseline: %s in %ss (cpu %ss)%s" % (version, fmt_counts(base), base["seconds"],
                                                    base.get("cpu_seconds"), " (cached)" if base["cached"] else ""))
        for transform in transforms:
            if transform == "baseline":
                continue
            try:
                res = run_one(version, transform, tests, args, rewriter)
            except HarnessError as e:
                failed = True
                say("%s %s: FAILED\n  %s" % (version, transform, e))
                summary["runs"].append({"version": version, "transform": transform, "error": str(e),
                                        "differences": [{"kind": "harness", "test": "-", "baseline": "-",
                                                         "transformed": str(e)[:2000]}]})
                continue
            base_view = restrict(base, res["tests"])
            diffs = compare(base_view, res)
            failed |= bool(diffs)
            say("%s %s: %s in %ss (cpu %ss; total %ss: prefix %ss, rewrite %ss, verified %d functions in %d "
                "modules)%s" % (
                version, transform, fmt_counts(res), res["seconds"], res["cpu_seconds"], res["total_seconds"],
                res["link_seconds"],
                res["rewrite_seconds"],
                res["verification"]["execution"]["functions"], res["verification"]["execution"]["modules"],
                "" if not diffs else " -- %d DIFFERENCES" % len(diffs)))
            for d in diffs[:40]:
                say("    %s %s: baseline %s, %s %s" % (d["kind"], d["test"], d["baseline"], transform,
                                                      d["transformed"]))
            res["differences"] = diffs
            entry = {k: res[k] for k in ("version", "transform", "tests", "excluded", "seconds", "rewrite_seconds",
                                         "link_seconds", "cpu_seconds", "verify_seconds", "total_seconds", "rewrite_cpu_seconds",
                                         "differences", "verification", "log")}
            entry.update({"counts": counts(res), "baseline_counts": counts(base_view),
                          "baseline_seconds": base["seconds"], "baseline_cpu_seconds": base.get("cpu_seconds"),
                          "baseline_cached": base["cached"]})
            summary["runs"].append(entry)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(summary, f, indent=1, sort_keys=True)
    return 1 if failed else 0


def restrict(result, tests):
    """The baseline seen through a transform's exclusions (excluded modules and their cases removed)."""
    keep = set(tests)
    dropped = ["test.%s" % t for t in result["tests"] if t not in keep]
    prefixes = tuple(d + "." for d in dropped)
    # A package's sub-modules (test_gdb.test_misc) are reported under their own names; a doctest case may be named
    # after its module alone (test.test_code).
    return {"modules": {t: s for t, s in result["modules"].items() if t.split(".")[0] in keep},
            "cases": {t: s for t, s in result["cases"].items()
                      if not (prefixes and (t.startswith(prefixes) or t in dropped))}}


def fmt_counts(result):
    c = counts(result)
    mods = {}
    for s in result["modules"].values():
        mods[s] = mods.get(s, 0) + 1
    return "%d cases %s; modules %s" % (sum(c.values()), json.dumps(c, sort_keys=True),
                                        json.dumps(mods, sort_keys=True))


def say(text):
    print(text, flush=True)


# ------------------------------------------------------------------------------------------------ pyodide

PYODIDE_VERSIONS = ["3.14", "3.15"]


def run_pyodide(version, mounts, args):
    tools = os.path.join(ROOT, "tools", "pyodide")
    if not os.path.isdir(os.path.join(tools, "node_modules")):
        run_checked(["npm", "ci", "--no-audit", "--no-fund"], cwd=tools)
    cmd = ["nice", "-n", "10", "node", os.path.join(tools, "run-python.mjs"), version]
    cmd += ["--mount=" + m for m in mounts] + [os.path.join(HERE, "pyodide_check.py")] + args
    out = run_checked(cmd)
    return json.loads(out.strip().splitlines()[-1])


def pyodide_stage(version):
    """Sourceless .pyc files of pyodide's stdlib and of the test programs, compiled inside pyodide."""
    top = os.path.join(BUILD, version)
    stage = os.path.join(top, "stage")
    programs = os.path.join(HERE, "programs")
    key = hashlib.sha1()
    for name in sorted(os.listdir(programs)):
        with open(os.path.join(programs, name), "rb") as f:
            key.update(name.encode() + f.read())
    lock = os.path.join(ROOT, "tools", "pyodide", "package-lock.json")
    with open(lock, "rb") as f:
        key.update(f.read())
    stamp = stage + ".done"
    if os.path.exists(stamp) and open(stamp).read() == key.hexdigest():
        return stage
    shutil.rmtree(stage, ignore_errors=True)
    os.makedirs(stage)
    info = run_pyodide(version, [top], ["compile", stage, programs])
    say("%s: compiled %d stdlib modules and %d programs in pyodide" % (version, info["written"], info["programs"]))
    with open(stamp, "w") as f:
        f.write(key.hexdigest())
    return stage


def pyodide_one(version, transform, rewriter):
    stage = pyodide_stage(version)
    top = os.path.join(BUILD, version)
    t0 = time.time()
    if transform == "baseline":
        directory = stage
    else:
        directory = os.path.join(top, transform)
        shutil.rmtree(directory, ignore_errors=True)
        os.makedirs(directory)
        failure = rewrite(version, transform, stage, directory, rewriter)
    rewrite_seconds = time.time() - t0
    if transform != "baseline" and failure:
        return {"imports": {}, "programs": {}, "verification": {"modules": 0, "functions": 0},
                "problems": ["bytefluent rewrite failed: %s" % failure["summary"]] + failure["errors"],
                "seconds": 0, "rewrite_seconds": round(rewrite_seconds, 1)}
    t0 = time.time()
    report = run_pyodide(version, [top], ["check", directory, stage])
    report["seconds"] = round(time.time() - t0, 1)
    report["rewrite_seconds"] = round(rewrite_seconds, 1)
    stats = report["verification"]
    changes = transform not in UNCHANGED_TRANSFORMS
    if changes and stats["differ_from_original"] * 10 < stats["functions"]:
        report["problems"].append("the transform changes code but over 90% of running functions equal the original")
    if not changes and stats["differ_from_original"]:
        report["problems"].append("%d running functions differ from the original" % stats["differ_from_original"])
    if stats["modules"] < 100:
        report["problems"].append("too few modules imported from the rewritten tree: %r" % stats)
    return report


def compare_pyodide(base, other):
    return diff_outcomes(base, other, [("imports", ("import", "absent")), ("programs", ("program", ""))])


def cmd_pyodide(args):
    rewriter = args.rewriter.split() if args.rewriter else default_rewriter()
    versions = PYODIDE_VERSIONS if args.version == ["all"] else args.version
    summary = {"runs": []}
    failed = False
    for version in versions:
        base = pyodide_one(version, "baseline", None)
        failed |= bool(base["problems"])
        say("%s baseline: %d modules imported (%d ok), %d programs, verified %d functions in %d modules, %ss%s" % (
            version, len(base["imports"]), sum(v == "ok" for v in base["imports"].values()), len(base["programs"]),
            base["verification"]["functions"], base["verification"]["modules"], base["seconds"],
            "".join("\n    PROBLEM " + p for p in base["problems"])))
        for transform in args.transform:
            res = pyodide_one(version, transform, rewriter)
            diffs = compare_pyodide(base, res)
            failed |= bool(diffs) or bool(res["problems"])
            say("%s %s: %d modules imported (%d ok), %d programs, verified %d functions in %d modules, rewrite %ss, "
                "run %ss%s%s" % (
                    version, transform, len(res["imports"]), sum(v == "ok" for v in res["imports"].values()),
                    len(res["programs"]), res["verification"]["functions"], res["verification"]["modules"],
                    res["rewrite_seconds"], res["seconds"], "".join("\n    PROBLEM " + p for p in res["problems"]),
                    "" if not diffs else " -- %d DIFFERENCES" % len(diffs)))
            for d in diffs[:40]:
                say("    %s %s:\n      baseline:    %r\n      transformed: %r" % (
                    d["kind"], d["test"], d["baseline"][:2000], d["transformed"][:2000]))
            summary["runs"].append({"version": version, "transform": transform, "differences": diffs,
                                    "problems": res["problems"], "verification": res["verification"],
                                    "imports": len(res["imports"]), "programs": sorted(res["programs"]),
                                    "seconds": res["seconds"], "rewrite_seconds": res["rewrite_seconds"]})
    if args.json:
        with open(args.json, "w") as f:
            json.dump(summary, f, indent=1, sort_keys=True)
    return 1 if failed else 0


def cmd_parse(args):
    with open(args.log, errors="replace") as f:
        res = parse_output(f.read(), args.tests or [])
    print(json.dumps({"counts": counts(res), "modules": res["modules"]}, indent=1, sort_keys=True))
    return 0


def main():
    # A shell starts background jobs with SIGINT ignored, and an ignored signal stays ignored across exec: the
    # suites' signal tests (test_break, test_regrtest's interrupt tests, send_signal) would then behave differently
    # from run to run. With a handler installed here, every child starts with SIGINT's default disposition.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command")
    run = sub.add_parser("run", help="rewrite, verify, run tests, compare with the baseline")
    run.add_argument("--version", action="append", required=True, help="X.Y (repeatable) or 'all'")
    run.add_argument("--transform", action="append", required=True,
                     help="identity, nops, reorder-consts, split-blocks, or the stand-ins copy, py-marker")
    run.add_argument("--subset", choices=["ci", "full"], default="ci")
    run.add_argument("--tests", nargs="*", help="explicit test modules instead of a subset")
    run.add_argument("--jobs", "-j", type=int, default=2, help="regrtest worker processes (default 2)")
    run.add_argument("--timeout", type=int, default=900, help="per-test-module timeout in seconds (3.x)")
    run.add_argument("--opt", action="store_true", help="also rewrite the -O/-OO .pyc files")
    run.add_argument("--rewriter", help="command prefix for 'rewrite SRC OUT --transform T' "
                                        "(default: dotnet src/ByteFluent.Cli/bin/*/net10.0/ByteFluent.Cli.dll)")
    run.add_argument("--fresh-baseline", action="store_true", help="ignore the cached baseline")
    run.add_argument("--keep", action="store_true", help="keep the private prefixes after the run")
    run.add_argument("--json", help="write the summary here")
    run.set_defaults(func=cmd_run)
    pyo = sub.add_parser("pyodide", help="3.14/3.15: rewrite pyodide's stdlib, import it, run the programs")
    pyo.add_argument("--version", action="append", required=True, help="3.14, 3.15 or 'all'")
    pyo.add_argument("--transform", action="append", required=True)
    pyo.add_argument("--rewriter", help="as for run")
    pyo.add_argument("--json", help="write the summary here")
    pyo.set_defaults(func=cmd_pyodide)
    parse = sub.add_parser("parse", help="parse a saved regrtest -v log")
    parse.add_argument("log")
    parse.add_argument("tests", nargs="*")
    parse.set_defaults(func=cmd_parse)
    args = ap.parse_args()
    if not args.command:
        ap.print_help()
        return 2
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
