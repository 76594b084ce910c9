#!/usr/bin/env python3
"""The career pipeline over WARC archives, written as a Python user would: warcio reads the
records, lxml.html parses each page, a small walk of `//main` renders the text layout, and the
field extraction of career.py does the rest.

    python3 Benchmarks/baselines/career_warc.py ARCHIVE.warc.gz... [-o out.jsonl]

The rendering follows the layout the text pipeline reads (what the `html` stage does): block
elements on lines of their own, list items as "• " bullets, table rows as "| cell | cell |",
inline text run together with whitespace collapsed. It is the benchmark baseline for `extract`
on Benchmarks/corpus/generate_warc.py's archives, where it gives the same records.
Needs warcio and lxml (pip install warcio lxml), and PyYAML as career.py does.
"""
import argparse
import json
import os
import re
import sys

import lxml.html
from warcio.archiveiterator import ArchiveIterator

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import career  # noqa: E402

BLOCKS = {"address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt", "figcaption", "figure",
          "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
          "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "ul"}
SKIP = {"script", "style", "template", "noscript", "head", "svg", "iframe", "object", "canvas"}
SPACES = re.compile(r"[ \t\n\r\f]+")


def render(root):
    lines = []
    current = []

    def flush():
        text = SPACES.sub(" ", "".join(current)).strip()
        if text:
            lines.append(text)
        current.clear()

    def walk(element):
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in SKIP:
            return
        if tag == "br":
            flush()
        elif tag == "tr":
            flush()
            cells = [SPACES.sub(" ", cell.text_content()).strip() for cell in element if cell.tag in ("td", "th")]
            lines.append("| " + " | ".join(cells) + " |")
            return
        elif tag in BLOCKS:
            flush()
            if tag == "li":
                current.append("\u2022 ")
        if tag and element.text:
            current.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                current.append(child.tail)
        if tag in BLOCKS:
            flush()

    walk(root)
    flush()
    return "\n".join(lines)


def pages(paths):
    for path in paths:
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type != "response" or not record.http_headers:
                    continue
                if not record.http_headers.get_statuscode().startswith("2"):
                    continue
                if not record.http_headers.get_header("Content-Type", "").startswith("text/html"):
                    continue
                yield record.rec_headers.get_header("WARC-Target-URI"), record.content_stream().read()


def main():
    parser = argparse.ArgumentParser(description="WARC career pages to JSON Lines (Python baseline)")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("-o", "--output")
    args = parser.parse_args()
    career.REGISTRY_INDEX = career.Registry(career.REGISTRY)
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    for uri, body in pages(args.paths):
        document = lxml.html.document_fromstring(body)
        main_element = document.find(".//main")
        text = render(main_element if main_element is not None else document)
        out.write(dumps(career.extract(text, uri)))
        out.write("\n")
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
