#!/usr/bin/env python3
"""Instructions per page of each part of a run, by corpus size (callgrind; see Benchmarks/README.md).

Runs `extract --jobs 1` under `valgrind --tool=callgrind` on a one-page corpus and on each
corpus size asked for, reads the inclusive instruction count of each part (reading JSON Lines,
every stage, the JSON Lines emitter) and prints a Markdown table of instructions per page after
start-up: (count at N pages - count at one page) / (N - 1). Instructions do not depend on the
machine's load as wall-clock time does, so a part whose cost per page rises with the corpus
shows here even when the timings are noisy.

    python3 Benchmarks/tools/stage-costs.py --extract .build-bench/release/extract \
        --corpus Benchmarks/.build/corpus --sizes 1000,10000,100000

A run under callgrind is about 50 times slower than a plain one (100,000 pages: about ten
minutes here).
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

# (label, pattern of the function's mangled name); each is counted inclusively, once per page.
PARTS = [
    ("read: JSON Lines parsing", r"FastJSONLineO5parse_"),
    ("stage: normalize", r"NormalizeStageV6WorkerV7processyy0A4Core8WorkItemVzF$"),
    ("stage: truncation", r"TruncationStageV6WorkerV7processyy0A4Core8WorkItemVzF$"),
    ("stage: segment", r"SegmentStageV6WorkerV7processyy0A4Core8WorkItemVzF$"),
    ("stage: fields", r"FieldsStageV6WorkerV7processyy0A4Core8WorkItemVzF$"),
    ("stage: derive", r"DeriveStageV6WorkerV7processyy0A4Core8WorkItemVzF$"),
    ("stage: resolve", r"ResolveStageV6WorkerV7processyy0A4Core8WorkItemVzF$"),
    ("emit: JSON Lines", r"JSONLinesEmitterV6encode_4intoy0A4Core6RecordV_Says5UInt8VGztF$"),
]
TOTAL = "whole run"
LINE = re.compile(r"^\s*([\d,]+) \([^)]*\)\s+(?:\*\s+)?[^:]*:(\S+)")


def profile(binary, pipeline, corpus):
    """Inclusive instructions of each part, and of the whole run, for one run over `corpus`."""
    with tempfile.NamedTemporaryFile(prefix="stage-costs-", suffix=".out", delete=False) as f:
        out = f.name
    with tempfile.NamedTemporaryFile(prefix="stage-costs-", suffix=".jsonl", delete=False) as f:
        records = f.name
    try:
        subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", binary,
                        "-p", pipeline, corpus, "-o", records, "--jobs", "1", "-q"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        report = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", out],
                                check=True, capture_output=True, text=True).stdout
    finally:
        for path in (out, records):
            if os.path.exists(path):
                os.unlink(path)
    costs = {label: 0 for label, _ in PARTS}
    for line in report.splitlines():
        if "PROGRAM TOTALS" in line:
            costs[TOTAL] = int(line.split()[0].replace(",", ""))
            continue
        match = LINE.match(line)
        if not match:
            continue
        count, symbol = int(match.group(1).replace(",", "")), match.group(2)
        for label, pattern in PARTS:
            if re.search(pattern, symbol):
                costs[label] = max(costs[label], count)
    return costs


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extract", required=True, help="the extract binary (a copy without debug info is profiled)")
    parser.add_argument("--pipeline", default="Pipelines/career.yaml")
    parser.add_argument("--corpus", required=True, help="folder with pages-N.jsonl files")
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated page counts")
    args = parser.parse_args()

    sizes = [int(s) for s in args.sizes.split(",") if s]
    with tempfile.TemporaryDirectory(prefix="stage-costs-") as folder:
        # valgrind reads all of a binary's debug info first; without it, it starts in seconds.
        binary = os.path.join(folder, "extract")
        subprocess.run(["objcopy", "--strip-debug", args.extract, binary], check=True)
        source = os.path.join(args.corpus, f"pages-{sizes[0]}.jsonl")
        one = os.path.join(folder, "pages-1.jsonl")
        with open(source, "rb") as f, open(one, "wb") as g:
            g.write(f.readline())
        base = profile(binary, args.pipeline, one)
        runs = {}
        for n in sizes:
            print(f"profiling {n:,} pages", file=sys.stderr)
            runs[n] = profile(binary, args.pipeline, os.path.join(args.corpus, f"pages-{n}.jsonl"))

    labels = [label for label, _ in PARTS] + [TOTAL]
    print("| part | " + " | ".join(f"{n:,} pages" for n in sizes) + " | largest / smallest |")
    print("|---|" + "---|" * (len(sizes) + 1))
    for label in labels:
        per_page = [(runs[n][label] - base[label]) / (n - 1) for n in sizes]
        ratio = f"{per_page[-1] / per_page[0]:.3f}" if per_page[0] else "n/a"
        print(f"| {label} | " + " | ".join(f"{p / 1000:,.1f} k" for p in per_page) + f" | {ratio} |")
    print(f"\nOne-page run (start-up): {base[TOTAL] / 1e6:,.1f} M instructions. "
          "Instructions per page after start-up: (count at N pages - count at one page) / (N - 1).")


if __name__ == "__main__":
    main()
