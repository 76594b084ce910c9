"""Reads custom-extract's TSV output with Python's csv module (tab-delimited, no quoting, the
format's backslash escapes undone) and its rejects as JSON Lines, and compares both with the
hand-written expected values."""
import csv
import json
import os
import sys

tsv_path, rejects_path, expected_path = sys.argv[1:4]
ESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}


def unescape(cell):
    out, i = [], 0
    while i < len(cell):
        if cell[i] == "\\" and i + 1 < len(cell):
            out.append(ESCAPES.get(cell[i + 1], cell[i + 1]))
            i += 2
        else:
            out.append(cell[i])
            i += 1
    return "".join(out)


with open(expected_path, encoding="utf-8") as f:
    expected = json.load(f)
with open(tsv_path, encoding="utf-8", newline="") as f:
    rows = [[unescape(cell) for cell in row] for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)]

failures = []
if rows[0] != expected["header"]:
    failures.append(f"header {rows[0]} != {expected['header']}")
if len(rows) - 1 != len(expected["rows"]):
    failures.append(f"{len(rows) - 1} rows, expected {len(expected['rows'])}")
for got, want in zip(rows[1:], expected["rows"]):
    for column, g, w in zip(expected["header"], got, want):
        if g != w:
            failures.append(f"{want[0]}: {column} is {g!r}, expected {w!r}")
with open(rejects_path, encoding="utf-8") as f:
    rejects = {os.path.basename(r["source"]): r["code"] for r in map(json.loads, f)}
if rejects != expected["rejected"]:
    failures.append(f"rejects {rejects} != {expected['rejected']}")

for failure in failures:
    print("FAIL:", failure)
print(f"check_output: {len(rows) - 1} rows, {len(failures)} failures")
sys.exit(1 if failures else 0)
