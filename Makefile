# SPDX-License-Identifier: MIT
# Makefile: a thin front over CMake: `make demo`, `make check`, `make install`.
BUILD ?= build
PREFIX ?= /usr/local
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo

all: $(BUILD)/build.ninja
	cmake --build $(BUILD)

$(BUILD)/build.ninja:
	sh scripts/deps.sh build
	cmake -S . -B $(BUILD) -G Ninja $(CMAKE_FLAGS)

# builds sdtkit, builds examples/minipy with it (shared), shows and traces its probes
demo:
	sh scripts/deps.sh build
	$(MAKE) all
	sh examples/minipy/demo.sh $(BUILD)

# builds everything and runs the whole test suite through ctest, the real
# projects (label real: CPython, PostgreSQL, GLib from Debian's sources) included
check:
	sh scripts/deps.sh check
	$(MAKE) all
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

# the same without the real projects (about ten minutes on two cores)
check-quick:
	sh scripts/deps.sh check
	$(MAKE) all
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS) -LE real

# the suite again with sdtkit built with ASan+UBSan: every CLI case and the
# integration scripts that exercise sdtkit itself (the build-system, compile
# matrix and type-check scripts test the generated code, the same in both builds)
ASAN_TESTS = integration/(e2e|list_|check_|outputs|concurrency|reproducible|hostile|cross|stap_compare|bpftrace|install|fuzz_regress|diff|convert|dtrace_configure|tracers|depfile|lto)
check-asan:
	sh scripts/deps.sh check
	cmake -S . -B build-asan -G Ninja -DSDTKIT_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
	cmake --build build-asan
	cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		ctest --output-on-failure -j$(JOBS) -L cli && \
		ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		ctest --output-on-failure -j$(JOBS) -R '$(ASAN_TESTS)' -E list_large

install: all
	cmake --install $(BUILD) --prefix $(PREFIX)

# the tables of bench/README.md (bench/*results.md) and the plots (bench/plots/*.png)
bench: all
	sh scripts/deps.sh bench
	sh bench/run.sh $(BUILD)/sdtkit
	sh bench/list.sh $(BUILD)/sdtkit
	sh bench/objects.sh $(BUILD)/sdtkit
	sh bench/sites.sh $(BUILD)/sdtkit
	sh bench/plots.sh $(BUILD)/sdtkit

# runs every fuzz harness (tests/fuzz) for FUZZ_SECONDS, in parallel (one per
# core, JOBS at a time), on copies of the seed corpora: builds build-fuzz with
# clang and SDTKIT_FUZZ=ON; prints the executions each reached
FUZZ_SECONDS ?= 600
fuzz:
	sh scripts/deps.sh build
	CC=clang cmake -S . -B build-fuzz -G Ninja -DSDTKIT_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build build-fuzz
	cd build-fuzz && SDTKIT_FUZZ_SECONDS=$(FUZZ_SECONDS) ctest -L fuzz -j$(JOBS) \
		--timeout $$(($(FUZZ_SECONDS) + 600)) --output-on-failure; \
	rc=$$?; cat tests/fuzz/scratch/fuzz-*/summary 2>/dev/null; exit $$rc

clean:
	rm -rf $(BUILD) build-asan build-fuzz

.PHONY: all demo check check-quick check-asan install bench clean fuzz
