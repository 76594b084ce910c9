#!/usr/bin/env python3
# A well-behaved exec plugin: reads one request per line, answers one line, flushes.
# Fields from the text, from a field an earlier stage set (title) and from a section (duties);
# "REJECT ME" in the text asks for the page to be rejected; no title gives a diagnostic.
import json
import os
import sys

for line in sys.stdin:
    page = json.loads(line)
    text = page["text"]
    if "REJECT ME" in text:
        print(json.dumps({"reject": "the page asked to be rejected"}), flush=True)
        continue
    data = text.encode("utf-8")
    title = page["fields"].get("title")
    duties = page["sections"].get("duties")
    fields = {
        "words": len(text.split()),
        "text_bytes": len(data),
        "pid": os.getpid(),
        "keywords": text.split()[:3],
        "stats": {"lines": text.count("\n"), "has_title": title is not None},
        "title_upper": title.upper() if title is not None else None,
        "duty_count": len([item for item in duties["text"].splitlines() if item.strip()]) if duties else None,
        "duties_span_ok": data[duties["start"]:duties["end"]].decode("utf-8") == duties["text"] if duties else None,
        "shout": text.upper() if "SHOUT" in text else None,
        "echo": text if "ECHO" in text else None,
    }
    answer = {"fields": fields}
    if title is None:
        answer["diagnostics"] = [{"code": "no_title", "message": "the page has no title", "field": "title_upper"}]
    print(json.dumps(answer, ensure_ascii=False), flush=True)
