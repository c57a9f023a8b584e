# The two commands a new user needs (see README.md):
#   make run    install what is missing, build Release, start the server on 127.0.0.1:8080
#   make test   install what is missing, build, run every test
BUILD_DIR ?= build
DATA_DIR ?= ./abis-data
LISTEN ?= 127.0.0.1:8080
JOBS ?= $(shell nproc)

.PHONY: all deps configure build run test clean sanitize fuzz bench

all: build

deps:
	@bash scripts/install-deps.sh

configure: deps
	@if [ ! -f $(BUILD_DIR)/build.ninja ]; then \
	  cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release; fi

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	./$(BUILD_DIR)/abis serve --data $(DATA_DIR) --listen $(LISTEN)

test: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

# The parser and codec tests again under AddressSanitizer and UBSan.
sanitize: deps
	cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DABIS_SANITIZE=ON -DABIS_BUILD_BENCH=OFF
	cmake --build build-asan -j $(JOBS)
	ctest --test-dir build-asan --output-on-failure -j $(JOBS) -L 'image|formats|dactyl|genome'

# libFuzzer targets (clang).
fuzz: deps
	cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DABIS_BUILD_FUZZ=ON \
	  -DABIS_BUILD_TESTS=OFF -DABIS_BUILD_BENCH=OFF -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++
	cmake --build build-fuzz -j $(JOBS)

bench: build
	@ls $(BUILD_DIR)/bench_* 2>/dev/null | while read b; do echo "== $$b"; $$b; done

clean:
	rm -rf $(BUILD_DIR) build-asan build-fuzz
