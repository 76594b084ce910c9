#!/usr/bin/env bash
# Benchmarks/run.sh: build extract (release), generate the corpora, run the end-to-end comparison
# and print the tables that Benchmarks/README.md reports.
#
#   Benchmarks/run.sh                 # everything (about 10 minutes on 2 cores)
#   RUNS=5 Benchmarks/run.sh          # more runs per command (median is reported)
#   QUICK=1 Benchmarks/run.sh         # 1,000 and 10,000 pages only, 3 runs
#   MICRO=1 Benchmarks/run.sh         # also run the per-document suite (swift package benchmark)
#
# Builds into .build-bench (the main package) and Benchmarks/.build (the benchmark suite), and
# writes corpora and outputs under Benchmarks/.build/, all ignored by git.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
SEED=${SEED:-1}
PAGES=${PAGES:-10000}
SIZES=${SIZES:-1000,10000,100000}
RSS_SIZES=${RSS_SIZES:-10000,100000}
if [ -n "${QUICK:-}" ]; then SIZES=1000,10000; RSS_SIZES=1000,10000; fi
SCRATCH=.build-bench
WORK=Benchmarks/.build
CORPUS=$WORK/corpus
OUT=$WORK/out

if ! pkg-config --exists libpcre2-8 2>/dev/null; then
  echo "installing libpcre2-dev" >&2
  apt-get update -qq && apt-get install -y -qq libpcre2-dev pkgconf
fi
[ -x /usr/bin/time ] || { echo "installing time (peak RSS)" >&2; apt-get update -qq && apt-get install -y -qq time; }
python3 -c 'import yaml' 2>/dev/null || { echo "the Python baseline needs PyYAML (pip install pyyaml)" >&2; exit 2; }

echo "== building extract (release, --scratch-path $SCRATCH)" >&2
swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH" --product extract >&2
EXTRACT=$SCRATCH/release/extract

echo "== generating corpora (seed $SEED) in $CORPUS" >&2
mkdir -p "$CORPUS" "$OUT"
for n in $(echo "$SIZES,$RSS_SIZES,$PAGES" | tr ',' '\n' | sort -nu); do
  if [ ! -s "$CORPUS/pages-$n.jsonl" ] || [ ! -d "$CORPUS/pages-$n" ]; then
    rm -rf "$CORPUS/pages-$n" "$CORPUS/pages-$n.jsonl"
    start=$(date +%s.%N)
    python3 Benchmarks/corpus/generate.py --count "$n" --seed "$SEED" --out "$CORPUS/pages-$n" --jsonl "$CORPUS/pages-$n.jsonl"
    echo "   $n pages in $(echo "$(date +%s.%N) - $start" | bc) s" >&2
  fi
done

echo "== checking the corpus reads clean (diagnostics other than segment.missing_section are a bug)" >&2
"$EXTRACT" -p Pipelines/career.yaml "$CORPUS/pages-1000.jsonl" -o "$OUT/check.jsonl" 2>&1 >/dev/null | tail -1 >&2 || true

echo "== measuring" >&2
python3 Benchmarks/tools/measure.py --extract "$EXTRACT" --corpus "$CORPUS" --pages "$PAGES" \
  --sizes "$SIZES" --rss-sizes "$RSS_SIZES" --runs "$RUNS" --out "$OUT" --json "$WORK/results.json"

if [ -n "${MICRO:-}" ]; then
  echo "== per-document suite (ordo-one/benchmark)" >&2
  (cd Benchmarks && swift package benchmark --no-progress)
fi
