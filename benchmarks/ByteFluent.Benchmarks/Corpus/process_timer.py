# Times a whole process, for `ByteFluent.Benchmarks corpus`: runs COMMAND (after one warm-up run) REPEATS times
# and prints one JSON object: wall and CPU (user + system) seconds of each run, the exit codes, and the peak resident set of the
# runs (getrusage of the children, in KB). Runs under 2.7 and 3.x.
# Usage: process_timer.py REPEATS STDOUT_FILE -- COMMAND ARG...   (STDOUT_FILE "-": discard the output)
import json
import os
import resource
import subprocess
import sys
import time

clock = getattr(time, "perf_counter", time.time)


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run(command, out_path):
    target = open(out_path if out_path != "-" else os.devnull, "wb")
    try:
        c, t = children_cpu(), clock()
        code = subprocess.call(command, stdout=target)
        return clock() - t, children_cpu() - c, code
    finally:
        target.close()


def main():
    repeats, out_path = int(sys.argv[1]), sys.argv[2]
    command = sys.argv[sys.argv.index("--") + 1:]
    run(command, out_path)
    seconds, cpus, codes = [], [], []
    for _ in range(repeats):
        s, u, c = run(command, out_path)
        seconds.append(s)
        cpus.append(u)
        codes.append(c)
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    sys.stdout.write(json.dumps({"seconds": seconds, "cpuSeconds": cpus, "exitCodes": codes, "maxRssKb": rss}) + "\n")


main()
