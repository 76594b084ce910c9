#!/usr/bin/env bash
# Builds this package (an extract with four more parts: the word_count stage, the us_date
# parser, the tsv format and the .txt.gz reader), runs the conformance kits on the parts
# (swift test), then runs its custom-extract over the fixture pages, gzipped, with all four,
# and checks the TSV with Python's csv module against hand-written expected values. Last, it
# checks custom-extract still has every stage, parser, format and reader of extract (EXTRACT, or
# the debug build `swift test` leaves) and gives the same records for the career pipeline.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"

swift build --product custom-extract
swift test
bin="$(swift build --show-bin-path)/custom-extract"
extract="${EXTRACT:-$root/.build/debug/extract}"
[ -x "$extract" ] || (cd "$root" && swift build --product extract)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/pages"
# Two pages gzipped (read by the .txt.gz reader), one left as text (the built-in text reader),
# and a gzip file cut short.
gzip -n -c Fixtures/pages/nurse-educator.txt > "$work/pages/nurse-educator.txt.gz"
gzip -n -c Fixtures/pages/data-analyst.txt > "$work/pages/data-analyst.txt.gz"
cp Fixtures/pages/warehouse-lead.txt "$work/pages/"
gzip -n -c Fixtures/pages/nurse-educator.txt | head -c 40 > "$work/pages/broken.txt.gz"

status=0
"$bin" --pipeline postings.yaml "$work/pages" -o "$work/postings.tsv" --rejects "$work/rejects.jsonl" 2> "$work/stderr" || status=$?
if [ "$status" != 1 ]; then
  echo "custom-extract: expected exit status 1 (the cut gzip file fails), got $status" >&2
  cat "$work/stderr" >&2
  exit 1
fi
grep -q "broken.txt.gz" "$work/stderr" || { echo "the cut gzip file is not reported on stderr" >&2; exit 1; }
python3 check_output.py "$work/postings.tsv" "$work/rejects.jsonl" Fixtures/expected.json

python3 check_stages.py "$extract" "$bin"
for format in jsonl csv; do
  ours=0; theirs=0
  "$extract" -q -p "$root/Pipelines/career.yaml" "$root/Fixtures/career/pages" -o "$work/ours.$format" || ours=$?
  "$bin" -q -p "$root/Pipelines/career.yaml" "$root/Fixtures/career/pages" -o "$work/theirs.$format" || theirs=$?
  [ "$ours" = "$theirs" ] || { echo "career pipeline: extract exits $ours, custom-extract $theirs" >&2; exit 1; }
  cmp "$work/ours.$format" "$work/theirs.$format"
done
# The four checks above: the kits (swift test), the TSV and rejects, the parts listed, the career records.
echo "custom-plugin: 4 passed, 0 failed"
