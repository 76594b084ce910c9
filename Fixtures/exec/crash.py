#!/usr/bin/env python3
# Answers with its process id, but exits with status 3 (after a word on stderr) on a page
# holding "CRASH", and kills itself with SIGSEGV on one holding "SEGFAULT".
import json
import os
import signal
import sys

for line in sys.stdin:
    text = json.loads(line)["text"]
    if "SEGFAULT" in text:
        os.kill(os.getpid(), signal.SIGSEGV)
    if "CRASH" in text:
        sys.stderr.write("crash.py: giving up on this page\n")
        sys.exit(3)
    print(json.dumps({"fields": {"pid": os.getpid()}}), flush=True)
