# Loupe: `make run` opens the REPL on the seeds; `make test` runs every test.
# Both install libedit-dev first when it is missing.

SWIFT ?= swift
# The index store costs seconds per build; builds that run no tests skip it
# (swift test on Linux needs it to discover tests).
BUILD_FLAGS ?= --disable-index-store
LOUPE_DEBUG = .build/debug/loupe
LOUPE_RELEASE = .build/release/loupe

.PHONY: all deps build release run test bench clean

all: build

deps:
	@./scripts/install-deps

build: deps
	$(SWIFT) build $(BUILD_FLAGS) --product loupe

release: deps
	$(SWIFT) build -c release $(BUILD_FLAGS) --product loupe

run: build
	$(LOUPE_DEBUG) seeds --annotations annotations

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench: release
	$(SWIFT) build -c release $(BUILD_FLAGS) --product loupe-bench
	python3 scripts/bench.py --loupe $(LOUPE_RELEASE)

clean:
	rm -rf .build
