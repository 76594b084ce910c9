"""Checks that custom-extract lists every stage, value parser, output format and input reader
that extract lists (`stages`), and exactly the four this package adds besides."""
import re
import subprocess
import sys

ours_bin, theirs_bin = sys.argv[1:3]
ADDED = {"stages": {"word_count"}, "parsers": {"us_date"}, "formats": {"tsv"}, "readers": {"gztext"}}


def parts(binary):
    text = subprocess.run([binary, "stages"], check=True, capture_output=True, text=True).stdout
    found = {"stages": set(), "parsers": set(), "formats": set(), "readers": set()}
    section = "stages"
    for line in text.splitlines():
        if line.startswith("value parsers"):
            section = "parsers"
        elif line.startswith("output formats"):
            section = "formats"
        elif line.startswith("input readers"):
            section = "readers"
        elif section == "stages" and (m := re.match(r"^([a-z_]+): ", line)):
            found["stages"].add(m.group(1))
        elif section != "stages" and (m := re.match(r"^  ([a-z_0-9]+)[ :]", line)):
            found[section].add(m.group(1))
    return found


ours, theirs = parts(ours_bin), parts(theirs_bin)
failures = []
for kind, names in ours.items():
    if not names:
        failures.append(f"extract lists no {kind}")
    if theirs[kind] != names | ADDED[kind]:
        failures.append(f"{kind}: custom-extract has {sorted(theirs[kind])}, expected {sorted(names | ADDED[kind])}")
for failure in failures:
    print("FAIL:", failure)
print(f"check_stages: {sum(map(len, theirs.values()))} parts, {len(failures)} failures")
sys.exit(1 if failures else 0)
