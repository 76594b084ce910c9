#!/usr/bin/env python3
"""Writes Fixtures/encodings/decoding-cases.jsonl: text pages in UTF-16 (with a byte order mark)
and Windows-1252, and what Python's codecs make of them, for the input decoder's tests to compare
against; and Fixtures/encodings/auto-cases.jsonl: job-page sentences in Western languages written
in Windows-1252, and in other alphabets and East Asian languages written in their own legacy
encodings, by Python's codecs, each with what `--encoding auto` must do with it (`decoded` for
the first kind, `rejected` for the second: set here by language, not by running extract).

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
AUTO_TARGET = os.path.join(os.path.dirname(__file__), "..", "Fixtures", "encodings", "auto-cases.jsonl")

WESTERN_SENTENCES = {
    "French": "Infirmier coordinateur de soins \u2013 salaire : 36 000 \u20ac par an. \u00c9tudes : dipl\u00f4me d\u2019\u00c9tat. Exp\u00e9rience \u00ab tr\u00e8s appr\u00e9ci\u00e9e \u00bb, \u00e0 c\u00f4t\u00e9 de l\u2019h\u00f4pital; o\u00f9 \u00e7a? No\u00ebl, \u0153uvre, c\u0153ur.",
    "German": "Gr\u00f6\u00dfe der Station: 24 Betten. Gehalt 3.200 \u20ac brutto. Ausbildung \u00fcber drei Jahre; Pr\u00fcfung bestanden. F\u00fc\u00dfe, Gr\u00fc\u00dfe, \u00c4u\u00dferung, \u00d6ffnungszeiten.",
    "Spanish": "T\u00e9cnico en ultrasonido: salario de 25.000 \u20ac. Formaci\u00f3n: \u00bfcu\u00e1nto tiempo? A\u00f1o y medio. Se\u00f1alizaci\u00f3n, ni\u00f1o, peque\u00f1o.",
    "Portuguese": "Coordena\u00e7\u00e3o de aten\u00e7\u00e3o ao paciente: sal\u00e1rio de R$ 3.500. Forma\u00e7\u00e3o t\u00e9cnica, n\u00e3o h\u00e1 exig\u00eancia; a\u00e7\u00f5es e informa\u00e7\u00f5es.",
    "Italian": "Perch\u00e9 scegliere questa carriera? \u00c8 un lavoro pi\u00f9 stabile; citt\u00e0, qualit\u00e0, universit\u00e0.",
    "Swedish": "Sjuksk\u00f6terska p\u00e5 avdelning: l\u00f6n 32 000 kr. Utbildning p\u00e5 h\u00f6gskola, tv\u00e5 \u00e5r; \u00f6verl\u00e4kare, \u00e4rende.",
    "Danish": "Sygeplejerske: l\u00f8n p\u00e5 30.000 kr. Uddannelse p\u00e5 3\u00bd \u00e5r; k\u00f8rsel, f\u00e6rdighed, s\u00f8 og \u00e5.",
    "Icelandic": "Hj\u00fakrunarfr\u00e6\u00f0ingur \u00e1 sj\u00fakrah\u00fasi: laun. \u00dej\u00e1lfun, \u00e6ttingjar, f\u00e6\u00f0ing, \u00de\u00f3r\u00f0ur.",
    "Dutch": "Verpleegkundige: salaris \u20ac 3.000. Opleiding van drie jaar; co\u00f6rdinatie, idee\u00ebn, Belgi\u00eb.",
    "English with typographic marks": "Nurse \u2013 \u201cCare\u201d \u2122 \u2022 pay \u00a330k\u2026 it\u2019s \u00bd time \u00a9 2024 \u2014 caf\u00e9.",
}

OTHER_SENTENCES = [
    ("Russian", "cp1251", "\u041c\u0435\u0434\u0438\u0446\u0438\u043d\u0441\u043a\u0430\u044f \u0441\u0435\u0441\u0442\u0440\u0430: \u0437\u0430\u0440\u043f\u043b\u0430\u0442\u0430 50 000 \u0440\u0443\u0431\u043b\u0435\u0439."),
    ("Russian", "koi8_r", "\u041c\u0435\u0434\u0438\u0446\u0438\u043d\u0441\u043a\u0430\u044f \u0441\u0435\u0441\u0442\u0440\u0430: \u0437\u0430\u0440\u043f\u043b\u0430\u0442\u0430 50 000 \u0440\u0443\u0431\u043b\u0435\u0439."),
    ("Greek", "cp1253", "\u039d\u03bf\u03c3\u03b7\u03bb\u03b5\u03c5\u03c4\u03ae\u03c2: \u03bc\u03b9\u03c3\u03b8\u03cc\u03c2 1.200 \u03b5\u03c5\u03c1\u03ce."),
    ("Japanese", "shift_jis", "\u770b\u8b77\u5e2b\u306e\u6c42\u4eba\uff1a\u5e74\u53ce400\u4e07\u5186\u3002"),
    ("Japanese", "euc_jp", "\u770b\u8b77\u5e2b\u306e\u6c42\u4eba\uff1a\u5e74\u53ce400\u4e07\u5186\u3002"),
    ("Chinese", "gbk", "\u62a4\u58eb\u62db\u8058\uff1a\u6708\u85aa8000\u5143\u3002"),
    ("Chinese", "big5", "\u8b77\u58eb\u62db\u8058\uff1a\u6708\u85aa8000\u5143\u3002"),
    ("Korean", "euc_kr", "\uac04\ud638\uc0ac \ucc44\uc6a9: \uc5f0\ubd09 4000\ub9cc\uc6d0."),
    ("Hebrew", "cp1255", "\u05d0\u05d7\u05d5\u05ea \u05de\u05d5\u05e1\u05de\u05db\u05ea: \u05e9\u05db\u05e8 12,000."),
    ("Arabic", "cp1256", "\u0645\u0645\u0631\u0636\u0629: \u0627\u0644\u0631\u0627\u062a\u0628 5000 \u0631\u064a\u0627\u0644."),
    ("Thai", "tis_620", "\u0e1e\u0e22\u0e32\u0e1a\u0e32\u0e25 \u0e40\u0e07\u0e34\u0e19\u0e40\u0e14\u0e37\u0e2d\u0e19 25,000 \u0e1a\u0e32\u0e17"),
]

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
    with open(AUTO_TARGET, "w", encoding="utf-8") as f:
        for language, text in WESTERN_SENTENCES.items():
            page = f"Job page\n{text}\n".encode("cp1252")
            f.write(json.dumps({"name": f"{language} in cp1252", "bytes": page.hex(), "auto": "decoded",
                                "expected": page.decode("cp1252")}, ensure_ascii=False) + "\n")
        for language, codec, text in OTHER_SENTENCES:
            page = f"Job page\n{text}\n".encode(codec)
            f.write(json.dumps({"name": f"{language} in {codec}", "bytes": page.hex(), "auto": "rejected"}) + "\n")


if __name__ == "__main__":
    main()
