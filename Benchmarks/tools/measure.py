#!/usr/bin/env python3
"""End-to-end measurements for Benchmarks/run.sh (see there; run it, not this).

Times whole commands (wall clock, median of --runs, runs interleaved so a slow spell on a shared
machine hits every command alike) and reads each run's peak RSS from wait4(2). Prints Markdown
tables: the comparison (extract --jobs 1 / --jobs 2, the Python baseline, cat), pages/s by
corpus size, and peak RSS by corpus size.
"""

import argparse
import datetime
import filecmp
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time


def run_once(command, stdout=subprocess.DEVNULL):
    """Runs a command, or several at once when given a tuple of commands; returns the wall time
    until the last one ends, the largest peak RSS (KiB) and the CPU time (user + system, s) of all."""
    group = command if isinstance(command, tuple) else (command,)
    # Peak RSS comes from /usr/bin/time, not from wait4(2): a child's ru_maxrss starts at the RSS
    # of the process that forked it, so it would count this script's own memory.
    reports = [tempfile.NamedTemporaryFile(prefix="measure-rss-", delete=False) for _ in group]
    for report in reports:
        report.close()
    start = time.perf_counter()
    processes = [subprocess.Popen(["/usr/bin/time", "-f", "%M %U %S", "-o", report.name] + c, stdout=stdout,
                                  stderr=subprocess.PIPE) for c, report in zip(group, reports)]
    outcomes = []
    for process in processes:
        stderr = process.communicate()[1]
        outcomes.append((process.returncode, stderr.decode("utf-8", "replace")))
    elapsed = time.perf_counter() - start
    peak = 0
    cpu = 0.0
    for c, report, (code, stderr) in zip(group, reports, outcomes):
        with open(report.name) as f:
            fields = f.read().split()
        os.unlink(report.name)
        if code != 0:
            sys.exit(f"command failed ({code}): {' '.join(c)}\n{stderr}")
        peak = max(peak, int(fields[-3]))  # KiB
        cpu += float(fields[-2]) + float(fields[-1])
    return elapsed, peak, cpu


def measure(commands, runs):
    """{label: (median seconds, min seconds, max RSS KiB, median CPU seconds)}, runs interleaved."""
    times = {label: [] for label, _ in commands}
    cpus = {label: [] for label, _ in commands}
    rss = {label: 0 for label, _ in commands}
    for _ in range(runs):
        for label, command in commands:
            elapsed, peak, cpu = run_once(command)
            times[label].append(elapsed)
            cpus[label].append(cpu)
            rss[label] = max(rss[label], peak)
    return {label: (statistics.median(t), min(t), rss[label], statistics.median(cpus[label])) for label, t in times.items()}


def split_in_halves(source, folder):
    """Writes the first and second half of a JSON Lines file's lines; returns the two paths."""
    with open(source, "rb") as f:
        lines = f.readlines()
    paths = []
    for index, part in enumerate((lines[:len(lines) // 2], lines[len(lines) // 2:])):
        path = os.path.join(folder, f"half-{index + 1}.jsonl")
        with open(path, "wb") as f:
            f.writelines(part)
        paths.append(path)
    return paths


# A CPU-bound loop with no I/O and little memory: how much faster two cores are than one on this
# machine when both are busy, whatever the program. On a shared VM this is often well under 2.
SPIN = [sys.executable, "-c", "n = 0\nfor i in range(12_000_000): n += i"]


def machine():
    model = ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    except OSError:
        pass
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()
    distro = ""
    try:
        distro = next(l.split("=", 1)[1].strip().strip('"') for l in open("/etc/os-release") if l.startswith("PRETTY_NAME"))
    except (OSError, StopIteration):
        pass
    return (f"{datetime.datetime.now().strftime('%Y-%m-%d %H:%M')}; {os.cpu_count()} cores ({model}), {memory}; "
            f"{distro or platform.platform()}; {swift[0] if swift else 'swift ?'}; Python {platform.python_version()}; "
            f"load average before: {os.getloadavg()[0]:.2f}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--extract", required=True)
    parser.add_argument("--pipeline", default="Pipelines/career.yaml")
    parser.add_argument("--baseline", default="Benchmarks/baselines/career.py")
    parser.add_argument("--corpus", required=True, help="folder with pages-N.jsonl and pages-N/")
    parser.add_argument("--pages", type=int, default=10000, help="corpus size of the comparison")
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--rss-sizes", default="10000,100000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", required=True, help="folder for outputs")
    parser.add_argument("--json", help="also write the figures here")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    figures = {"machine": machine()}
    print(f"Machine: {figures['machine']}\n")

    def corpus(n, kind="jsonl"):
        return os.path.join(args.corpus, f"pages-{n}.jsonl" if kind == "jsonl" else f"pages-{n}")

    def extract(path, jobs, out):
        return [args.extract, "-p", args.pipeline, path, "-o", out, "--jobs", str(jobs), "-q"]

    # 1. The comparison, JSON Lines in and out.
    source = corpus(args.pages)
    size = os.path.getsize(source)
    out = lambda name: os.path.join(args.out, name)
    commands = [
        ("extract --jobs 1", extract(source, 1, out("jobs1.jsonl"))),
        ("extract --jobs 2", extract(source, 2, out("jobs2.jsonl"))),
        ("python baseline", [sys.executable, args.baseline, source, "-o", out("python.jsonl")]),
        ("cat (I/O ceiling)", ["sh", "-c", f"cat '{source}' > '{out('cat.jsonl')}'"]),
        # What two cores can give: our own job split in two independent processes, and a loop.
        ("2 x extract --jobs 1 on halves, at once", tuple(extract(half, 1, out(f"half-{i + 1}-out.jsonl"))
                                                         for i, half in enumerate(split_in_halves(source, args.out)))),
        ("CPU-bound loop", SPIN),
        ("2 x CPU-bound loop, at once", (SPIN, SPIN)),
    ]
    run_once(["cat", source])  # warm the page cache
    results = measure(commands, args.runs)
    identical = filecmp.cmp(out("jobs1.jsonl"), out("jobs2.jsonl"), shallow=False)
    same_as_python = filecmp.cmp(out("jobs1.jsonl"), out("python.jsonl"), shallow=False)
    print(f"## End to end: {args.pages:,} pages ({size / 1e6:.1f} MB of JSON Lines) to JSON Lines, "
          f"median of {args.runs} runs\n")
    print("| command | seconds (median / best) | pages/s | MB/s | peak RSS | CPU seconds (median) |")
    print("|---|---|---|---|---|---|")
    rate = {}
    for label, (median, best, peak, cpu) in results.items():
        rate[label] = args.pages / median
        if "loop" in label:
            continue
        print(f"| {label} | {median:.3f} / {best:.3f} | {args.pages / median:,.0f} | {size / median / 1e6:,.1f} | "
              f"{peak / 1024:.1f} MiB | {cpu:.3f} |")
    best = {label: args.pages / results[label][1] for label in results}
    print()
    print("| ratio (pages/s) | from medians | from best runs |")
    print("|---|---|---|")
    for name, a, b, unit in [("jobs 2 / jobs 1", "extract --jobs 2", "extract --jobs 1", "x"),
                             ("ours (jobs 1) / python", "extract --jobs 1", "python baseline", "x"),
                             ("ours (jobs 2) / python", "extract --jobs 2", "python baseline", "x"),
                             ("ours (jobs 1) / cat", "extract --jobs 1", "cat (I/O ceiling)", ""),
                             ("ours (jobs 2) / cat", "extract --jobs 2", "cat (I/O ceiling)", ""),
                             ("2 processes on halves / jobs 1", "2 x extract --jobs 1 on halves, at once",
                              "extract --jobs 1", "x"),
                             ("machine: 2 loops at once / 1 loop", "2 x CPU-bound loop, at once", "CPU-bound loop", "x")]:
        digits = 2 if unit else 4
        # a loop pair does twice the work of one loop in its time
        work = 2 if "2 loops" in name else 1
        print(f"| {name} | {work * rate[a] / rate[b]:.{digits}f}{unit} | {work * best[a] / best[b]:.{digits}f}{unit} |")
    # CPU time moves less than wall-clock time with a shared machine's load.
    cpu_ratio = results["python baseline"][3] / results["extract --jobs 1"][3]
    print(f"\nCPU time, python baseline / extract --jobs 1 (medians): {cpu_ratio:.2f}x")
    print(f"\nOutput of --jobs 1 and --jobs 2 byte-identical: {'yes' if identical else 'NO'}; "
          f"Python baseline output byte-identical to extract's: {'yes' if same_as_python else 'no'}\n")
    figures["comparison"] = {"pages": args.pages, "bytes": size, "results": results,
                             "identical_jobs": identical, "identical_python": same_as_python}

    # 2. Pages/s by corpus size (the start-up cost measured on an empty corpus and taken out).
    empty = os.path.join(args.out, "empty.jsonl")
    open(empty, "w").close()
    sizes = [int(s) for s in args.sizes.split(",") if s and os.path.exists(corpus(int(s)))]
    scale_commands = [("startup", extract(empty, 1, out("empty-out.jsonl")))]
    for n in sizes:
        for jobs in (1, 2):
            scale_commands.append((f"{n}/{jobs}", extract(corpus(n), jobs, out(f"scale-{n}-{jobs}.jsonl"))))
    scaled = measure(scale_commands, args.runs)
    startup = scaled["startup"][0]
    print(f"## Scaling: pages/s by corpus size (JSON Lines, median of {args.runs}; start-up {startup * 1000:.0f} ms)\n")
    print("| pages | jobs 1 pages/s | jobs 1 µs/page after start-up | jobs 2 pages/s | jobs 2 µs/page after start-up |")
    print("|---|---|---|---|---|")
    for n in sizes:
        cells = []
        for jobs in (1, 2):
            median = scaled[f"{n}/{jobs}"][0]
            cells.append(f"{n / median:,.0f} | {(median - startup) / n * 1e6:.1f}")
        print(f"| {n:,} | {' | '.join(cells)} |")
    print()
    figures["scaling"] = {"startup": startup, "results": scaled}

    # 3. Peak RSS by corpus size, directory and JSON Lines input.
    rss_sizes = [int(s) for s in args.rss_sizes.split(",") if s and os.path.exists(corpus(int(s)))]
    rss_commands = []
    for kind in ("jsonl", "dir"):
        for n in rss_sizes:
            if os.path.exists(corpus(n, kind)):
                rss_commands.append((f"{kind}/{n}", extract(corpus(n, kind), 2, out(f"rss-{kind}-{n}.jsonl"))))
    memory = measure(rss_commands, 1)
    print("## Peak RSS (extract --jobs 2, `-o out.jsonl`)\n")
    print("| input | " + " | ".join(f"{n:,} pages" for n in rss_sizes) + " | largest / smallest |")
    print("|---|" + "---|" * (len(rss_sizes) + 1))
    for kind in ("jsonl", "dir"):
        cells = [memory[f"{kind}/{n}"][2] for n in rss_sizes if f"{kind}/{n}" in memory]
        if cells:
            label = "JSON Lines file" if kind == "jsonl" else "directory of files"
            print(f"| {label} | " + " | ".join(f"{c / 1024:.1f} MiB" for c in cells) + f" | {cells[-1] / cells[0]:.3f} |")
    print()
    figures["rss"] = memory
    if args.json:
        with open(args.json, "w") as f:
            json.dump(figures, f, indent=1)


if __name__ == "__main__":
    main()
