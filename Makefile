# duet's entry points. `make run` and `make test` do all of their own set-up.
#   make deps          install missing Debian packages (tools/debian-packages.txt)
#   make / make build  release build (-O2, jemalloc) in build/release
#   make run           build, then `duet up` on 127.0.0.1:4000 with ./duet-data
#   make test          debug build with ASan + UBSan in build/debug, then every suite
#                      (the release build is compiled too, to keep `make run` working)
#   make test-record FILE=tests/sql/x.test   write x.result from a run (check it by eye)
#   make bench [B=name]  benchmarks against MariaDB; results in bench/RESULTS.md
#   make fuzz          libFuzzer targets (clang), FUZZ_SECONDS each (default 600)
#   make format        clang-format every C file

JOBS ?= $(shell nproc)
RELEASE := build/release
DEBUG := build/debug
FUZZ := build/fuzz
FUZZ_SECONDS ?= 600
PYTHON := /usr/bin/python3

.PHONY: all build deps run test test-record bench fuzz format clean

all: build

deps:
	@tools/deps.sh

$(RELEASE)/CMakeCache.txt:
	cmake -S . -B $(RELEASE) -DCMAKE_BUILD_TYPE=Release

$(DEBUG)/CMakeCache.txt:
	cmake -S . -B $(DEBUG) -DCMAKE_BUILD_TYPE=Debug -DDUET_SANITIZE=ON

build: deps $(RELEASE)/CMakeCache.txt
	cmake --build $(RELEASE) -j$(JOBS)

run: build
	$(RELEASE)/cmd/duet up --path ./duet-data

# The release build is compiled too (not run): `make run` and `make bench` use it,
# and -O2 finds warnings the debug build does not.
test: deps $(DEBUG)/CMakeCache.txt $(RELEASE)/CMakeCache.txt
	cmake --build $(DEBUG) -j$(JOBS)
	cmake --build $(RELEASE) -j$(JOBS)
	$(PYTHON) tests/run.py --build $(DEBUG)

test-record: deps $(DEBUG)/CMakeCache.txt
	@test -n "$(FILE)" || { echo "usage: make test-record FILE=tests/sql/name.test"; exit 2; }
	cmake --build $(DEBUG) -j$(JOBS)
	$(PYTHON) tests/sql/run.py --duet $(DEBUG)/cmd/duet --record $(FILE)

bench: build
	$(PYTHON) bench/run.py --build $(RELEASE) $(if $(B),$(B),)

fuzz: deps
	CC=clang CXX=clang++ cmake -S . -B $(FUZZ) -DCMAKE_BUILD_TYPE=Debug -DDUET_FUZZ=ON
	cmake --build $(FUZZ) -j$(JOBS)
	$(PYTHON) tests/fuzz/run.py --build $(FUZZ) --seconds $(FUZZ_SECONDS)

format:
	@git ls-files '*.c' '*.h' | xargs clang-format -i

clean:
	rm -rf build
