#!/usr/bin/env python3
"""Generate a corpus of career pages as a crawler stores them: HTML in .warc.gz files.

    python3 Benchmarks/corpus/generate_warc.py --count 10000 --seed 1 --out DIR [--per-file 1000]

Each page of generate.py (the same --seed gives the same pages) is rendered as HTML the way a
site serves it: a <head> with a script and a style, a nav bar and a footer around <main>; in
<main> the title as <h1>, headings as <h2>, the facts of layout A as a <table>, bullets as
<ul><li>, every other line as a <p>. Each page is a `response` record (HTTP 200, text/html;
charset=utf-8; about one in ten chunked and gzip-encoded, as servers send them), preceded by its
`request` record, as warcio writes them (a gzip member per record). `extract` with
Pipelines/career.yaml (whose html stage selects //main) gives the same records from these as
from the text pages, all but `source`, which is the page's URI.

Needs warcio (pip install warcio).
"""
import argparse
import gzip
import html
import io
import os
import random
import re
import sys
import urllib.parse

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from generate import page  # noqa: E402

HEAD = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Career Guides</title>
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
<style>main {{ max-width: 60rem; }} .badge {{ display: inline-block; }}</style></head>
<body><nav><a href="/">Home</a> <a href="/guides/">Guides</a> <a href="/about/">About</a></nav>
<main>
"""
FOOT = """</main>
<footer><p>&copy; 2026 Career Guides. <a href="/privacy/">Privacy</a></p></footer>
</body></html>
"""
BULLET = re.compile(r"^\s*(?:[-*+]\s+)?(?:[\u2022\u25aa\u25e6\u25cf\u00b7\u2023\u2043\u2219\u25a0\u25a1\u25ab\u25cb\u2027]|\u00e2\u20ac\u00a2)\s*|^\s*[-*+]\s+")
HEADINGS = re.compile(r"^(Work Settings|Primary Duties|How to Become .+|Continuing Education|Certifications (&|and) Licenses|Citations|Related Guides)$")


def render(text):
    """A text page as HTML whose rendering by the html stage is the page's text layout."""
    # The generator writes a few pages with entities for & and ’; as HTML they are plain characters.
    text = html.unescape(text).replace("\r\n", "\n")
    lines = [line for line in text.split("\n") if line.strip()]
    out = [HEAD.format(title=html.escape(lines[0]))]
    table, items = [], []

    def flush():
        if table:
            out.append("<table>" + "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in table) + "</table>\n")
            table.clear()
        if items:
            out.append("<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>\n")
            items.clear()

    for number, line in enumerate(lines):
        if line.startswith("|") and line.rstrip().endswith("|"):
            if items:
                flush()
            table.append([cell.strip() for cell in line.strip().strip("|").split("|")])
            continue
        bullet = BULLET.match(line)
        if bullet and bullet.end() < len(line):
            if table:
                flush()
            items.append(line[bullet.end():])
            continue
        flush()
        tag = "h1" if number == 0 else ("h2" if HEADINGS.match(line) else "p")
        out.append(f"<{tag}>{html.escape(line)}</{tag}>\n")
    flush()
    out.append(FOOT)
    return "".join(out)


def chunked(body, size=4096):
    out = b""
    for start in range(0, len(body), size):
        out += b"%x\r\n" % len(body[start:start + size]) + body[start:start + size] + b"\r\n"
    return out + b"0\r\n\r\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", required=True, help="directory for crawl-NNNNN.warc.gz files")
    parser.add_argument("--per-file", type=int, default=1000, help="pages per archive (default 1000)")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(args.seed)
    encoding_rng = random.Random(args.seed + 1)
    writer = None
    stream = None
    total = 0
    for index in range(args.count):
        if index % args.per_file == 0:
            if stream:
                stream.close()
            stream = open(os.path.join(args.out, f"crawl-{index // args.per_file:05d}.warc.gz"), "wb")
            writer = WARCWriter(stream, gzip=True)
        text, name = page(rng, index)
        body = render(text).encode("utf-8")
        total += len(body)
        name = urllib.parse.quote(name)  # URIs are ASCII
        uri = f"https://careers.example.org/guides/{name}"
        headers = [("Content-Type", "text/html; charset=utf-8"), ("Server", "nginx")]
        if encoding_rng.random() < 0.1:
            body = chunked(gzip.compress(body, 6))
            headers += [("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")]
        request = StatusAndHeaders(f"GET /guides/{name} HTTP/1.1", [("Host", "careers.example.org")], is_http_request=True)
        writer.write_record(writer.create_warc_record(uri, "request", payload=io.BytesIO(b""), http_headers=request))
        response = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=response, length=len(body)))
    if stream:
        stream.close()
    print(f"{args.count} pages, {total:,} bytes of HTML ({total / max(args.count, 1):,.0f} per page)", file=sys.stderr)


if __name__ == "__main__":
    main()
