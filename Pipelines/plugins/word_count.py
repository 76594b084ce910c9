#!/usr/bin/env python3
# An exec stage plugin: one JSON line in per page, one JSON line out (flushed).
import json, sys

for line in sys.stdin:
    page = json.loads(line)
    words = page["text"].split()
    fields = {"word_count": len(words), "longest_word": max(words, key=len, default=None)}
    print(json.dumps({"fields": fields}), flush=True)
