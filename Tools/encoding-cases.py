#!/usr/bin/env python3
"""Writes Fixtures/encodings/decoding-cases.jsonl: text pages in UTF-16 (with a byte order mark)
and Windows-1252, and what Python's codecs make of them, for the input decoder's tests to compare
against.

One JSON object a line: `{"name", "encoding", "bytes" (hex), "expected", "field", "field_bytes"}`.
`expected` is Python's decoding, never ours: `bytes.decode("utf-16", errors="replace")` (which
reads the byte order mark and drops it) or `bytes.decode("cp1252")`. `field` is a piece of the
decoded text and `field_bytes` the byte range of the original it was decoded from, found by
encoding the text before it with the same codec, so a span test can check that a field found
in the decoded text points at the right original bytes.

    python3 Tools/encoding-cases.py
"""

import json
import os

TARGET = os.path.join(os.path.dirname(__file__), "..", "Fixtures", "encodings", "decoding-cases.jsonl")

PAGE = "Medical Assistant\nSalary: $36,000 - $59,000 per year\nCertification: CMA (AAMA)\n"
SURROGATES = "Music Therapist \U0001D11E\nMood: \U0001F600 calm \U0001F600\nSalary: $48,000\n"
WESTERN = "Caf\u00e9 manager \u2013 \u201cMaître d\u2019h\u00f4tel\u201d\nSalary: \u20ac36,000 \u2026 \u20ac59,000\nNa\u00efve r\u00e9sum\u00e9 \u2122\n"
LATIN1 = "Gr\u00f6\u00dfe: 12 m\u00b2; \u00c5ngstr\u00f6m fa\u00e7ade\nSalary: \u00a336,000 \u00bd\n"
# Every byte 0x80-0x9F that Windows-1252 defines, each between ASCII letters.
HIGH = "".join("x" + bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)) + "\n"
# Every byte 0xA0-0xFF (Latin-1's upper half, which Windows-1252 shares).
UPPER = "".join("y" + bytes([b]).decode("cp1252") for b in range(0xA0, 0x100)) + "\n"


def utf16(name, text, big_endian, field, tail=b""):
    codec = "utf-16-be" if big_endian else "utf-16-le"
    bom = b"\xfe\xff" if big_endian else b"\xff\xfe"
    data = bom + text.encode(codec, "surrogatepass") + tail
    start = text.index(field)
    field_bytes = [len(bom) + len(text[:start].encode(codec, "surrogatepass")),
                   len(bom) + len(text[:start + len(field)].encode(codec, "surrogatepass"))]
    return case(name, "utf-16", data, data.decode("utf-16", errors="replace"), field, field_bytes)


def cp1252(name, text, field):
    data = text.encode("cp1252")
    start = text.index(field)
    field_bytes = [len(text[:start].encode("cp1252")), len(text[:start + len(field)].encode("cp1252"))]
    return case(name, "cp1252", data, data.decode("cp1252"), field, field_bytes)


def case(name, encoding, data, expected, field, field_bytes):
    return {"name": name, "encoding": encoding, "bytes": data.hex(), "expected": expected,
            "field": field, "field_bytes": field_bytes}


def main():
    cases = [
        utf16("UTF-16LE page", PAGE, False, "$36,000 - $59,000 per year"),
        utf16("UTF-16BE page", PAGE, True, "$36,000 - $59,000 per year"),
        utf16("UTF-16LE with surrogate pairs", SURROGATES, False, "$48,000"),
        utf16("UTF-16BE with surrogate pairs", SURROGATES, True, "$48,000"),
        utf16("UTF-16LE with a field after a surrogate pair", SURROGATES, False, "calm \U0001F600"),
        utf16("UTF-16LE of odd length", PAGE, False, "CMA (AAMA)", tail=b"A"),
        utf16("UTF-16BE of odd length", PAGE, True, "CMA (AAMA)", tail=b"\x00"),
        # Half a surrogate pair is not UTF-16: written with "surrogatepass", read back as U+FFFD.
        utf16("UTF-16LE with a lone high surrogate", "Title \ud800x\nSalary: $1\n", False, "Salary: $1"),
        utf16("UTF-16BE with a lone low surrogate", "Title \udc00x\nSalary: $2\n", True, "Salary: $2"),
        utf16("UTF-16LE ending in half a surrogate and an odd byte", PAGE, False, "CMA (AAMA)", tail=b"\x00\xd8A"),
        utf16("UTF-16BE ending in half a surrogate", PAGE, True, "Medical", tail=b"\xd8\x00"),
        utf16("UTF-16LE with two high surrogates before a low one", "A \ud800\ud800\udc00 B\n", False, "B"),
        cp1252("Windows-1252 page", WESTERN, "\u20ac36,000 \u2026 \u20ac59,000"),
        cp1252("Latin-1 page", LATIN1, "\u00a336,000 \u00bd"),
        cp1252("Windows-1252 bytes 0x80-0x9F", HIGH, "x\u2122x"),
        cp1252("Latin-1 bytes 0xA0-0xFF", UPPER, "y\u00ff"),
    ]
    os.makedirs(os.path.dirname(TARGET), exist_ok=True)
    with open(TARGET, "w", encoding="utf-8") as f:
        for c in cases:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
