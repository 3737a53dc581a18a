# Loupe: `make run` opens the REPL on the seeds; `make test` runs every test.
# Both install libedit-dev first when it is missing.

SWIFT ?= swift
# `make run` and `make test` build with the same flags (swift test on Linux needs
# the index store to build its test list), so each reuses the other's build. The
# tests are Swift Testing; XCTest, which would find none and say "Executed 0
# tests", is not run.
BUILD_FLAGS ?=
LOUPE_DEBUG = .build/debug/loupe
LOUPE_RELEASE = .build/release/loupe

.PHONY: all deps build release run test bench dev-eval scale-check parallel-check template-check mutation-check stress fuzz clean

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
	@./scripts/install-deps --test
	$(SWIFT) build --build-tests $(BUILD_FLAGS)
	$(SWIFT) test --skip-build --disable-xctest
	$(MAKE) --no-print-directory parallel-check LOUPE=$(LOUPE_DEBUG) SCALE_DOCS=300
	$(MAKE) --no-print-directory template-check
	python3 scripts/mutation-check --loupe $(LOUPE_DEBUG) --docs 300
	python3 -m unittest discover -s Templates/External

# BENCH_FLAGS=--quick skips the whole-corpus runs; --only SECTION runs one.
bench: release
	$(SWIFT) build -c release $(BUILD_FLAGS) --product loupe-bench
	python3 scripts/bench.py --loupe $(LOUPE_RELEASE) $(BENCH_FLAGS)

# The analyzers scored on the development sets in ../shared/dev-data
# (DEV=source-citation picks one; see scripts/dev-eval).
dev-eval: release
	LOUPE=$(LOUPE_RELEASE) scripts/dev-eval $(DEV)

# `loupe stream` under GNU parallel and under Spark (RDD.pipe, local[2]) must give,
# byte for byte, what one process gives (scripts/scale/; the Spark check installs
# pyspark into .build-scale/venv). LOUPE and SCALE_DOCS pick another build and a
# slice: make parallel-check LOUPE=$(LOUPE_DEBUG) SCALE_DOCS=200
LOUPE ?= $(LOUPE_RELEASE)
SENATE_CORPUS = ../shared/corpora/us-senate-press-releases/articles.jsonl

scale-check: release
	LOUPE='$(LOUPE)' CORPUS=$(SENATE_CORPUS) SCALE_DOCS= scripts/scale/check-parallel
	LOUPE='$(LOUPE)' CORPUS=$(SENATE_CORPUS) SCALE_DOCS= scripts/scale/check-spark

parallel-check:
	LOUPE='$(LOUPE)' scripts/scale/check-parallel

# Templates/Analyzer built out of tree against this checkout, as a package of
# one's own would be: its tests, and its loupe (built-ins + its analyzer) on the seeds.
template-check:
	scripts/template-check

# Every analyzer on real text damaged at random (quotes, brackets, line ends, combining
# marks, capitals, sentences without full stops): no crash or hang, and every record's
# length and spans agree with its text, with the defaults and with every span written;
# and analyze, save, reopen edited and save again re-anchors every annotation
# (scripts/mutation-check; seeds, plus Wikinews and the dev corpora in ../shared when
# they are there). make test runs 300 texts on the debug build.
MUTATION_DOCS ?= 1500
MUTATION_ROUNDS ?= 1
mutation-check: release
	python3 scripts/mutation-check --loupe '$(LOUPE)' --docs $(MUTATION_DOCS) --rounds $(MUTATION_ROUNDS)

# Crash safety: kill -9 at random moments of 1,000 scripted sessions over 500
# documents; nothing saved may be lost, no file may be left half written.
STRESS_TRIALS ?= 1000
stress: release
	python3 scripts/stress --loupe $(LOUPE_RELEASE) --trials $(STRESS_TRIALS)

# libFuzzer on the parsers, FUZZ_SECONDS each (default 600); crashers land in
# Tests/Fuzz/corpus/TARGET/, which every test run replays.
fuzz: deps
	scripts/fuzz

clean:
	rm -rf .build .build-fuzz
