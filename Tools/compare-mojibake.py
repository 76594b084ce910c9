#!/usr/bin/env python3
"""How the normalize stage's mojibake repair does on ftfy's own test cases.

ftfy (https://github.com/rspeer/python-ftfy) keeps a table of real and synthetic text in
`tests/test_cases.json` of its source distribution: each case an `original` and the text it
should become (`fixed-encoding`, else `fixed`). This script runs every original through
`extract`'s normalize stage twice, with `mojibake: true` and `mojibake: false`, and counts:

- cases that must not change (original == expected): how many the repair changed anyway;
- cases with mojibake: how many the repair turned into the expected text (compared after the
  same normalization, so spaces, entities and curly quotes do not count), how many it left alone, and how
  many it changed into something else.

    pip download ftfy==6.3.1 --no-binary :all: --no-deps -d /tmp/ftfy && tar xzf /tmp/ftfy/ftfy-6.3.1.tar.gz -C /tmp/ftfy
    python3 Tools/compare-mojibake.py --extract .build/release/extract \
        --cases /tmp/ftfy/ftfy-6.3.1/tests/test_cases.json [--list]

The table is read, never copied into this repository.
"""

import argparse
import json
import os
import subprocess
import tempfile

PIPELINE = """stages:
  - stage: normalize
    mojibake: {mojibake}
{quotes}    bullet: false
  - stage: fields
    fields:
      text: {{ text: raw, optional: true }}
  - stage: derive
    fields:
      source: {{ document: source }}
record: [source, text]
"""


def run(binary, texts, mojibake, plain_quotes=True):
    """The normalized text of each of `texts`, in order."""
    with tempfile.TemporaryDirectory(prefix="compare-mojibake-") as folder:
        pipeline = os.path.join(folder, "p.yaml")
        with open(pipeline, "w") as f:
            f.write(PIPELINE.format(mojibake="true" if mojibake else "false",
                                    quotes="    quotes: plain\n" if plain_quotes else ""))
        pages = os.path.join(folder, "pages.jsonl")
        with open(pages, "w") as f:
            for index, text in enumerate(texts):
                f.write(json.dumps({"id": str(index), "text": text}) + "\n")
        out = subprocess.run([binary, "-p", pipeline, pages, "--jobs", "1", "-q"],
                             capture_output=True, text=True)
        records = {}
        for line in out.stdout.split("\n"):
            if not line:
                continue
            record = json.loads(line)
            records[int(record["source"])] = record["text"] or ""
        return [records.get(index, "") for index in range(len(texts))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extract", required=True)
    parser.add_argument("--cases", required=True, help="ftfy's tests/test_cases.json")
    parser.add_argument("--list", action="store_true", help="list every case that is not as expected")
    parser.add_argument("--keep-quotes", action="store_true",
                        help="compare with curly quotes as written (for a build without the quotes option)")
    args = parser.parse_args()

    cases = json.load(open(args.cases, encoding="utf-8"))
    originals = [case["original"] for case in cases]
    expected = [case.get("fixed-encoding", case["fixed"]) for case in cases]
    plain = not args.keep_quotes
    repaired = run(args.extract, originals, True, plain)
    kept = run(args.extract, originals, False, plain)
    target = run(args.extract, expected, True, plain)

    negatives = changed = 0
    positives = fixed = left = other = 0
    for case, original, want, got, plain, goal in zip(cases, originals, expected, repaired, kept, target):
        label = case.get("label", "")
        if original == want:
            negatives += 1
            if got != plain:
                changed += 1
                if args.list:
                    print(f"CHANGED  {label}\n  {original!r}\n  -> {got!r}")
            continue
        positives += 1
        if got == goal:
            fixed += 1
        elif got == plain:
            left += 1
            if args.list:
                print(f"LEFT     {label}\n  {original!r}\n  want {goal!r}")
        else:
            other += 1
            if args.list:
                print(f"OTHER    {label}\n  {original!r}\n  -> {got!r}\n  want {goal!r}")
    print(f"must not change: {negatives}, changed: {changed}")
    print(f"mojibake: {positives}, repaired as expected: {fixed}, left alone: {left}, changed otherwise: {other}")


if __name__ == "__main__":
    main()
