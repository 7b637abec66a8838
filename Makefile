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

# builds sdtkit, generates the header and object for examples/hello and shows the probes
demo:
	sh scripts/deps.sh build
	$(MAKE) all
	sh examples/hello/demo.sh $(BUILD)/sdtkit

# builds everything and runs the whole test suite through ctest
check:
	sh scripts/deps.sh check
	$(MAKE) all
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

install: all
	cmake --install $(BUILD) --prefix $(PREFIX)

bench: all
	sh bench/run.sh $(BUILD)/sdtkit

clean:
	rm -rf $(BUILD)

.PHONY: all demo check install bench clean
