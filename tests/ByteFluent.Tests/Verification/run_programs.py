# Differential-test driver: runs each marshalled module code object listed in argv[1] (one .pyc path per line) in a
# forked child with a time limit, and prints "index status" per program: ok, error (a Python exception), timeout,
# crash:SIGNAL (SIGSEGV, SIGABRT as "Fatal Python error" aborts, SIGBUS, SIGILL, SIGFPE) or exit:N.
import marshal, os, signal, sys

header = 16 if sys.version_info >= (3, 7) else 12 if sys.version_info >= (3, 3) else 8
names = dict((getattr(signal, n), n) for n in dir(signal) if n.startswith("SIG") and not n.startswith("SIG_"))
paths = [line.strip() for line in open(sys.argv[1]) if line.strip()]
devnull = os.open(os.devnull, os.O_RDWR)
for index, path in enumerate(paths):
    with open(path, "rb") as f:
        data = f.read()[header:]
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        signal.alarm(5)
        try:
            exec(marshal.loads(data), {"__name__": "__main__"})
        except BaseException:
            os._exit(3)
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        result = "timeout" if sig == signal.SIGALRM else "crash:" + names.get(sig, str(sig))
    else:
        code = os.WEXITSTATUS(status)
        result = "ok" if code == 0 else "error" if code == 3 else "exit:%d" % code
    sys.stdout.write("%d %s\n" % (index, result))
sys.stdout.flush()
