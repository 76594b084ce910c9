#!/usr/bin/env bash
# Builds one libFuzzer target (with AddressSanitizer) and runs it for SECONDS on its seed corpus.
#
#   Tests/Fuzz/run.sh TARGET SECONDS [libFuzzer options…]
#   Tests/Fuzz/run.sh list
#
# Seeds come from the fixtures (Tests/Fuzz/seeds.sh); the corpus grows under
# Tests/Fuzz/.corpus/TARGET and findings land in Tests/Fuzz/.findings/TARGET (both ignored by git).
# A finding is a crash-*, leak-* or timeout-* file: add it to Fixtures/fuzz/ as a regression test.
set -euo pipefail
cd "$(dirname "$0")"
TARGETS="FuzzPipelineFile FuzzNormalize FuzzCareer FuzzValueParsers FuzzJSONLines FuzzWARC FuzzHTML"
if [ "${1:-}" = list ] || [ $# -lt 2 ]; then echo "targets: $TARGETS"; echo "usage: $0 TARGET SECONDS"; exit 0; fi
TARGET=$1; SECONDS_TO_RUN=$2; shift 2
swift build -c debug --product "$TARGET" -Xswiftc -sanitize=fuzzer,address -Xswiftc -g >&2
BIN=$(swift build -c debug --show-bin-path)/$TARGET
./seeds.sh "$TARGET"
mkdir -p ".findings/$TARGET"
# -detect_leaks=0: LeakSanitizer reports the pipeline's build-time objects (held by multi-payload
# enums, whose class references carry tag bits in the pointer's spare bits, which it does not
# recognise as pointers) as leaked; memory growth per input is still caught by -rss_limit_mb.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
exec "$BIN" ".corpus/$TARGET" -max_total_time="$SECONDS_TO_RUN" -timeout=10 -rss_limit_mb=4096 -detect_leaks=0 \
  -artifact_prefix=".findings/$TARGET/" -print_final_stats=1 "$@"
