"""WARC input, checked against archives written by warcio (an independent writer).

Each archive holds career pages as HTTP responses, among records a reader must skip: the HTML
pages of Fixtures/career-html/pages (text/html, as crawlers store them) and text pages of
Fixtures/career/pages (text/plain). The records `extract` makes from an archive must equal the
records it makes from the same pages read as files (all but `source`, which is the page's URI).

Run by Tests/Interop/run.sh (which installs warcio), or: EXTRACT=.build/debug/extract pytest Tests/Interop
"""
import gzip
import re
import io
import json
import os
import subprocess
import zlib
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parents[2]
EXTRACT = os.environ.get("EXTRACT", str(ROOT / ".build/debug/extract"))
PIPELINE = str(ROOT / "Pipelines/career.yaml")
PAGES = sorted((ROOT / "Fixtures/career/pages").glob("*.txt"))[:12]
HTML_PAGES = sorted((ROOT / "Fixtures/career-html/pages").glob("*.html"))


def run(*args, check_status=None):
    result = subprocess.run([EXTRACT, *map(str, args)], capture_output=True)
    if check_status is not None:
        assert result.returncode == check_status, result.stderr.decode()
    return result


def records(stdout):
    return [json.loads(line) for line in stdout.decode().splitlines() if line.strip()]


def without_source(record):
    return {k: v for k, v in record.items() if k != "source"}


@pytest.fixture(scope="module")
def expected():
    """The records of the pages read as files (text and HTML), by page name."""
    out = run("-p", PIPELINE, *PAGES, *HTML_PAGES)
    got = records(out.stdout)
    assert len(got) == len(PAGES) + len(HTML_PAGES)
    return {Path(r["source"]).stem: without_source(r) for r in got}


def content_type(page):
    if page.suffix != ".html":
        return "text/plain; charset=utf-8"
    # The declared charset of the page, sent in the header too, as servers do.
    return "text/html; charset=windows-1252" if b'charset="windows-1252"' in page.read_bytes() else "text/html"


def uri(page):
    return f"https://careers.example.org/guides/{page.stem}"


def chunked(body, size=700):
    out = b""
    for start in range(0, len(body), size):
        piece = body[start:start + size]
        out += b"%x\r\n" % len(piece) + piece + b"\r\n"
    return out + b"0\r\n\r\n"


def one_response(archive, target_uri, body, content_type):
    """Writes a .warc.gz holding one 200 response with `body` and the given Content-Type."""
    with open(archive, "wb") as f:
        writer = WARCWriter(f, gzip=True)
        http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(target_uri, "response", payload=io.BytesIO(body), http_headers=http))
    return archive


def write_archive(path, gzipped, pages, transfer=None, encoding=None):
    """Writes pages as response records, with request, warcinfo, metadata, revisit and image
    records among them, as a crawler would."""
    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=gzipped)
        writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "test crawler"}))
        for page in pages:
            body = page.read_bytes()
            headers = [("Content-Type", content_type(page))]
            if encoding == "gzip":
                body = gzip.compress(body)
                headers.append(("Content-Encoding", "gzip"))
            elif encoding == "deflate":
                body = zlib.compress(body)
                headers.append(("Content-Encoding", "deflate"))
            if transfer == "chunked":
                body = chunked(body)
                headers.append(("Transfer-Encoding", "chunked"))
            request = writer.create_warc_record(uri(page), "request", payload=io.BytesIO(b""),
                http_headers=StatusAndHeaders(f"GET /guides/{page.stem} HTTP/1.1", [("Host", "careers.example.org")], is_http_request=True))
            writer.write_record(request)
            http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri(page), "response", payload=io.BytesIO(body), http_headers=http,
                                                          length=len(body)))
            writer.write_record(writer.create_warc_record(uri(page), "metadata", payload=io.BytesIO(b"fetchTimeMs: 12\n"),
                                                          warc_content_type="application/warc-fields"))
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://careers.example.org/logo.png", "response",
                                                      payload=io.BytesIO(b"\x89PNG\r\n\x1a\nfake"), http_headers=image))
        moved = StatusAndHeaders("301 Moved Permanently", [("Location", "/guides/"), ("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://careers.example.org/old", "response",
                                                      payload=io.BytesIO(b"<a href=/guides/>moved</a>"), http_headers=moved))
        writer.write_record(writer.create_revisit_record(uri(pages[0]), digest="sha1:AAAA", refers_to_uri=uri(pages[0]),
                                                         refers_to_date="2026-01-01T00:00:00Z"))


def check_same_records(archive, expected, pages):
    out = run("-p", PIPELINE, archive)
    assert out.returncode == 0, out.stderr.decode()
    got = records(out.stdout)
    assert [r["source"] for r in got] == [uri(p) for p in pages]
    for record, page in zip(got, pages):
        assert without_source(record) == expected[page.stem], page.name
    return out.stderr.decode()


@pytest.mark.parametrize("gzipped", [False, True], ids=["plain", "gzip-per-record"])
@pytest.mark.parametrize("kind", ["html", "text"])
def test_records_from_an_archive_equal_those_from_the_page_files(tmp_path, expected, gzipped, kind):
    pages = HTML_PAGES if kind == "html" else PAGES
    archive = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    write_archive(archive, gzipped, pages)
    stderr = check_same_records(archive, expected, pages)
    # Everything that is not a page is counted by what it is.
    n = len(pages)
    assert f"warc.request {n}" in stderr and f"warc.metadata {n}" in stderr and "warc.warcinfo 1" in stderr
    assert "warc.revisit 1" in stderr and "warc.response image/png 1" in stderr
    assert "warc.response HTTP 301 1" in stderr


def test_a_whole_file_gzip_reads_like_one_member_per_record(tmp_path, expected):
    plain = tmp_path / "crawl.warc"
    write_archive(plain, False, HTML_PAGES)
    archive = tmp_path / "crawl-whole.warc.gz"
    archive.write_bytes(gzip.compress(plain.read_bytes()))
    check_same_records(archive, expected, HTML_PAGES)


@pytest.mark.parametrize("transfer,encoding", [("chunked", None), (None, "gzip"), ("chunked", "gzip"), (None, "deflate")])
def test_chunked_and_compressed_bodies_are_decoded(tmp_path, expected, transfer, encoding):
    archive = tmp_path / "crawl.warc.gz"
    write_archive(archive, True, HTML_PAGES[:4], transfer=transfer, encoding=encoding)
    check_same_records(archive, expected, HTML_PAGES[:4])


def test_a_truncated_last_record_is_rejected_and_the_others_kept(tmp_path, expected):
    plain = tmp_path / "crawl.warc"
    with open(plain, "wb") as f:
        writer = WARCWriter(f, gzip=False)
        for page in PAGES[:3]:
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/plain")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri(page), "response", payload=io.BytesIO(page.read_bytes()), http_headers=http))
    data = plain.read_bytes()
    plain.write_bytes(data[:len(data) - 500])
    rejects = tmp_path / "rejects.jsonl"
    out = run("-p", PIPELINE, plain, "--rejects", rejects, check_status=1)
    assert [r["source"] for r in records(out.stdout)] == [uri(p) for p in PAGES[:2]]
    [reject] = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert reject["source"] == uri(PAGES[2]) and reject["code"] == "warc.truncated"


def test_a_corrupt_member_in_the_middle_is_rejected_and_reading_goes_on(tmp_path, expected):
    # Each record its own gzip member: damage the third response's member.
    members = []
    for page in PAGES[:5]:
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=True)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/plain")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri(page), "response", payload=io.BytesIO(page.read_bytes()), http_headers=http))
        members.append(bytearray(buffer.getvalue()))
    damaged = members[2]
    for offset in range(len(damaged) // 2, len(damaged) // 2 + 40):
        damaged[offset] ^= 0x5A
    archive = tmp_path / "crawl.warc.gz"
    archive.write_bytes(b"".join(members))
    rejects = tmp_path / "rejects.jsonl"
    out = run("-p", PIPELINE, archive, "--rejects", rejects, check_status=1)
    got = records(out.stdout)
    kept = [PAGES[i] for i in (0, 1, 3, 4)]
    assert [r["source"] for r in got] == [uri(p) for p in kept]
    for record, page in zip(got, kept):
        assert without_source(record) == expected[page.stem]
    codes = [json.loads(line)["code"] for line in rejects.read_text().splitlines()]
    assert codes == ["warc.bad_gzip"]


def test_archives_are_read_from_standard_input_with_input_format_warc(tmp_path, expected):
    archive = tmp_path / "crawl.warc.gz"
    write_archive(archive, True, PAGES[:3])
    with open(archive, "rb") as f:
        out = subprocess.run([EXTRACT, "-p", PIPELINE, "--input-format", "warc", "-"], stdin=f, capture_output=True)
    assert out.returncode == 0, out.stderr.decode()
    assert [without_source(r) for r in records(out.stdout)] == [expected[p.stem] for p in PAGES[:3]]


def test_derive_copies_the_record_id_status_and_content_type_as_warcio_reads_them(tmp_path):
    from warcio.archiveiterator import ArchiveIterator
    archive = tmp_path / "crawl.warc.gz"
    write_archive(archive, True, PAGES[:3])
    pipeline = tmp_path / "ids.yaml"
    pipeline.write_text("""
stages:
  - stage: fields
    fields:
      title: { pattern: '\\A(?<value>[^\\n]+)$' }
  - stage: derive
    fields:
      url: { document: source }
      record_id: { document: warc_record_id }
      status: { document: http_status }
      type: { document: content_type }
record: [url, record_id, status, type, title]
""")
    out = run("-p", pipeline, archive, check_status=0)
    got = [{k: r[k] for k in ("url", "record_id", "status", "type")} for r in records(out.stdout)]
    assert all(r["title"] for r in records(out.stdout))
    with open(archive, "rb") as f:
        wanted = [{"url": rec.rec_headers.get_header("WARC-Target-URI"),
                   "record_id": rec.rec_headers.get_header("WARC-Record-ID"),
                   "status": int(rec.http_headers.get_statuscode()),
                   "type": rec.http_headers.get_header("Content-Type").split(";")[0]}
                  for rec in ArchiveIterator(f)
                  if rec.rec_type == "response" and rec.http_headers.get_header("Content-Type", "").startswith("text/")
                  and rec.http_headers.get_statuscode() == "200"]
    assert got == wanted and len(got) == 3
    # A page read from a file has none of these.
    out = run("-p", pipeline, PAGES[0], check_status=0)
    [record] = records(out.stdout)
    assert record["record_id"] is None and record["status"] is None and record["type"] is None


def test_a_latin1_page_named_only_by_the_http_header_reads_like_its_utf8_file(tmp_path):
    """A server whose pages are Latin-1 says so in the HTTP header alone (no <meta>); the page
    must give the record its UTF-8 twin gives as a file."""
    source = (ROOT / "Fixtures/career-html/pages/patient-care-coordinator.html").read_bytes().decode("utf-8")
    source = re.sub(r"<h1([^>]*)>[^<]*</h1>", r"<h1\1>Técnico de Farmacia – Año Uno</h1>", source, count=1)
    source = source.replace("<li>", "<li>Atención en clínicas y hôpitaux: ", 1)
    twin = tmp_path / "twin.html"
    twin.write_text(source, encoding="utf-8")
    [want] = records(run("-p", PIPELINE, twin, check_status=0).stdout)
    assert want["title"] == "Técnico de Farmacia – Año Uno"
    latin1 = re.sub(r"<meta[^>]*charset[^>]*>", "", source, flags=re.I)
    # Characters Latin-1 has go as one byte each; the others (–, •, ’) as references, as a
    # server whose pages are Latin-1 sends them.
    body = latin1.encode("iso-8859-1", errors="xmlcharrefreplace")
    assert b"T\xe9cnico" in body and b"&#8211;" in body
    archive = one_response(tmp_path / "latin1.warc.gz", "https://careers.example.org/es/tecnico", body, "text/html; charset=ISO-8859-1")
    [got] = records(run("-p", PIPELINE, archive, check_status=0).stdout)
    assert without_source(got) == without_source(want)


def test_a_text_page_in_latin1_named_by_the_http_header_is_decoded_as_declared(tmp_path):
    """A text/plain response whose header names ISO-8859-1 is read in that charset (as
    Windows-1252, as browsers do), with the diagnostic that says so."""
    text = (ROOT / "Fixtures/career/pages/patient-care-coordinator.txt").read_text(encoding="utf-8")
    text = text.replace("Patient Care Coordinator", "Técnico de Farmacia", 1)
    # A Latin-1 page has no ↗: the citations' arrows go.
    text = text.replace(" \u2197", "").replace("\u2197", "")
    twin = tmp_path / "twin.txt"
    twin.write_text(text, encoding="utf-8")
    [want] = records(run("-p", PIPELINE, twin, check_status=0).stdout)
    body = text.encode("cp1252")
    assert b"T\xe9cnico" in body
    archive = one_response(tmp_path / "latin1-text.warc.gz", "https://careers.example.org/es/tecnico.txt", body, "text/plain; charset=ISO-8859-1")
    [got] = records(run("-p", PIPELINE, archive, check_status=0).stdout)
    assert got["title"] == "Técnico de Farmacia"
    codes = [d["code"] for d in got["diagnostics"]]
    assert "input.decoded_cp1252" in codes
    strip = lambda r: {k: v for k, v in without_source(r).items() if k != "diagnostics"}
    assert strip(got) == strip(want)


def test_the_http_headers_charset_is_followed_where_the_guess_would_refuse(tmp_path):
    """"ÆØÅ" is a run of three non-ASCII bytes, which --encoding auto alone takes for another
    encoding's text and refuses; named by the header, the page is read."""
    body = "ÆØÅ Técnico\nA page that says what it is.\n".encode("latin-1")
    guessed = tmp_path / "page.txt"
    guessed.write_bytes(body)
    assert run("-p", PIPELINE, guessed).returncode == 1
    archive = one_response(tmp_path / "declared.warc.gz", "https://careers.example.org/x.txt", body, "text/plain; charset=iso-8859-1")
    [got] = records(run("-p", PIPELINE, archive, check_status=0).stdout)
    assert got["title"] == "ÆØÅ Técnico"
    # --encoding utf-8 is the user's choice and stands.
    assert run("-p", PIPELINE, archive, "--encoding", "utf-8").returncode == 1


def test_shards_split_the_pages_of_an_archive_not_its_records(tmp_path, expected):
    """A crawl writes warcinfo, then request, response and metadata for each page: shards count
    pages, so with 3 shards each gets a third of them, and together every page once."""
    archive = tmp_path / "crawl.warc.gz"
    write_archive(archive, True, PAGES)
    shares = []
    for index in range(3):
        out = run("-p", PIPELINE, archive, "--shard", f"{index}/3", check_status=0)
        shares.append([r["source"] for r in records(out.stdout)])
        # Skipped records are counted once, in shard 0.
        assert ("warc.request" in out.stderr.decode()) == (index == 0)
    assert [len(s) for s in shares] == [4, 4, 4]
    assert sorted(sum(shares, [])) == sorted(uri(p) for p in PAGES)


def test_what_is_no_page_is_skipped_whatever_its_encoding_or_size(tmp_path):
    """An image or an error page in an encoding not read here, a stylesheet, and a video over
    --max-document-bytes are skipped, not failures; the page among them is read."""
    archive = tmp_path / "mixed.warc.gz"
    page = PAGES[0]
    with open(archive, "wb") as f:
        writer = WARCWriter(f, gzip=True)
        for target, status, headers, body in [
            ("https://x.org/logo.png", "200 OK", [("Content-Type", "image/png"), ("Content-Encoding", "br")], b"\x1b\x00brotli"),
            ("https://x.org/gone", "404 Not Found", [("Content-Type", "text/html"), ("Content-Encoding", "br")], b"\x1b\x00brotli"),
            ("https://x.org/site.css", "200 OK", [("Content-Type", "text/css")], b"body { color: red }"),
            ("https://x.org/clip.mp4", "200 OK", [("Content-Type", "video/mp4")], b"\x00" * 50_000),
            (uri(page), "200 OK", [("Content-Type", "text/plain")], page.read_bytes()),
        ]:
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(target, "response", payload=io.BytesIO(body), http_headers=http))
    out = run("-p", PIPELINE, archive, "--max-document-bytes", "20000", check_status=0)
    assert [r["source"] for r in records(out.stdout)] == [uri(page)]
    stderr = out.stderr.decode()
    for kind in ["warc.response image/png 1", "warc.response HTTP 404 1", "warc.response text/css 1", "warc.response video/mp4 1"]:
        assert kind in stderr, stderr
