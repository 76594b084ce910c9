# `make run`: install what is missing, build, run the career pipeline over the bundled pages.
# `make test`: the whole test suite: Swift's tests, then the checks against independent tools
# (Tests/Interop, which installs warcio, pytest, pyspark, jsonschema and PyYAML from PyPI; the Spark
# test needs Java 17).
SWIFT ?= swift
OUT ?= out/careers.jsonl
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build run test clean

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

test: deps
	$(SWIFT) test
	Tests/Interop/run.sh

clean:
	rm -rf .build out
