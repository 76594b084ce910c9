#!/usr/bin/env bash
# Checks extract against independent tools: archives written by warcio (WARC input), extract
# run as a step of Apache Spark (local mode, Java 17), the page extract inspect writes, in
# headless Chromium (Debian's chromium-headless-shell), shell completion in bash driven in tmux,
# the manual page `make man` generates (`make test` installs Chromium and tmux), every
# fixture record validated by python-jsonschema against `extract schema`, and the records as
# analysts load them (DuckDB, pandas, PyYAML, ruamel.yaml). Installs what it needs from PyPI
# (warcio, pytest, pyspark, lxml, jsonschema, PyYAML, duckdb, pandas, ruamel.yaml), then runs the
# pytest files here against the debug build that `swift test` leaves (or EXTRACT).
set -euo pipefail
cd "$(dirname "$0")/../.."
export EXTRACT="${EXTRACT:-$PWD/.build/debug/extract}"
[ -x "$EXTRACT" ] || swift build --product extract
python3 -c 'import warcio, pytest, pyspark, lxml, jsonschema, yaml, duckdb, pandas, ruamel.yaml' 2>/dev/null ||
  python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore \
    warcio pytest pyspark lxml jsonschema PyYAML duckdb pandas ruamel.yaml
python3 -m pytest -q -p no:cacheprovider Tests/Interop
