"""Shell completion as a user meets it: bash (no startup files) in a tmux pane, extract's
completion script loaded with `source <(extract --generate-completion-script bash)`, a partial
command typed and Tab pressed; the test reads the command line back from the pane.

Needs tmux (`make deps` and `.ci/run` install it). EXTRACT names the binary (default: the debug
build); it is called `extract` on the pane's PATH, as a user would call it.
"""

import os
import pathlib
import shutil
import subprocess
import tempfile
import time
import uuid

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXTRACT = pathlib.Path(os.environ.get("EXTRACT", ROOT / ".build/debug/extract")).resolve()
PROMPT = "$ "


def tmux(*arguments):
    return subprocess.run(["tmux", *arguments], check=True, capture_output=True, text=True).stdout


class Bash:
    """An interactive bash in a detached tmux session, in `directory`."""

    def __init__(self, directory, bin_directory):
        self.session = f"extract-completion-{uuid.uuid4().hex[:8]}"
        environment = [f"PATH={bin_directory}:/usr/bin:/bin", f"HOME={directory}", "TERM=xterm", "LC_ALL=C.UTF-8"]
        tmux("new-session", "-d", "-s", self.session, "-x", "200", "-y", "50", "-c", str(directory),
             "env", "-i", *environment, "bash", "--norc", "--noprofile")
        self.run(f"PS1='{PROMPT}'")
        self.run("source <(extract --generate-completion-script bash)")

    def close(self):
        subprocess.run(["tmux", "kill-session", "-t", self.session], capture_output=True)

    def screen(self):
        return tmux("capture-pane", "-p", "-N", "-t", self.session)

    def settled_screen(self):
        """The pane once it has stopped changing (completion has finished)."""
        previous = None
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            time.sleep(0.25)
            current = self.screen()
            if current == previous:
                return current
            previous = current
        return previous

    def run(self, command):
        tmux("send-keys", "-t", self.session, "-l", command)
        tmux("send-keys", "-t", self.session, "Enter")
        self.settled_screen()

    def complete(self, partial, tabs=1):
        """Types `partial`, presses Tab `tabs` times; returns the command line as completed and
        the pane's text (which holds the list a second Tab prints). The line is cleared after."""
        tmux("send-keys", "-t", self.session, "C-l")
        tmux("send-keys", "-t", self.session, "-l", partial)
        for _ in range(tabs):
            tmux("send-keys", "-t", self.session, "Tab")
            time.sleep(0.3)
        screen = self.settled_screen()
        tmux("send-keys", "-t", self.session, "C-u")
        lines = [line for line in screen.splitlines() if line.startswith(PROMPT)]
        assert lines, f"no prompt on the screen:\n{screen}"
        return lines[-1][len(PROMPT):], screen


@pytest.fixture(scope="module")
def bash():
    if shutil.which("tmux") is None:
        pytest.fail("tmux is not installed: `make deps` installs it")
    assert EXTRACT.is_file(), f"no extract binary at {EXTRACT}: run `swift build` first"
    with tempfile.TemporaryDirectory() as temporary:
        directory = pathlib.Path(temporary) / "work"
        bin_directory = pathlib.Path(temporary) / "bin"
        directory.mkdir()
        bin_directory.mkdir()
        (bin_directory / "extract").symlink_to(EXTRACT)
        (directory / "mypipeline.yaml").write_text("stages: []\n")
        (directory / "notes.txt").write_text("a page\n")
        (directory / "pages").mkdir()
        (directory / "pages" / "one.txt").write_text("a page\n")
        (directory / "out").mkdir()
        shell = Bash(directory, bin_directory)
        try:
            yield shell
        finally:
            shell.close()


@pytest.mark.parametrize("partial, expected", [
    # path options and arguments complete file names
    ("extract run -p myp", "extract run -p mypipeline.yaml "),
    ("extract run --pipeline myp", "extract run --pipeline mypipeline.yaml "),
    ("extract validate myp", "extract validate mypipeline.yaml "),
    ("extract test myp", "extract test mypipeline.yaml "),
    ("extract inspect -p mypipeline.yaml pag", "extract inspect -p mypipeline.yaml pages/"),
    ("extract inspect -p mypipeline.yaml pages/one.txt -o ou", "extract inspect -p mypipeline.yaml pages/one.txt -o out/"),
    ("extract run -p mypipeline.yaml pag", "extract run -p mypipeline.yaml pages/"),
    ("extract run -p mypipeline.yaml pages/ -o ou", "extract run -p mypipeline.yaml pages/ -o out/"),
    ("extract run -p mypipeline.yaml pages/ --rejects no", "extract run -p mypipeline.yaml pages/ --rejects notes.txt "),
    ("extract run -p mypipeline.yaml --paths-from no", "extract run -p mypipeline.yaml --paths-from notes.txt "),
    ("extract eval -p mypipeline.yaml --expected ou", "extract eval -p mypipeline.yaml --expected out/"),
    ("extract eval -p mypipeline.yaml --expected out pag", "extract eval -p mypipeline.yaml --expected out pages/"),
    ("extract eval -p mypipeline.yaml --report no", "extract eval -p mypipeline.yaml --report notes.txt "),
    ("extract entities --registry myp", "extract entities --registry mypipeline.yaml "),
    ("extract entities --registry mypipeline.yaml --mentions myp",
     "extract entities --registry mypipeline.yaml --mentions mypipeline.yaml "),
    # without `run`, the default subcommand's options and paths complete the same
    ("extract -p myp", "extract -p mypipeline.yaml "),
    ("extract --pipeline mypipeline.yaml pag", "extract --pipeline mypipeline.yaml pages/"),
    ("extract -p mypipeline.yaml pages/ -o ou", "extract -p mypipeline.yaml pages/ -o out/"),
    ("extract pag", "extract pages/"),
    # values of options that take one of a few words
    ("extract run -p mypipeline.yaml pages/ --format cs", "extract run -p mypipeline.yaml pages/ --format csv "),
    ("extract -p mypipeline.yaml pages/ --input-format wa", "extract -p mypipeline.yaml pages/ --input-format warc "),
    ("extract -p mypipeline.yaml pages/ --encoding cp", "extract -p mypipeline.yaml pages/ --encoding cp1252 "),
    ("extract entities --registry mypipeline.yaml --role ci", "extract entities --registry mypipeline.yaml --role citation "),
    ("extract stages fi", "extract stages fields "),
    # subcommands, and the subcommand `help` explains
    ("extract val", "extract validate "),
    ("extract help val", "extract help validate "),
    ("extract help ent", "extract help entities "),
])
def test_tab_completes(bash, partial, expected):
    line, screen = bash.complete(partial)
    assert line == expected, f"{partial!r} + Tab gave {line!r}, expected {expected!r}; screen:\n{screen}"


def test_a_pipeline_option_offers_yaml_files_and_directories_not_other_files(bash):
    line, _ = bash.complete("extract run -p no")
    assert line == "extract run -p no", "notes.txt is no pipeline file"
    line, _ = bash.complete("extract run -p pag")
    assert line == "extract run -p pages/", "directories are offered, to look for a pipeline in"


def test_the_expected_directory_is_not_completed_with_files(bash):
    line, _ = bash.complete("extract eval -p mypipeline.yaml --expected no")
    assert line == "extract eval -p mypipeline.yaml --expected no"


def test_two_tabs_list_the_choices(bash):
    _, screen = bash.complete("extract run -p mypipeline.yaml pages/ --format ", tabs=2)
    for word in ["json", "jsonl", "csv", "yaml"]:
        assert word in screen.split(), f"--format does not offer {word}:\n{screen}"
    _, screen = bash.complete("extract help ", tabs=2)
    for word in ["run", "validate", "test", "eval", "inspect", "entities", "stages", "schema"]:
        assert word in screen.split(), f"help does not offer {word}:\n{screen}"


def test_options_of_the_default_subcommand_complete_without_it(bash):
    line, _ = bash.complete("extract -p mypipeline.yaml pages/ --with-sp")
    assert line == "extract -p mypipeline.yaml pages/ --with-spans "
