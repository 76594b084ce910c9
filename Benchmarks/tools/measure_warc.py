#!/usr/bin/env python3
"""WARC measurements for Benchmarks/warc.sh (run it, not this).

Times, side by side in the same rounds (interleaved, medians): extract --jobs 1 and --jobs 2 over
a folder of .warc.gz files, two independent extract --jobs 1 processes on the two halves of the
archives (what two cores can give on this machine at that moment), and the Python stack a user
would write instead (Benchmarks/baselines/career_warc.py: warcio + lxml.html + career.py). Checks
that extract's records equal the baseline's and the text corpus's (all but source), and reads
peak RSS at each size.
"""
import argparse
import json
import os
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from measure import machine, measure, run_once  # noqa: E402


def records(path, key):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            source = record.pop("source")
            out[key(source)] = record
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--extract", required=True)
    parser.add_argument("--pipeline", default="Pipelines/career.yaml")
    parser.add_argument("--baseline", default="Benchmarks/baselines/career_warc.py")
    parser.add_argument("--corpus", required=True, help="folder with warc-N/ folders and pages-N.jsonl")
    parser.add_argument("--pages", type=int, default=10000)
    parser.add_argument("--rss-sizes", default="10000,100000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    print(f"Machine: {machine()}\n")
    folder = os.path.join(args.corpus, f"warc-{args.pages}")
    archives = sorted(os.path.join(folder, name) for name in os.listdir(folder) if name.endswith(".warc.gz"))
    half = len(archives) // 2

    def out(name):
        return os.path.join(args.out, name)

    def extract(paths, jobs, output):
        return [args.extract, "-p", args.pipeline, *paths, "--jobs", str(jobs), "-q", "-o", output]

    commands = [
        ("extract --jobs 1", extract([folder], 1, out("warc-1.jsonl"))),
        ("extract --jobs 2", extract([folder], 2, out("warc-2.jsonl"))),
        ("2 x extract --jobs 1 (halves)", (extract(archives[:half], 1, out("half-1.jsonl")),
                                           extract(archives[half:], 1, out("half-2.jsonl")))),
        ("python (warcio + lxml)", [sys.executable, args.baseline, *archives, "-o", out("python.jsonl")]),
    ]
    results = measure(commands, args.runs)
    pages = args.pages
    print(f"Comparison on {pages:,} pages in {len(archives)} .warc.gz files ({args.runs} runs, medians):\n")
    print("| command | wall s (median) | best s | pages/s | CPU s | peak RSS MiB |")
    print("|---|---|---|---|---|---|")
    for label, (median, best, rss, cpu) in results.items():
        print(f"| {label} | {median:.2f} | {best:.2f} | {pages / median:,.0f} | {cpu:.2f} | {rss / 1024:.1f} |")
    one, two, pair, python = (results[label][0] for label, _ in commands)
    print(f"\nextract --jobs 1 / python: {python / one:.2f}x (CPU time {results[commands[3][0]][3] / results[commands[0][0]][3]:.2f}x)")
    print(f"extract --jobs 2 / --jobs 1: {one / two:.2f}x; two independent processes on the halves: {one / pair:.2f}x")

    ours = records(out("warc-1.jsonl"), lambda s: s.rsplit("/", 1)[-1])
    theirs = records(out("python.jsonl"), lambda s: s.rsplit("/", 1)[-1])
    same_two = open(out("warc-1.jsonl"), "rb").read() == open(out("warc-2.jsonl"), "rb").read()
    print(f"\nrecords: extract {len(ours):,}, python {len(theirs):,}; equal: {ours == theirs}; "
          f"--jobs 2 byte-identical to --jobs 1: {same_two}")
    text = os.path.join(args.corpus, f"pages-{pages}.jsonl")
    if os.path.exists(text):
        run_once(extract([text], 2, out("text.jsonl")))
        from_text = records(out("text.jsonl"), lambda s: urllib.parse.quote(s))
        print(f"records equal those of the same pages as text (all but source): {from_text == ours}")

    print("\nPeak RSS by corpus size (extract --jobs 2, .warc.gz in, JSON Lines out):\n")
    print("| pages | peak RSS MiB | wall s |")
    print("|---|---|---|")
    for n in [int(x) for x in args.rss_sizes.split(",") if x]:
        path = os.path.join(args.corpus, f"warc-{n}")
        if not os.path.isdir(path):
            continue
        elapsed, peak, _ = run_once(extract([path], 2, out(f"rss-{n}.jsonl")))
        print(f"| {n:,} | {peak / 1024:.1f} | {elapsed:.2f} |")


if __name__ == "__main__":
    main()
