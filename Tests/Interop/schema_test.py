"""`extract schema`, checked with an independent JSON Schema validator (python-jsonschema).

Every pipeline in Pipelines/ is run over each of its fixture sets (Fixtures/<name>/pages,
Fixtures/<name>-*/pages and Fixtures/fuzz/<name>), in every JSON-like output format (json, jsonl,
yaml) with and without --with-spans, and every record must validate against the schema
`extract schema` prints for that pipeline (Draft 2020-12; formats are not checked). Records with
a wrong type, a missing or an extra key must not validate, so a schema that accepts anything fails.

Run by Tests/Interop/run.sh (which installs jsonschema), or: EXTRACT=.build/debug/extract pytest Tests/Interop
"""
import copy
import json
import os
import subprocess
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parents[2]
EXTRACT = os.environ.get("EXTRACT", str(ROOT / ".build/debug/extract"))
# Pipeline files, not the tests that live beside them (PIPELINE.tests.yaml).
PIPELINES = sorted(path for path in (ROOT / "Pipelines").glob("*.yaml") if not path.name.endswith(".tests.yaml"))


def fixture_sets(pipeline):
    """The folders of pages a pipeline reads: Fixtures/<name>/pages, Fixtures/<name>-*/pages, Fixtures/fuzz/<name>."""
    name = pipeline.stem
    sets = [ROOT / "Fixtures" / name / "pages"] + sorted((ROOT / "Fixtures").glob(f"{name}-*/pages"))
    sets.append(ROOT / "Fixtures" / "fuzz" / name)
    return [folder for folder in sets if folder.is_dir()]


def run(*args):
    result = subprocess.run([EXTRACT, *map(str, args)], capture_output=True)
    # 1: some page failed (a fuzz finding may be rejected); its records are still written.
    assert result.returncode in (0, 1), result.stderr.decode()
    return result


def schema(pipeline, with_spans):
    out = run("schema", "-p", pipeline, *(["--with-spans"] if with_spans else []))
    document = json.loads(out.stdout)
    Draft202012Validator.check_schema(document)
    return document


def records(pipeline, folder, output_format, with_spans):
    out = run("-p", pipeline, folder, "--format", output_format, *(["--with-spans"] if with_spans else []))
    text = out.stdout.decode()
    if output_format == "json":
        return json.loads(text)
    if output_format == "jsonl":
        return [json.loads(line) for line in text.splitlines()]
    return list(yaml.safe_load_all(text))


def test_every_pipeline_has_fixtures():
    assert PIPELINES
    for pipeline in PIPELINES:
        assert fixture_sets(pipeline), f"no fixture pages for {pipeline.name}"


CASES = [
    pytest.param(pipeline, folder, output_format, with_spans,
                 id=f"{pipeline.stem}-{folder.relative_to(ROOT / 'Fixtures')}-{output_format}{'-spans' if with_spans else ''}")
    for pipeline in PIPELINES
    for folder in fixture_sets(pipeline)
    for output_format in ("json", "jsonl", "yaml")
    for with_spans in (False, True)
]


@pytest.mark.parametrize("pipeline, folder, output_format, with_spans", CASES)
def test_every_fixture_record_validates(pipeline, folder, output_format, with_spans):
    validator = Draft202012Validator(schema(pipeline, with_spans))
    got = records(pipeline, folder, output_format, with_spans)
    pages = [page for page in folder.iterdir() if not page.name.startswith(".")]
    if "fuzz" not in folder.parts:
        # A record per page, or, when the pipeline splits pages, one per piece (its source `page#N`).
        assert len({record["source"].split("#")[0] for record in got}) == len(pages)
        assert len(got) == len(pages) or all("#" in record["source"] for record in got)
    assert got
    for record in got:
        problems = sorted(validator.iter_errors(record), key=lambda error: list(error.absolute_path))
        assert not problems, f"{record['source']}: " + "; ".join(
            f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in problems[:5])


@pytest.fixture(scope="module")
def career():
    """The career schema and a record holding a salary, a single duration and diagnostics."""
    pipeline = ROOT / "Pipelines/career.yaml"
    got = records(pipeline, ROOT / "Fixtures/career/pages/a-salary-unreadable.txt", "jsonl", False)
    clean = records(pipeline, ROOT / "Fixtures/career/pages/patient-care-coordinator.txt", "jsonl", False)
    return Draft202012Validator(schema(pipeline, False)), clean[0], got[0]


def test_the_records_taken_apart_below_are_valid_to_begin_with(career):
    validator, clean, diagnosed = career
    assert validator.is_valid(clean)
    assert validator.is_valid(diagnosed)
    assert clean["diagnostics"] == [] and diagnosed["diagnostics"]
    assert clean["time_to_start"]["months_min"] is None


BROKEN = {
    "a number as text": lambda r: r["salary"].update(min="36000"),
    "an integer id": lambda r: r.update(id=5),
    "null where a list must be": lambda r: r.update(duties=None),
    "a null list item": lambda r: r["duties"].append(None),
    "a missing key of a declared object": lambda r: r["time_to_start"].pop("months_min"),
    "a key no shape declares": lambda r: r["salary"].update(median=40000),
    "an extra field": lambda r: r.update(rating=5),
    "no diagnostics": lambda r: r.pop("diagnostics"),
    "a null source": lambda r: r.update(source=None),
    "an entity without its kind": lambda r: r["certifications"][0]["issuers"][0].pop("kind"),
    "a diagnostic without a code": lambda r: r["diagnostics"].append({"stage": "x", "field": None, "message": "m"}),
    "a span of three numbers": lambda r: r["diagnostics"].append(
        {"stage": "x", "field": None, "code": "x.y", "message": "m", "span": [1, 2, 3]}),
}


@pytest.mark.parametrize("damage", sorted(BROKEN), ids=sorted(BROKEN))
def test_a_record_with_a_wrong_value_does_not_validate(career, damage):
    validator, clean, _ = career
    record = copy.deepcopy(clean)
    BROKEN[damage](record)
    assert not validator.is_valid(record)


def test_the_checked_in_career_schema_is_the_commands_output():
    out = run("schema", "-p", ROOT / "Pipelines/career.yaml")
    assert (ROOT / "docs/career-record.schema.json").read_bytes() == out.stdout
