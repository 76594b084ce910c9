#!/usr/bin/env bash
# Benchmarks/warc.sh: extract over web archives. Builds extract (release), generates the career
# pages as HTML in .warc.gz files (Benchmarks/corpus/generate_warc.py, 1,000 pages per archive),
# and compares extract --jobs 1 and 2 with the Python stack a user would write (warcio + lxml +
# Benchmarks/baselines/career.py), side by side; then peak RSS at 10,000 and 100,000 pages.
#
#   Benchmarks/warc.sh              # RUNS=3 PAGES=10000 RSS_SIZES=10000,100000
#
# Needs warcio and lxml (installed from PyPI when missing). Writes under Benchmarks/.build/.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
SEED=${SEED:-1}
PAGES=${PAGES:-10000}
RSS_SIZES=${RSS_SIZES:-10000,100000}
SCRATCH=.build-bench
WORK=Benchmarks/.build
CORPUS=$WORK/corpus
python3 -c 'import warcio, lxml, yaml' 2>/dev/null || python3 -m pip install -q --root-user-action=ignore warcio lxml pyyaml
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }
echo "== building extract (release)" >&2
swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH" --product extract >&2
mkdir -p "$CORPUS"
for n in $(echo "$PAGES,$RSS_SIZES" | tr ',' '\n' | sort -nu); do
  if [ ! -d "$CORPUS/warc-$n" ]; then
    python3 Benchmarks/corpus/generate_warc.py --count "$n" --seed "$SEED" --out "$CORPUS/warc-$n"
  fi
done
[ -s "$CORPUS/pages-$PAGES.jsonl" ] || python3 Benchmarks/corpus/generate.py --count "$PAGES" --seed "$SEED" --jsonl "$CORPUS/pages-$PAGES.jsonl"
python3 Benchmarks/tools/measure_warc.py --extract "$SCRATCH/release/extract" --corpus "$CORPUS" --pages "$PAGES" \
  --rss-sizes "$RSS_SIZES" --runs "$RUNS" --out "$WORK/out-warc"
