#!/usr/bin/env python3
# Answers with its process id, but sleeps for a minute on a page holding "SLOW".
import json
import os
import sys
import time

for line in sys.stdin:
    if "SLOW" in json.loads(line)["text"]:
        time.sleep(60)
    print(json.dumps({"fields": {"pid": os.getpid()}}), flush=True)
