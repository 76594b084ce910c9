# `make run`: install what is missing, build, run the career pipeline over the bundled pages.
# `make test`: the whole test suite: Swift's tests, the plugin example (Examples/custom-plugin: a
# package of its own that builds an extract with four more parts and checks them), then the checks
# against independent tools (Tests/Interop, which installs warcio, pytest, pyspark, lxml, jsonschema,
# PyYAML, duckdb, pandas and ruamel.yaml from PyPI; the Spark test needs Java 17, the inspect test
# Debian's chromium-headless-shell and the shell completion test tmux, which test-deps installs).
# `make man`: the manual page, generated from the command definitions, in .build/man/extract.1.
SWIFT ?= swift
OUT ?= out/careers.jsonl
MAN ?= .build/man/extract.1
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps test-deps build run test man clean

deps:
	@pkg-config --exists libpcre2-8 zlib libxml-2.0 2>/dev/null || { \
	  echo "installing libpcre2-dev zlib1g-dev libxml2-dev"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libpcre2-dev zlib1g-dev libxml2-dev pkgconf; }

build: deps
	$(SWIFT) build -c release --static-swift-stdlib --product extract

run: build
	@mkdir -p $(dir $(OUT))
	.build/release/extract --pipeline Pipelines/career.yaml Fixtures/career/pages -o $(OUT)
	@echo "records written to $(OUT)"

# What only the tests need: a headless browser for the `extract inspect` page and tmux to type
# into bash for the shell completion test (Tests/Interop), and Python for the exec stage's test
# programs (Fixtures/exec).
test-deps:
	@command -v python3 >/dev/null 2>&1 || { \
	  echo "installing python3"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3; }
	@{ command -v chromium-headless-shell && command -v tmux; } >/dev/null 2>&1 || { \
	  echo "installing chromium-headless-shell tmux"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium-headless-shell tmux; }

test: deps test-deps
	$(SWIFT) test
	Examples/custom-plugin/test.sh
	Tests/Interop/run.sh

# swift-argument-parser's generate-manual plugin runs `extract --experimental-dump-help` (a debug
# build is enough) and writes the page as mdoc; `man -l $(MAN)` reads it.
man:
	$(SWIFT) package generate-manual --configuration debug
	@mkdir -p $(dir $(MAN))
	cp .build/plugins/GenerateManual/outputs/extract/extract.1 $(MAN)
	@echo "manual page written to $(MAN)"

clean:
	rm -rf .build out
