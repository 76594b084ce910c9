#!/usr/bin/env bash
# Times Examples/spark/extract_job.py in local mode with 1 and 2 workers over a folder of WARC
# files (default: the 10,000-page corpus Benchmarks/warc.sh generates), side by side in the same
# rounds, and checks that both give the records a single extract process gives.
#
#   Examples/spark/scaling.sh [FOLDER] [EXTRACT]      # RUNS=3
set -euo pipefail
cd "$(dirname "$0")/../.."
FOLDER=${1:-Benchmarks/.build/corpus/warc-10000}
EXTRACT=${2:-.build-bench/release/extract}
RUNS=${RUNS:-3}
OUT=Benchmarks/.build/out-spark
mkdir -p "$OUT"
python3 -c 'import pyspark' 2>/dev/null || python3 -m pip install -q --root-user-action=ignore pyspark
"$EXTRACT" -p Pipelines/career.yaml "$FOLDER" -q -o "$OUT/single.jsonl" || true
sort "$OUT/single.jsonl" > "$OUT/single.sorted"
export SPARK_LOCAL_IP=127.0.0.1
declare -A times
for run in $(seq "$RUNS"); do
  for workers in 1 2; do
    rm -rf "$OUT/records-$workers"
    start=$(date +%s.%N)
    python3 Examples/spark/extract_job.py --extract "$EXTRACT" --pipeline Pipelines/career.yaml --input "$FOLDER" \
      --output "$OUT/records-$workers" --master "local[$workers]" --partitions "$((workers * 2))" 2> "$OUT/stderr-$workers.log"
    elapsed=$(echo "$(date +%s.%N) - $start" | bc)
    times[$workers]="${times[$workers]:-} $elapsed"
    cat "$OUT/records-$workers"/part-* | sort | cmp -s - "$OUT/single.sorted" || { echo "local[$workers]: records differ from a single process's" >&2; exit 1; }
  done
done
median() { printf '%s\n' $1 | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
pages=$(wc -l < "$OUT/single.jsonl")
one=$(median "${times[1]}"); two=$(median "${times[2]}")
echo "| workers | wall s (median of $RUNS) | pages/s |"
echo "|---|---|---|"
echo "| local[1] | $one | $(echo "$pages / $one" | bc) |"
echo "| local[2] | $two | $(echo "$pages / $two" | bc) |"
echo "local[2] / local[1]: $(echo "scale=2; $one / $two" | bc)x; records equal a single process's: yes ($pages)"
