#!/usr/bin/env bash
# Runs the whole test suite under AddressSanitizer and under ThreadSanitizer, then the career
# pipeline with --jobs 8 over a 5,000-page generated corpus (directory, JSON Lines, and the same
# pages as HTML in .warc.gz files) with each sanitized build. Exits non-zero on the first report.
#
#   Tests/Sanitizers/run.sh            # both
#   Tests/Sanitizers/run.sh address    # one of: address, thread
#
# Builds into .build-asan and .build-tsan (ignored by git); takes about 15 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
SANITIZERS=${1:-"address thread"}
WORK=.build-sanitizers
mkdir -p "$WORK"
if [ ! -f "$WORK/corpus.jsonl" ]; then
  python3 Benchmarks/corpus/generate.py --count 5000 --seed 7 --out "$WORK/pages" >/dev/null
  python3 Benchmarks/corpus/generate.py --count 5000 --seed 7 --jsonl "$WORK/corpus.jsonl" >/dev/null
fi
if [ ! -d "$WORK/warc" ]; then
  python3 -c 'import warcio' 2>/dev/null || python3 -m pip install -q --root-user-action=ignore warcio
  python3 Benchmarks/corpus/generate_warc.py --count 5000 --seed 7 --out "$WORK/warc" >/dev/null
fi
for sanitizer in $SANITIZERS; do
  case $sanitizer in
    address) scratch=.build-asan; export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:halt_on_error=1} ;;
    thread) scratch=.build-tsan; export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1} ;;
    *) echo "unknown sanitizer $sanitizer (address or thread)" >&2; exit 2 ;;
  esac
  echo "== swift test --sanitize=$sanitizer" >&2
  swift test --scratch-path "$scratch" --sanitize="$sanitizer" 2>&1 | tee "$WORK/test-$sanitizer.log" | grep -E "Test run with|error:|ERROR: |WARNING: ThreadSanitizer|SUMMARY" >&2
  if grep -qE "ERROR: AddressSanitizer|WARNING: ThreadSanitizer|Test run with .* failed" "$WORK/test-$sanitizer.log"; then
    echo "$sanitizer: the test suite reported problems: $WORK/test-$sanitizer.log" >&2; exit 1
  fi
  bin=$(swift build --scratch-path "$scratch" --show-bin-path)/extract
  for input in "$WORK/pages" "$WORK/corpus.jsonl" "$WORK/warc"; do
    echo "== extract --jobs 8 $input ($sanitizer)" >&2
    status=0
    "$bin" -p Pipelines/career.yaml "$input" --jobs 8 -o "$WORK/out-$sanitizer.jsonl" 2> "$WORK/run-$sanitizer.log" || status=$?
    tail -1 "$WORK/run-$sanitizer.log" >&2
    if [ $status -ne 0 ] || grep -qE "ERROR: AddressSanitizer|WARNING: ThreadSanitizer" "$WORK/run-$sanitizer.log"; then
      echo "$sanitizer: the --jobs 8 run reported problems (exit $status): $WORK/run-$sanitizer.log" >&2; exit 1
    fi
    records=$(wc -l < "$WORK/out-$sanitizer.jsonl")
    [ "$records" -eq 5000 ] || { echo "$sanitizer: $records records, expected 5000" >&2; exit 1; }
  done
done
echo "sanitizers clean: $SANITIZERS" >&2
