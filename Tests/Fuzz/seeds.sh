#!/usr/bin/env bash
# Fills Tests/Fuzz/.corpus/TARGET with seeds from the fixtures (once; the corpus then grows).
set -euo pipefail
cd "$(dirname "$0")"
TARGET=$1
CORPUS=.corpus/$TARGET
[ -d "$CORPUS" ] && exit 0
mkdir -p "$CORPUS"
ROOT=../..
case $TARGET in
  FuzzPipelineFile) cp $ROOT/Pipelines/*.yaml "$CORPUS/" ;;
  FuzzNormalize) cp $ROOT/Fixtures/career/pages/*.txt $ROOT/Fixtures/job-profile/pages/* "$CORPUS/" ;;
  FuzzCareer) cp $ROOT/Fixtures/career/pages/*.txt $ROOT/Fixtures/career-html/pages/*.html "$CORPUS/" ;;
  FuzzValueParsers)
    python3 - "$CORPUS" <<'PY'
import json, sys, glob, os
out = sys.argv[1]
seen = set()
for path in glob.glob("../../Fixtures/*/expected/*.json"):
    def walk(v):
        if isinstance(v, dict):
            for x in v.values(): walk(x)
        elif isinstance(v, list):
            for x in v: walk(x)
        elif isinstance(v, str) and len(v) < 80: seen.add(v)
    walk(json.load(open(path)))
for i, text in enumerate(sorted(seen)):
    open(os.path.join(out, f"seed-{i}"), "w").write(text)
PY
    ;;
  FuzzJSONLines)
    python3 - "$CORPUS" <<'PY'
import json, sys, glob, os
out = sys.argv[1]
for i, path in enumerate(sorted(glob.glob("../../Fixtures/career/pages/*.txt"))[:20]):
    text = open(path, encoding="utf-8").read()
    open(os.path.join(out, f"seed-{i}.jsonl"), "w").write(json.dumps({"id": str(i), "text": text[:2000]}) + "\n" + '{"id": 7, "text": "a\\u00e9\\ud83d\\ude00"}\n')
PY
    ;;
  FuzzWARC) cp $ROOT/Fixtures/warc/*.warc* "$CORPUS/" ;;
  FuzzHTML) cp $ROOT/Fixtures/career-html/pages/*.html "$CORPUS/" ;;
  *) echo "unknown target $TARGET" >&2; exit 2 ;;
esac
