#!/usr/bin/env python3
# Answers with values of the wrong shape and a field the stage does not declare.
import json
import sys

for line in sys.stdin:
    fields = {"count": [1, 2], "tags": ["a", {"b": 1}], "info": {"lang": "en", "extra": 1}, "fine": "ok", "secret": 42}
    print(json.dumps({"fields": fields}), flush=True)
