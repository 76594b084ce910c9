"""`extract inspect`'s page, checked in a real browser: Debian's chromium-headless-shell.

For a text page, an HTML page and a page whose text is hostile to HTML, the test writes the
inspection page, loads it in headless Chromium with `?test` (the page's own hook then hovers and
clicks every highlight and writes what it showed into #test-results), dumps the DOM, and checks
it against the record `extract run --with-spans` gives for the same page (a separate code path):
every value with a span has a highlight over exactly the page text of that span; clicking it
names the field and shows the value `run` gives; every field is in the side table; diagnostics,
entities and sections are shown; page text stays text. It also takes a screenshot of each page
(into $INSPECT_SCREENSHOTS when set, to look at).

Run by Tests/Interop/run.sh, or: EXTRACT=.build/debug/extract pytest Tests/Interop/inspect_test.py
"""
import json
import os
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest

ROOT = Path(__file__).resolve().parents[2]
EXTRACT = os.environ.get("EXTRACT", str(ROOT / ".build/debug/extract"))
PIPELINE = str(ROOT / "Pipelines/career.yaml")
TEXT_PAGE = ROOT / "Fixtures/career/pages/a-unknown-bodies.txt"
DIAGNOSED_PAGE = ROOT / "Fixtures/career/pages/a-salary-unreadable.txt"
HTML_PAGE = ROOT / "Fixtures/career-html/pages/patient-care-coordinator.html"
# declares charset="windows-1252": the page shows its bytes as Windows-1252
CP1252_HTML_PAGE = ROOT / "Fixtures/career-html/pages/b-hourly-pay-cents-en-dash.html"
HOSTILE_DUTY = "Mark up <b>bold</b> & close </script><script>document.title='pwned'</script> <!-- with care"


def chromium():
    found = os.environ.get("CHROMIUM") or shutil.which("chromium-headless-shell")
    for candidate in [found, "/usr/lib/chromium/chromium-headless-shell"]:
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    pytest.fail("chromium-headless-shell is not installed (apt-get install chromium-headless-shell; make test does it)")


def browse(url, tmp_path, *options):
    """Runs headless Chromium on `url` with `options`; returns its standard output."""
    result = subprocess.run(
        [chromium(), "--no-sandbox", "--disable-gpu", "--hide-scrollbars", f"--user-data-dir={tmp_path / 'profile'}",
         "--run-all-compositor-stages-before-draw", "--virtual-time-budget=10000", *options, url],
        capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    return result.stdout.decode()


def record_of(page):
    result = subprocess.run([EXTRACT, "-p", PIPELINE, str(page), "--with-spans", "-q"], capture_output=True)
    assert result.returncode == 0, result.stderr.decode()
    return json.loads(result.stdout)


def inspect(page, out):
    result = subprocess.run([EXTRACT, "inspect", "-p", PIPELINE, str(page), "-o", str(out)], capture_output=True)
    assert result.returncode == 0, result.stderr.decode()
    return out.read_text(encoding="utf-8")


def screenshot(html_file, tmp_path, fragment=""):
    directory = Path(os.environ.get("INSPECT_SCREENSHOTS") or tmp_path)
    directory.mkdir(parents=True, exist_ok=True)
    png = directory / (html_file.stem + ".png")
    browse(html_file.as_uri() + fragment, tmp_path, f"--screenshot={png}", "--window-size=1400,900")
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 20_000, "the screenshot is missing or blank"
    return png


class Shown:
    """An inspection page of `page` as Chromium rendered it after its test hook ran."""

    def __init__(self, page, tmp_path):
        self.page = page
        self.bytes = page.read_bytes()
        self.record = record_of(page)
        self.file = tmp_path / (page.stem + ".html")
        self.raw = inspect(page, self.file)
        self.dom = lxml.html.fromstring(browse(self.file.as_uri() + "?test", tmp_path, "--dump-dom"))
        results = self.dom.get_element_by_id("test-results").text_content()
        assert results, "the page's test hook wrote nothing: its script did not run"
        self.results = json.loads(results)

    def result(self, field, item=None):
        kind = "value" if item is None else "item"
        found = [r for r in self.results if r["field"] == field and r["item"] == item and r["kind"] == kind]
        assert len(found) == 1, f"{field}[{item}]: {len(found)} highlights"
        return found[0]

    def span_text(self, span):
        """The page's text in a span, as the page shows it: line breaks are between lines."""
        return self.bytes[span[0]:span[1]].decode(self.encoding).replace("\r\n", "").replace("\n", "")

    @property
    def encoding(self):
        try:
            self.bytes.decode("utf-8")
            return "utf-8"
        except UnicodeDecodeError:
            return "cp1252"

    def check_every_span_is_highlighted_and_shows_its_value(self):
        spans = self.record["_spans"]
        assert spans, "the record has no spans"
        for field, span in spans.items():
            if not span:
                continue  # a list with no items
            if isinstance(span[0], list):
                pairs = [(index, item_span, self.record[field][index]) for index, item_span in enumerate(span)]
            else:
                pairs = [(None, span, self.record[field])]
            for item, item_span, value in pairs:
                shown = self.result(field, item)
                assert shown["highlighted"], f"{field}[{item}] has no highlight"
                anchor = self.dom.get_element_by_id(f"m{shown['mark']}")
                assert anchor.get("data-field") == field
                assert [int(n) for n in anchor.get("data-span").split()] == item_span
                assert shown["text"] == self.span_text(item_span), f"{field}[{item}] highlights other text"
                assert shown["shownField"] == field
                assert json.loads(shown["shownValue"]) == value, f"{field}[{item}] shows another value"
                name = field if item is None else f"{field}[{item}]"
                assert any(line.startswith(name + ": ") for line in shown["tip"].split("\n")), \
                    f"hovering {name} does not name it: {shown['tip']!r}"

    def check_every_field_is_in_the_table(self):
        for field, value in self.record.items():
            if field in ("diagnostics", "_spans"):
                continue
            rows = self.dom.xpath("//table[@class='fields']//tr[@data-field=$name]", name=field)
            assert len(rows) == 1, f"{field} is not in the table"
            assert json.loads(rows[0].xpath(".//pre[@class='value']")[0].text_content()) == value
            links = rows[0].xpath(".//a/@href")
            if self.record["_spans"].get(field):
                assert links and all(self.dom.xpath("//*[@id=$id]", id=link[1:]) for link in links)
            else:
                assert rows[0].xpath(".//*[@class='nospan']"), f"{field} has no span and does not say so"

    def check_self_contained(self):
        raw = lxml.html.fromstring(self.raw)
        assert not raw.xpath("//script[@src] | //link | //img | //iframe | //object | //embed")
        assert all(href.startswith("#") for href in raw.xpath("//@href"))
        assert "http://" not in raw.xpath("string(//style)") and "url(" not in raw.xpath("string(//style)")


def test_a_text_page_shows_every_span_value_entity_and_section(tmp_path):
    shown = Shown(TEXT_PAGE, tmp_path)
    shown.check_every_span_is_highlighted_and_shows_its_value()
    shown.check_every_field_is_in_the_table()
    shown.check_self_contained()
    # Sections as bands: each found section's label where it starts, its lines tinted.
    labels = [label.text_content() for label in shown.dom.xpath("//span[@class='band-label']")]
    assert labels == ["header", "work_settings", "duties", "pathway", "continuing_education", "certifications",
                      "citations", "related_guides"]
    assert len(shown.dom.xpath("//div[contains(@class, 'band')]")) >= 30
    # Entities: how each mention matched; an unresolved one with its nearest registry names.
    entities = shown.dom.get_element_by_id("entities").text_content()
    assert "→ nha (National Healthcareer Association, organization) by name" in entities
    assert "→ unresolved: 'Northstar Allied Health Credentialing Board'" in entities
    assert "candidate hpcc (Hospice and Palliative Credentialing Center) similarity" in entities
    # The unresolved item's selection explains it too.
    item = shown.result("certifications", 3)
    entry = shown.dom.xpath("//*[@id='selection-body']")[0]
    assert shown.results[-1]["mark"] >= item["mark"]  # the hook clicked it (its entry may have been replaced since)
    assert entry is not None
    diagnostics = shown.dom.get_element_by_id("diagnostics").text_content()
    assert diagnostics.count("resolve.unresolved") == 2
    png = screenshot(shown.file, tmp_path, f"#m{item['mark']}")
    assert png.exists()


def test_a_diagnostic_with_a_span_is_marked_where_it_occurs(tmp_path):
    shown = Shown(DIAGNOSED_PAGE, tmp_path)
    shown.check_every_span_is_highlighted_and_shows_its_value()
    [diagnostic] = shown.record["diagnostics"]
    pins = shown.dom.xpath("//main//span[contains(@class, 'problem')]")
    assert [pin.get("title") for pin in pins] == [diagnostic["code"]]
    underlined = shown.dom.xpath("//main//span[contains(@class, 'diag')]")
    assert "".join(node.text_content() for node in underlined) == shown.span_text(diagnostic["span"])
    row = shown.dom.get_element_by_id("diagnostic-0").text_content()
    assert diagnostic["code"] in row and diagnostic["message"] in row
    screenshot(shown.file, tmp_path, "#d0")


@pytest.mark.parametrize("page", [HTML_PAGE, CP1252_HTML_PAGE], ids=["utf-8", "windows-1252"])
def test_an_html_page_shows_its_source_with_every_span(page, tmp_path):
    shown = Shown(page, tmp_path)
    shown.check_every_span_is_highlighted_and_shows_its_value()
    shown.check_every_field_is_in_the_table()
    shown.check_self_contained()
    # The source, not the text the stages read: the page's own markup is there, as text.
    source = shown.dom.get_element_by_id("page").text_content()
    for line in shown.bytes.decode(shown.encoding).splitlines():
        assert line in source
    assert f"bytes shown as {'UTF-8' if shown.encoding == 'utf-8' else 'Windows-1252'}" in shown.dom.xpath("string(//header)")
    assert len(shown.dom.xpath("//main[@id='page']/div[@class and contains(@class, 'line')]")) == shown.bytes.count(b"\n") + 1
    screenshot(shown.file, tmp_path)


def test_hostile_page_text_stays_text(tmp_path):
    text = TEXT_PAGE.read_text(encoding="utf-8").replace("- •Draw blood from patients and blood donors", "- •" + HOSTILE_DUTY)
    assert HOSTILE_DUTY in text
    page = tmp_path / "hostile.txt"
    page.write_text(text, encoding="utf-8")
    shown = Shown(page, tmp_path)
    assert HOSTILE_DUTY in shown.record["duties"]
    shown.check_every_span_is_highlighted_and_shows_its_value()
    shown.check_every_field_is_in_the_table()
    assert shown.dom.xpath("string(//title)").startswith("extract inspect: ")
    assert not shown.dom.xpath("//main[@id='page']//b | //main[@id='page']//script")
    assert HOSTILE_DUTY in shown.dom.get_element_by_id("page").text_content()
    # The only scripts are the page's own two, whatever the data holds.
    assert len(shown.dom.xpath("//script")) == 2
    duty = shown.result("duties", 0)
    assert json.loads(duty["shownValue"]) == HOSTILE_DUTY
    screenshot(shown.file, tmp_path, f"#m{duty['mark']}")
