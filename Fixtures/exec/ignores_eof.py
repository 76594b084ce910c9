#!/usr/bin/env python3
# Answers every page, then, when its input ends, lingers for a minute instead of exiting.
import json
import os
import sys
import time

for line in sys.stdin:
    print(json.dumps({"fields": {"pid": os.getpid()}}), flush=True)
time.sleep(60)
