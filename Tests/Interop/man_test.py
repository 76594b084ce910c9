"""The manual page `make man` generates from the command definitions with swift-argument-parser's
generate-manual plugin (offline, from the package's own checkout): it must name every subcommand
and option that `extract --help` does, and render with man(1).
"""

import os
import pathlib
import re
import shutil
import subprocess
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_make_man_writes_a_page_with_every_subcommand_and_option():
    with tempfile.TemporaryDirectory() as temporary:
        page = pathlib.Path(temporary) / "extract.1"
        subprocess.run(["make", "-s", "man", f"MAN={page}"], cwd=ROOT, check=True, capture_output=True)
        source = page.read_text()
        assert ".Dt EXTRACT 1" in source
        for subcommand in ["run", "validate", "eval", "entities", "stages"]:
            assert f"\n.It Em {subcommand}\n" in source, f"no section for {subcommand}"
        for option in ["pipeline", "output", "format", "input-format", "jobs", "with-spans", "rejects",
                       "expected", "min-accuracy", "registry", "credential", "version"]:
            assert f" -{option} " in source or f" -{option}\n" in source, f"--{option} is missing"
        if shutil.which("man"):
            rendered = subprocess.run(["man", "-l", str(page)], env={**os.environ, "MANWIDTH": "80", "MANPAGER": "cat"},
                                      check=True, capture_output=True, text=True).stdout
            # Undo man's hyphenation and line breaks, then look for a line of run's discussion that
            # starts with what roff would take for a request if it were left at a line's start.
            text = " ".join(re.sub(r"[\u2010-]\n\s*", "", rendered).split())
            assert "-p, --pipeline pipeline" in text
            assert "json, jsonl or ndjson, csv, yaml or yml. A file is written to a temporary name" in text
