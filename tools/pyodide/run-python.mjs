// Runs a Python script inside pyodide (CPython 3.14 or 3.15 compiled to WebAssembly) under Node.js.
//
//   node run-python.mjs 3.14|3.15 [--mount=/host/dir ...] script.py [args...]
//
// The script's folder and each --mount make a host folder visible at the same absolute path inside the interpreter, so
// scripts exchange files with the host by path. Standard output and error are passed through;
// the exit code is the script's (SystemExit is honoured, an uncaught exception gives 1).
import { dirname, resolve } from "node:path";
import { createRequire } from "node:module";

const packages = { "3.14": "pyodide314", "3.15": "pyodide315" };
const [version, ...rest] = process.argv.slice(2);
if (!(version in packages)) {
  console.error(`usage: node run-python.mjs ${Object.keys(packages).join("|")} [--mount=DIR ...] script.py [args...]`);
  process.exit(2);
}
const mounts = [];
while (rest.length && rest[0].startsWith("--mount=")) mounts.push(rest.shift().slice("--mount=".length));
const [scriptArg, ...args] = rest;
const script = scriptArg && resolve(scriptArg);
if (!scriptArg) {
  console.error("run-python.mjs: no script given");
  process.exit(2);
}

const require = createRequire(import.meta.url);
const { loadPyodide } = await import(require.resolve(packages[version]).replace(/pyodide\.js$/, "pyodide.mjs"));
const py = await loadPyodide({
  stdout: (s) => process.stdout.write(s + "\n"),
  stderr: (s) => process.stderr.write(s + "\n"),
});

// The script's own folder is always visible, so it can be run and can import its neighbours.
mounts.push(dirname(script));
for (const dir of new Set(mounts.map((d) => resolve(d)))) {
  py.FS.mkdirTree(dir);
  py.FS.mount(py.FS.filesystems.NODEFS, { root: dir }, dir);
}

py.globals.get("__import__")("sys").argv = py.toPy([script, ...args]);
let code = 0;
try {
  py.runPython(
    "import runpy as __r, sys as __s\n" +
      "__s.path.insert(0, __import__('os').path.dirname(__s.argv[0]) or '.')\n" +
      "__r.run_path(__s.argv[0], run_name='__main__')\n",
    { globals: py.toPy({}) },
  );
} catch (e) {
  const m = /SystemExit: (\d+)/.exec(String(e.message));
  if (e.type === "SystemExit") {
    code = m ? Number(m[1]) : 0;
  } else {
    process.stderr.write(String(e.message) + "\n");
    code = 1;
  }
}
try {
  py.runPython("import sys; sys.stdout.flush(); sys.stderr.flush()");
} catch {}
process.exitCode = code;
