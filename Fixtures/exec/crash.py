#!/usr/bin/env python3
# Answers with its process id, but exits with status 3 (after a word on stderr) on a page
# holding "CRASH".
import json
import os
import sys

for line in sys.stdin:
    if "CRASH" in json.loads(line)["text"]:
        sys.stderr.write("crash.py: giving up on this page\n")
        sys.exit(3)
    print(json.dumps({"fields": {"pid": os.getpid()}}), flush=True)
