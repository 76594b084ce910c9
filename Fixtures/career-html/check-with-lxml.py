#!/usr/bin/env python3
"""Cross-checks the html stage's text against lxml, an independent reader of the same pages.

For each page in Fixtures/career-html/pages, lxml.html (pip install lxml) parses the page (in
the charset its <meta> names), takes <main>, removes what Pipelines/career.yaml's `drop` removes
and the elements the stage leaves out (script, style, template, noscript), and reads its
text_content(). The stage's text comes from `extract` with a pipeline of just the html stage and
a field holding the whole text. lxml's text_content() has no layout (no line breaks between
blocks, no bullets, no cell bars), so the two are compared as sequences of words, with the
stage's own bullets and bars taken out: the words, their order and their characters (entities,
charset) must be the same.

    python3 Fixtures/career-html/check-with-lxml.py [path/to/extract]
"""
import json
import os
import subprocess
import sys
import tempfile

import lxml.html

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PAGES = os.path.join(ROOT, "Fixtures", "career-html", "pages")
DROP = ["//main//nav", "//main//aside", "//main//form", "//main//footer"]
PIPELINE = """
stages:
  - stage: html
    select: //main
    drop: [%s]
  - stage: fields
    fields:
      text: { pattern: '\\A(?<value>[\\s\\S]*)\\z' }
""" % ", ".join('"%s"' % xpath for xpath in DROP)


def lxml_words(path):
    with open(path, "rb") as handle:
        data = handle.read()
    charset = "windows-1252" if b'charset="windows-1252"' in data[:1024] else "utf-8"
    parser = lxml.html.HTMLParser(encoding=charset)
    tree = lxml.html.document_fromstring(data, parser=parser)
    main = tree.xpath("//main")[0]
    for xpath in DROP + ["//script", "//style", "//template", "//noscript"]:
        for element in tree.xpath(xpath):
            element.drop_tree()
    # A block boundary is a word boundary in both readers.
    for element in main.iter():
        if element.tag in ("p", "div", "li", "h1", "h2", "h3", "tr", "td", "th", "br", "section", "article"):
            element.tail = " " + (element.tail or "")
    return words(main.text_content())


def words(text):
    # Zero-width characters and soft hyphens are left to normalize in both.
    return text.replace("\u200b", "").replace("\xad", "").split()


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "debug", "extract")
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as pipeline:
        pipeline.write(PIPELINE)
    failures = 0
    names = sorted(name for name in os.listdir(PAGES) if name.endswith(".html"))
    for name in names:
        path = os.path.join(PAGES, name)
        result = subprocess.run([binary, "-p", pipeline.name, path, "-q"], capture_output=True, text=True, check=True)
        ours = [word for word in words(json.loads(result.stdout)["text"]) if word not in ("•", "|")]
        theirs = lxml_words(path)
        if ours == theirs:
            print(f"same words ({len(ours)}): {name}")
            continue
        failures += 1
        index = next((i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b), min(len(ours), len(theirs)))
        print(f"DIFFERENT: {name} at word {index}: ours {ours[index:index + 5]} lxml {theirs[index:index + 5]}")
    os.unlink(pipeline.name)
    print(f"{len(names) - failures} of {len(names)} pages read alike")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
