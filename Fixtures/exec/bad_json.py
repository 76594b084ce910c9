#!/usr/bin/env python3
# Answers with its process id, but with a line that is not JSON on a page holding "BAD", and
# with two lines on a page holding "TWICE".
import json
import os
import sys

for line in sys.stdin:
    text = json.loads(line)["text"]
    answer = json.dumps({"fields": {"pid": os.getpid()}})
    if "BAD" in text:
        answer = "this is not JSON {"
    elif "TWICE" in text:
        answer = answer + "\n" + answer
    print(answer, flush=True)
