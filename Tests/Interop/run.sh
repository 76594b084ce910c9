#!/usr/bin/env bash
# Checks extract against independent tools: archives written by warcio (WARC input).
# Installs what it needs from PyPI, then runs the pytest files here against the debug build
# that `swift test` leaves (or EXTRACT).
set -euo pipefail
cd "$(dirname "$0")/../.."
export EXTRACT="${EXTRACT:-$PWD/.build/debug/extract}"
[ -x "$EXTRACT" ] || swift build --product extract
python3 -c 'import warcio, pytest' 2>/dev/null || python3 -m pip install -q --disable-pip-version-check warcio pytest
python3 -m pytest -q -p no:cacheprovider Tests/Interop
