#!/usr/bin/env python3
"""Writes Fixtures/normalize/character-references.jsonl: HTML character references and what
Python's `html.unescape` makes of them, for the normalize stage's tests to compare against.

One JSON object a line: `{"input": ..., "expected": ...}`. `expected` is Python's answer, never
the normalize stage's. Included: every named reference written with a semicolon, between two
letters; numeric references at the edges the WHATWG standard defines (0, 128–159 as
Windows-1252, surrogates, past U+10FFFF, overflowing digit strings), decimal and hex, with and
without their semicolon; escaped references, decoded once; and `&` text that is no reference.

Left out, because the standard and this project differ from Python there on purpose, and tested
by hand instead: legacy names without a semicolon (`&amp`, `&notit;`, which Python decodes by
prefix and the normalize stage leaves as text) and control characters such as `&#1;`, which
Python removes and the standard keeps, as it keeps noncharacters such as `&#x10FFFF;`.

    python3 Tools/character-reference-cases.py
"""

import html
import html.entities
import json
import os

TARGET = os.path.join(os.path.dirname(__file__), "..", "Fixtures", "normalize", "character-references.jsonl")

NUMERIC = [0, 9, 38, 60, 65, 126, 160, 169, 233, 255, 256, 8217, 8226, 0xD7FF, 0xD800, 0xDBFF, 0xDC00, 0xDFFF,
           0xE000, 0xFFFD, 0x1F600, 0x10FFFD, 0x110000, 0x7FFFFFFF, 99999999999] + list(range(128, 160))

OTHERS = [
    "a &amp;lt; b", "&amp;amp;", "&amp;#38;", "&#38;#38;", "&#x26;lt;",
    "Tom &amp; Jerry", "it&rsquo;s", "&Aacute;rbol", "&AElig;sir", "&Ntilde;and&uacute;", "&Scaron;koda",
    "&alpha;&beta;&Gamma;&Omega;", "&NotEqualTilde;x", "&nvlt;x", "&ThickSpace;x", "&fjlig;ord",
    "&#8226 Item", "&#x2022x", "&#X2022;", "&#0000065;", "&#x000041;",
    "&#;", "&#x;", "&#xZZ;", "&#", "& alone", "&;", "&&amp;", "AT&T and R&D", "&unknown;",
    "&AMP;", "&Amp;", "&aMp;", "Q&amp;A", "&lt;&gt;&quot;&apos;",
]


def main():
    inputs = []
    for name in sorted(html.entities.html5):
        if name.endswith(";"):
            inputs.append(f"x&{name}y")
    for value in NUMERIC:
        inputs.append(f"x&#{value};y")
        inputs.append(f"x&#x{value:x};y")
    for value in (146, 8217, 233, 0):
        inputs.append(f"x&#{value} y")
    inputs.extend(OTHERS)
    os.makedirs(os.path.dirname(TARGET), exist_ok=True)
    with open(TARGET, "w", encoding="utf-8") as f:
        for text in inputs:
            f.write(json.dumps({"input": text, "expected": html.unescape(text)}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
