"""The career records as analysts load them: DuckDB, pandas, PyYAML and ruamel.yaml.

`extract` runs over every career fixture (the text pages of Fixtures/career/pages, the HTML
pages of Fixtures/career-html/pages) and two pages made here whose ids look like numbers ("007",
"2024") and whose education reads "N/A", which pandas takes for a missing value unless told
otherwise. It writes JSON Lines, CSV as spreadsheets want it (the default), CSV for programs
(--no-csv-formula-guard --csv-flatten-with _) and YAML. Each output is loaded by the tools
analysts use, and what they load is checked against the JSON records (read by Python's json):
numbers are numbers, ids and other text stay text, lists are lists (DuckDB LIST), objects are
structs, nulls are nulls (never the text "null" or ""), json_normalize gives every record the
same columns (an object a page lacks is an object of nulls, never null), and the YAML loads to
the very same values. Parquet written by DuckDB from the JSON
Lines reads back with the same types and values. The README's DuckDB and pandas examples are run
as they are written there.

Run by Tests/Interop/run.sh (which installs duckdb, pandas and ruamel.yaml), or:
EXTRACT=.build/debug/extract pytest Tests/Interop/analytics_test.py
"""
import json
import os
import re
import subprocess
from pathlib import Path
from types import SimpleNamespace

import duckdb
import pandas as pd
import pytest
import yaml
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[2]
EXTRACT = os.environ.get("EXTRACT", str(ROOT / ".build/debug/extract"))
PIPELINE = ROOT / "Pipelines/career.yaml"
TEXT_PAGES = sorted((ROOT / "Fixtures/career/pages").glob("*.txt"))
HTML_PAGES = sorted((ROOT / "Fixtures/career-html/pages").glob("*.html"))
ANALYST_CSV_OPTIONS = ["--no-csv-formula-guard", "--csv-flatten-with", "_"]

# Layout A pages written for this test: titles that are all digits give ids that look like
# numbers, and "N/A" is one of pandas' default missing-value markers.
CRAFTED_PAGE = """{title}
A made-up occupation whose title is all digits, so that its id looks like a number.
| Median Salary | $40,000-$50,000 per year |
| Job Growth (10yr) | -2%Declining |
| Education | N/A |
| Time to Start | 2 years |
Work Settings
- •Offices
Citations
- •Bureau of Labor Statistics (BLS) - Occupational Outlook ↗
"""
CRAFTED_TITLES = ["007", "2024"]

# The type of every leaf of the record as DuckDB's read_json gives it for these pages, written
# from docs/career-record.md: `x[]` is an item of list x. Figures that are whole on every page
# are BIGINT; those with a fraction on some page (pay with cents, growth of 4.5%, steps in
# weeks) are DOUBLE.
EXPECTED_JSON_TYPES = {
    "id": "VARCHAR", "source": "VARCHAR", "title": "VARCHAR", "summary": "VARCHAR",
    "categories[]": "VARCHAR",
    "salary.min": "DOUBLE", "salary.max": "DOUBLE", "salary.currency": "VARCHAR",
    "salary.period": "VARCHAR", "salary.text": "VARCHAR",
    "salary_annual.min": "BIGINT", "salary_annual.max": "BIGINT",
    "job_growth.percent": "DOUBLE", "job_growth.horizon_years": "BIGINT",
    "job_growth.outlook": "VARCHAR", "job_growth.text": "VARCHAR",
    "education": "VARCHAR",
    "time_to_start.months": "BIGINT", "time_to_start.months_min": "BIGINT",
    "time_to_start.months_max": "BIGINT", "time_to_start.text": "VARCHAR",
    "work_settings[]": "VARCHAR", "duties[]": "VARCHAR",
    "pathway[].title": "VARCHAR", "pathway[].description": "VARCHAR",
    "pathway[].duration_months": "DOUBLE", "pathway[].duration_months_min": "BIGINT",
    "pathway[].duration_months_max": "BIGINT",
    "pathway_total_months": "DOUBLE",
    "continuing_education": "VARCHAR",
    "certifications[].name": "VARCHAR", "certifications[].abbreviations[]": "VARCHAR",
    "certifications[].issuer_text": "VARCHAR", "certifications[].note": "VARCHAR",
    "certifications[].issuers[].id": "VARCHAR", "certifications[].issuers[].name": "VARCHAR",
    "certifications[].issuers[].abbreviation": "VARCHAR", "certifications[].issuers[].kind": "VARCHAR",
    "citations[].text": "VARCHAR", "citations[].organization.id": "VARCHAR",
    "citations[].organization.name": "VARCHAR", "citations[].organization.abbreviation": "VARCHAR",
    "citations[].organization.kind": "VARCHAR", "citations[].topic": "VARCHAR",
    "related_guides[].title": "VARCHAR", "related_guides[].summary": "VARCHAR",
    "diagnostics[].stage": "VARCHAR", "diagnostics[].field": "VARCHAR", "diagnostics[].code": "VARCHAR",
    "diagnostics[].message": "VARCHAR", "diagnostics[].span[]": "BIGINT",
}

# The CSV columns of numbers (leaves outside lists), which DuckDB's read_csv must type as read_json does.
EXPECTED_CSV_NUMBER_TYPES = {
    path: duck_type for path, duck_type in EXPECTED_JSON_TYPES.items()
    if "[]" not in path and duck_type in ("BIGINT", "DOUBLE")
}


def run(*args):
    result = subprocess.run([EXTRACT, *map(str, args)], capture_output=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr.decode()
    return result


def extract_to(pages, output, *options):
    run("-p", PIPELINE, *pages, "-o", output, "--quiet", *options)
    return output


def json_lines(path):
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    directory = tmp_path_factory.mktemp("analytics")
    crafted = []
    for title in CRAFTED_TITLES:
        page = directory / f"{title}.txt"
        page.write_text(CRAFTED_PAGE.format(title=title), encoding="utf-8")
        crafted.append(page)
    pages = TEXT_PAGES + HTML_PAGES + crafted
    outputs = SimpleNamespace(
        directory=directory,
        pages=pages,
        jsonl=extract_to(pages, directory / "careers.jsonl"),
        csv=extract_to(pages, directory / "careers.csv"),
        analyst_csv=extract_to(pages, directory / "careers-analytics.csv", *ANALYST_CSV_OPTIONS),
        yaml=extract_to(pages, directory / "careers.yaml"),
    )
    outputs.records = json_lines(outputs.jsonl)
    assert len(outputs.records) == len(pages)
    assert {r["id"] for r in outputs.records} >= set(CRAFTED_TITLES)
    return outputs


# MARK: Comparing loaded values with the JSON records


def strictly_equal(loaded, expected):
    """Equal values of the very same Python types (True is not 1, 3 is not 3.0)."""
    if type(loaded) is not type(expected):
        return False
    if isinstance(expected, dict):
        return list(loaded) == list(expected) and all(strictly_equal(loaded[k], expected[k]) for k in expected)
    if isinstance(expected, list):
        return len(loaded) == len(expected) and all(strictly_equal(a, b) for a, b in zip(loaded, expected))
    return loaded == expected


def same_value(loaded, expected):
    """What a reader loaded equals the JSON value: numbers by value (a DOUBLE column holds 18.0
    for 18), text as text, lists as lists, objects key by key. A key the JSON object lacks must
    be null in a struct, which has every key any record gave (a diagnostic's `span`)."""
    if expected is None:
        return loaded is None
    if isinstance(expected, bool):
        return loaded is expected
    if isinstance(expected, (int, float)):
        return isinstance(loaded, (int, float)) and not isinstance(loaded, bool) and loaded == expected
    if isinstance(expected, str):
        return isinstance(loaded, str) and loaded == expected
    if isinstance(expected, list):
        return isinstance(loaded, list) and len(loaded) == len(expected) and all(
            same_value(a, b) for a, b in zip(loaded, expected))
    if isinstance(expected, dict):
        return isinstance(loaded, dict) and set(expected) <= set(loaded) and all(
            same_value(loaded[k], expected.get(k)) for k in loaded)
    raise TypeError(f"not a JSON value: {expected!r}")


def leaf_types(duck_type, path=""):
    """`{path: type}` for every leaf of a DuckDB type (`salary.min`, `pathway[].title`)."""
    if duck_type.id == "struct":
        leaves = {}
        for name, child in duck_type.children:
            leaves.update(leaf_types(child, f"{path}.{name}" if path else name))
        return leaves
    if duck_type.id == "list":
        return leaf_types(duck_type.children[0][1], path + "[]")
    return {path: str(duck_type)}


def relation_leaf_types(relation):
    leaves = {}
    for name, duck_type in zip(relation.columns, relation.types):
        leaves.update(leaf_types(duck_type, name))
    return leaves


def rows(con, sql):
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def at(record, dotted):
    """The value at a dotted CSV column name in a JSON record (null below a null object)."""
    value = record
    for key in dotted.split("."):
        if value is None:
            return None
        value = value.get(key)
    return value


# The columns of lists of text, whose items the CSV joins with "; " (other lists are JSON).
JOINED_LIST_COLUMNS = {"categories", "work_settings", "duties"}


def csv_cell_matches(cell, expected, column_shape):
    """A typed cell from read_csv against the JSON value of its column: null is an empty cell
    (NULL), numbers are numbers, a list of text (`column_shape` "joined") its items joined by
    "; " (an empty list an empty cell), any other list its JSON (`[]` when empty)."""
    if expected is None:
        return cell is None
    if isinstance(expected, list) and column_shape == "joined":
        return cell == ("; ".join(expected) or None)
    if isinstance(expected, list):
        return isinstance(cell, str) and json.loads(cell) == expected
    return same_value(cell, expected)


def whole_pay_pages(pages):
    """The pages whose pay is written in whole currency units (no cents such as $17.50)."""
    return [p for p in pages if not re.search(r"\$[0-9][0-9,]*\.[0-9]", p.read_text(encoding="utf-8", errors="replace"))]


# MARK: JSON Lines in DuckDB


def test_duckdb_read_json_gives_each_leaf_its_type(out):
    con = duckdb.connect()
    relation = con.sql(f"SELECT * FROM read_json('{out.jsonl}')")
    assert relation.columns == list(out.records[0])
    assert relation_leaf_types(relation) == EXPECTED_JSON_TYPES


def test_duckdb_read_json_loads_every_value_of_every_record(out):
    con = duckdb.connect()
    loaded = rows(con, f"SELECT * FROM read_json('{out.jsonl}')")
    assert len(loaded) == len(out.records)
    for row, record in zip(loaded, out.records):
        differing = [key for key in record if not same_value(row[key], record[key])]
        assert differing == [], record["source"]


def test_duckdb_lists_are_lists_and_objects_are_structs(out):
    con = duckdb.connect()
    types = {row[0]: row[1] for row in con.execute(f"DESCRIBE SELECT * FROM read_json('{out.jsonl}')").fetchall()}
    for name in ["categories", "work_settings", "duties"]:
        assert types[name] == "VARCHAR[]"
    for name in ["pathway", "certifications", "citations", "related_guides", "diagnostics"]:
        assert types[name].startswith("STRUCT(") and types[name].endswith(")[]"), name
    for name in ["salary", "salary_annual", "job_growth", "time_to_start"]:
        assert types[name].startswith("STRUCT("), name
    # List functions work on them as they are: every page's settings, one row each.
    settings = con.execute(f"SELECT count(*) FROM (SELECT unnest(work_settings) FROM read_json('{out.jsonl}'))").fetchone()[0]
    assert settings == sum(len(r["work_settings"]) for r in out.records)
    steps = con.execute(f"SELECT sum(len(pathway)) FROM read_json('{out.jsonl}')").fetchone()[0]
    assert steps == sum(len(r["pathway"]) for r in out.records)


def test_duckdb_nulls_are_nulls_and_no_text_says_null(out):
    con = duckdb.connect()
    source = f"read_json('{out.jsonl}')"
    for column in out.records[0]:
        nulls = con.execute(f'SELECT count(*) FROM {source} WHERE "{column}" IS NULL').fetchone()[0]
        assert nulls == sum(r[column] is None for r in out.records), column
    for column in ["id", "title", "summary", "education", "continuing_education"]:
        texts = con.execute(f"SELECT count(*) FROM {source} WHERE {column} IN ('null', 'None', '')").fetchone()[0]
        assert texts == 0, column
    # A null inside an object is NULL too, not an empty struct member.
    unreadable = con.execute(f"SELECT salary.min, salary.text FROM {source} WHERE salary.text = 'Varies by employer'").fetchall()
    assert unreadable and all(row == (None, "Varies by employer") for row in unreadable)


def test_ids_that_look_like_numbers_stay_text(out):
    con = duckdb.connect()
    ids = con.execute(f"SELECT id, typeof(id) FROM read_json('{out.jsonl}') WHERE id IN ('007', '2024') ORDER BY id").fetchall()
    assert ids == [("007", "VARCHAR"), ("2024", "VARCHAR")]
    # pandas, read as the README says.
    normalized = pd.json_normalize(out.records).convert_dtypes()
    assert set(normalized["id"]) >= {"007", "2024"}
    nested = pd.read_json(out.jsonl, lines=True, dtype=False)
    assert set(nested["id"]) >= {"007", "2024"}
    assert all(isinstance(i, str) for i in nested["id"])


def test_salary_min_is_an_integer_column_when_pay_is_whole(out):
    pages = whole_pay_pages(out.pages)
    # Pages with cents exist among the fixtures, and so do pages without.
    assert 0 < len(pages) < len(out.pages)
    jsonl = extract_to(pages, out.directory / "whole-pay.jsonl")
    csv = extract_to(pages, out.directory / "whole-pay.csv", *ANALYST_CSV_OPTIONS)
    con = duckdb.connect()
    assert con.execute(f"SELECT typeof(salary.min), typeof(salary.max) FROM read_json('{jsonl}') LIMIT 1").fetchone() == ("BIGINT", "BIGINT")
    assert con.execute(f"SELECT typeof(salary_min) FROM read_csv('{csv}') LIMIT 1").fetchone() == ("BIGINT",)
    with open(jsonl, encoding="utf-8") as f:
        normalized = pd.json_normalize([json.loads(line) for line in f]).convert_dtypes()
    assert str(normalized["salary.min"].dtype) == "Int64"
    flat = pd.read_csv(csv, dtype={"id": "string"}, keep_default_na=False, na_values=[""], dtype_backend="numpy_nullable")
    assert str(flat["salary_min"].dtype) == "Int64"
    # Over every page, cents included, the column is a number column with those cents.
    everything = pd.json_normalize(out.records).convert_dtypes()
    assert str(everything["salary.min"].dtype) == "Float64"
    assert 17.5 in set(everything["salary.min"].dropna())


# MARK: JSON Lines in pandas


def same_columns_for_every_record(records):
    columns = {tuple(pd.json_normalize(record).columns) for record in records}
    assert len(columns) == 1, sorted(set().union(*columns) - set.intersection(*map(set, columns)))
    whole = pd.json_normalize(records)
    assert tuple(whole.columns) == columns.pop()


def test_json_normalize_gives_every_record_the_same_columns(out):
    same_columns_for_every_record(out.records)
    # Pages without a Time to Start row are among them: their object has every key, each null.
    absent = [r for r in out.records if r["time_to_start"]["text"] is None]
    assert absent and all(set(r["time_to_start"].values()) == {None} for r in absent)


def test_json_normalize_gives_every_job_profile_record_the_same_columns(out):
    # That pipeline's salary holds an object (its range), absent on pages without a range line.
    pages = sorted((ROOT / "Fixtures/job-profile/pages").glob("*.txt"))
    result = subprocess.run([EXTRACT, "-p", ROOT / "Pipelines/job-profile.yaml", *pages, "--quiet"], capture_output=True)
    assert result.returncode == 0, result.stderr.decode()
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(records) == len(pages)
    assert any(set(r["salary"]["range"].values()) == {None} for r in records)
    same_columns_for_every_record(records)


def test_pandas_types_numbers_text_lists_and_nulls(out):
    normalized = pd.json_normalize(out.records).convert_dtypes()
    for column in ["id", "title", "summary", "education", "salary.currency", "salary.text", "job_growth.text"]:
        assert str(normalized[column].dtype) == "string", column
    for column in ["salary_annual.min", "job_growth.horizon_years", "time_to_start.months"]:
        assert str(normalized[column].dtype) == "Int64", column
    for column in ["salary.min", "job_growth.percent", "pathway_total_months"]:
        assert str(normalized[column].dtype) == "Float64", column
    for column in ["categories", "work_settings", "pathway", "certifications", "diagnostics"]:
        assert all(isinstance(v, list) for v in normalized[column]), column
    for column in ["summary", "education", "salary.min", "pathway_total_months"]:
        assert normalized[column].isna().sum() == sum(at(r, column) is None for r in out.records), column
    # Text is never "null" or "None" standing for a null.
    assert not normalized["summary"].isin(["null", "None", ""]).any()

    nested = pd.read_json(out.jsonl, lines=True, dtype=False)
    assert list(nested.columns) == list(out.records[0])
    for column in ["salary", "job_growth"]:
        assert all(isinstance(v, dict) for v in nested[column]), column
    assert all(isinstance(v, list) for v in nested["work_settings"])
    assert nested["pathway_total_months"].isna().sum() == sum(r["pathway_total_months"] is None for r in out.records)


# MARK: CSV


def test_csv_for_programs_reads_back_as_the_json_values(out):
    con = duckdb.connect()
    relation = con.sql(f"SELECT * FROM read_csv('{out.analyst_csv}', types = {{'id': 'VARCHAR'}})")
    dotted = con.sql(f"SELECT * FROM read_csv('{out.csv}', types = {{'id': 'VARCHAR'}})").columns
    assert relation.columns == [name.replace(".", "_") for name in dotted]
    assert all("." not in name for name in relation.columns)
    types = dict(zip(dotted, map(str, relation.types)))
    assert {name: types[name] for name in EXPECTED_CSV_NUMBER_TYPES} == EXPECTED_CSV_NUMBER_TYPES
    assert {name for name, t in types.items() if t not in ("VARCHAR", "BIGINT", "DOUBLE")} == set()

    loaded = rows(con, f"SELECT * FROM read_csv('{out.analyst_csv}', types = {{'id': 'VARCHAR'}})")
    assert len(loaded) == len(out.records)
    for row, record in zip(loaded, out.records):
        cells = dict(zip(dotted, row.values()))
        differing = [name for name in dotted if name != "diagnostics" and not csv_cell_matches(
            cells[name], at(record, name), "joined" if name in JOINED_LIST_COLUMNS else "json")]
        assert differing == [], record["source"]


def test_csv_diagnostics_cell_names_code_and_field(out):
    con = duckdb.connect()
    cells = [r[0] for r in con.execute(f"SELECT diagnostics FROM read_csv('{out.analyst_csv}', types = {{'id': 'VARCHAR'}})").fetchall()]
    for cell, record in zip(cells, out.records):
        expected = "; ".join(d["code"] + (f"({d['field']})" if d["field"] else "") for d in record["diagnostics"])
        assert cell == (expected or None), record["source"]
    assert any(cell and "fields.not_found(education)" in cell for cell in cells)


def test_formula_guard_is_what_sets_the_default_csv_apart(out):
    con = duckdb.connect()
    guarded = rows(con, f"SELECT * FROM read_csv('{out.csv}', types = {{'id': 'VARCHAR'}}, all_varchar = true)")
    plain = rows(con, f"SELECT * FROM read_csv('{out.analyst_csv}', types = {{'id': 'VARCHAR'}}, all_varchar = true)")
    prefixed = 0
    for g, p in zip(guarded, plain):
        for (name, a), b in zip(g.items(), p.values()):
            if a != b:
                assert b is not None and b[0] in "=+-@\t\r" and a == "'" + b, name
                prefixed += 1
    # Growth written "+11%Very Good" or "-5%Declining" is the text cell that starts like a formula.
    assert prefixed >= sum(1 for r in out.records if r["job_growth"] and r["job_growth"]["text"][0] in "+-")


def test_pandas_read_csv_keeps_ids_text_and_na_as_written(out):
    flat = pd.read_csv(out.analyst_csv, dtype={"id": "string"}, keep_default_na=False, na_values=[""],
                       dtype_backend="numpy_nullable")
    assert len(flat) == len(out.records)
    assert list(flat["id"]) == [r["id"] for r in out.records]
    assert list(flat["education"].fillna("<null>")) == [r["education"] or "<null>" for r in out.records]
    assert "N/A" in set(flat["education"].dropna())
    assert str(flat["job_growth_horizon_years"].dtype) == "Int64"
    assert str(flat["salary_min"].dtype) == "Float64"
    assert flat["summary"].isna().sum() == sum(r["summary"] is None for r in out.records)
    # A list of objects is its JSON.
    assert [json.loads(cell) for cell in flat["pathway"]] == [r["pathway"] for r in out.records]


# MARK: YAML


def test_pyyaml_and_ruamel_load_the_json_records(out):
    text = Path(out.yaml).read_text(encoding="utf-8")
    pyyaml = list(yaml.safe_load_all(text))
    ruamel = list(YAML(typ="safe", pure=True).load_all(text))
    assert len(pyyaml) == len(ruamel) == len(out.records)
    for a, b, record in zip(pyyaml, ruamel, out.records):
        assert strictly_equal(a, record), record["source"]
        assert strictly_equal(b, record), record["source"]


# MARK: Parquet


def test_parquet_from_duckdb_keeps_types_and_values(out):
    con = duckdb.connect()
    parquet = out.directory / "careers.parquet"
    con.execute(f"COPY (SELECT * FROM read_json('{out.jsonl}')) TO '{parquet}' (FORMAT parquet)")
    relation = con.sql(f"SELECT * FROM read_parquet('{parquet}')")
    assert relation_leaf_types(relation) == EXPECTED_JSON_TYPES
    loaded = rows(con, f"SELECT * FROM read_parquet('{parquet}')")
    assert len(loaded) == len(out.records)
    for row, record in zip(loaded, out.records):
        assert [k for k in record if not same_value(row[k], record[k])] == [], record["source"]


# MARK: The README's examples


def readme_blocks(heading):
    """The fenced code blocks of the README section under `heading`, as (language, text)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index(f"\n{heading}\n")
    end = readme.find("\n#", start + len(heading) + 2)
    section = readme[start:end if end >= 0 else len(readme)]
    return re.findall(r"^```(\w*)\n(.*?)^```", section, flags=re.M | re.S)


def test_readme_duckdb_and_pandas_examples_run_as_written(out, tmp_path, monkeypatch):
    blocks = readme_blocks("### Loading records into DuckDB and pandas")
    languages = [language for language, _ in blocks]
    assert "sh" in languages and "sql" in languages and "python" in languages
    # The commands run where Pipelines/ and Fixtures/ are, writing into a directory of their own.
    for name in ["Pipelines", "Fixtures"]:
        (tmp_path / name).symlink_to(ROOT / name)
    monkeypatch.chdir(tmp_path)
    for language, text in blocks:
        if language != "sh":
            continue
        for line in text.replace("\\\n", " ").splitlines():
            if line.startswith("extract "):
                result = subprocess.run([EXTRACT, *line.split()[1:]], capture_output=True)
                assert result.returncode == 0, result.stderr.decode()

    con = duckdb.connect()
    results = []
    for language, text in blocks:
        if language == "sql":
            for statement in filter(str.strip, text.split(";")):
                results.append(con.execute(statement).fetchall())
    records = json_lines(tmp_path / "careers.jsonl")
    assert len(records) == len(TEXT_PAGES)
    assert con.execute("SELECT count(*) FROM careers").fetchone()[0] == len(records)
    assert relation_leaf_types(con.sql("SELECT * FROM careers")).keys() == EXPECTED_JSON_TYPES.keys()
    parquet = con.sql("SELECT * FROM read_parquet('careers.parquet')")
    assert relation_leaf_types(parquet) == relation_leaf_types(con.sql("SELECT * FROM careers"))
    assert all(result for result in results if result is not None)

    namespace = {}
    for language, text in blocks:
        if language == "python":
            exec(compile(text, "README.md", "exec"), namespace)
    careers = namespace["careers"]
    assert len(careers) == len(records)
    assert str(careers["id"].dtype) == "string"
    assert str(careers["salary_annual.min"].dtype) == "Int64"
    assert all(isinstance(v, list) for v in careers["work_settings"])
    flat = namespace["flat"]
    assert list(flat["id"]) == [r["id"] for r in records]
    assert "salary_min" in flat.columns
    assert not any(str(v).startswith("'") for v in flat["job_growth_text"].dropna())
