#!/usr/bin/env python3
# Writes a line to stderr for each page (and a megabyte of lines for a page holding "FLOOD",
# more than a pipe holds, before it answers; a line in two halves 50 ms apart for one holding
# "HALVES"), then answers with the page's length.
import json
import sys
import time

for line in sys.stdin:
    text = json.loads(line)["text"]
    sys.stderr.write(f"read {len(text.encode())} bytes\n")
    if "FLOOD" in text:
        for number in range(20000):
            sys.stderr.write(f"flood line {number} " + "x" * 40 + "\n")
    if "HALVES" in text:
        sys.stderr.write("first half, ")
        sys.stderr.flush()
        time.sleep(0.05)
        sys.stderr.write("second half\n")
    sys.stderr.flush()
    print(json.dumps({"fields": {"text_bytes": len(text.encode())}}), flush=True)
