"""Writes the WARC fixtures here with warcio, an independent writer (pip install warcio).

- crawl.warc.gz: a gzip member per record, as Common Crawl writes: warcinfo, then for two career
  pages a request, a response (the second chunked and gzip-encoded) and a metadata record; an
  image response, a 404 and a revisit.
- corrupt-member.warc.gz: three responses, the second's gzip member damaged in the middle.
- truncated.warc: two responses, uncompressed, the file cut inside the second's body.
"""
import gzip
import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
PAGES = HERE.parent / "career" / "pages"
FIRST = (PAGES / "patient-care-coordinator.txt").read_bytes()
SECOND = (PAGES / "patient-care-coordinator.layout-b.txt").read_bytes()
DATE = "2026-11-30T12:00:00Z"


def response(writer, uri, body, headers, status="200 OK", record_id=None):
    http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
    warc_headers = {"WARC-Date": DATE}
    if record_id:
        warc_headers["WARC-Record-ID"] = record_id
    return writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http,
                                     length=len(body), warc_headers_dict=warc_headers)


def chunked(body, size=500):
    out = b""
    for start in range(0, len(body), size):
        out += b"%x\r\n" % len(body[start:start + size]) + body[start:start + size] + b"\r\n"
    return out + b"0\r\n\r\n"


def crawl():
    with open(HERE / "crawl.warc.gz", "wb") as f:
        w = WARCWriter(f, gzip=True)
        w.write_record(w.create_warcinfo_record("crawl.warc.gz", {"software": "warcio fixture"}))
        for uri, body, extra, rid in [
            ("https://careers.example.org/pcc", FIRST, [], "<urn:uuid:00000000-0000-4000-8000-000000000001>"),
            ("https://careers.example.org/pcc-b", chunked(gzip.compress(SECOND)),
             [("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")], "<urn:uuid:00000000-0000-4000-8000-000000000002>"),
        ]:
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "careers.example.org")], is_http_request=True)
            w.write_record(w.create_warc_record(uri, "request", payload=io.BytesIO(b""), http_headers=request))
            w.write_record(response(w, uri, body, [("Content-Type", "text/plain; charset=UTF-8")] + extra, record_id=rid))
            w.write_record(w.create_warc_record(uri, "metadata", payload=io.BytesIO(b"fetchTimeMs: 5\n"),
                                                warc_content_type="application/warc-fields"))
        w.write_record(response(w, "https://careers.example.org/logo.png", b"\x89PNG\r\n\x1a\n", [("Content-Type", "image/png")]))
        w.write_record(response(w, "https://careers.example.org/gone", b"<h1>Not found</h1>", [("Content-Type", "text/html")],
                                status="404 Not Found"))
        w.write_record(w.create_revisit_record("https://careers.example.org/pcc", digest="sha1:AAAA",
                                               refers_to_uri="https://careers.example.org/pcc", refers_to_date=DATE))


def corrupt():
    members = []
    for index in range(3):
        buffer = io.BytesIO()
        w = WARCWriter(buffer, gzip=True)
        w.write_record(response(w, f"https://careers.example.org/page-{index + 1}", FIRST, [("Content-Type", "text/plain")]))
        members.append(bytearray(buffer.getvalue()))
    middle = len(members[1]) // 2
    for offset in range(middle, middle + 32):
        members[1][offset] ^= 0x5A
    (HERE / "corrupt-member.warc.gz").write_bytes(b"".join(members))


def truncated():
    buffer = io.BytesIO()
    w = WARCWriter(buffer, gzip=False)
    w.write_record(response(w, "https://careers.example.org/whole", FIRST, [("Content-Type", "text/plain")]))
    w.write_record(response(w, "https://careers.example.org/cut", SECOND, [("Content-Type", "text/plain")]))
    data = buffer.getvalue()
    (HERE / "truncated.warc").write_bytes(data[:len(data) - 700])


crawl()
corrupt()
truncated()
