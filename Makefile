# The two commands of the README. Everything else is plumbing for them.
BUILD ?= build
ASAN_BUILD ?= build-asan
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: demo test deps build package install test-asan fuzz fuzz-check bench clean install-python

deps:
	@scripts/install-deps

$(BUILD)/build.ninja: | deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)
	$(MAKE) fuzz-check

# Debian packages (libnova0, libnova-dev, nova-cli, python3-amzn-nova-customization-sdk) in $(BUILD)/packages.
package: build
	cd $(BUILD) && cpack -G DEB -B packages

# Headers, libraries, nova, man pages, completions, CMake package and nova.pc under PREFIX.
PREFIX ?= /usr/local
install: build
	for c in lib dev cli; do cmake --install $(BUILD) --prefix $(PREFIX) --component $$c; done

# The Python module into the site-packages of the python3 it was built for.
install-python: build
	cmake --install $(BUILD) --component python

# The demo needs only `nova`: its own build directory builds that one target, unity-built
# (each library's sources compiled in a few batches, so the heavy headers are parsed a few
# times instead of once per file) at -O1 without debug information, with no tests, benches or
# Python module. `make test` and `make build` keep their RelWithDebInfo build in $(BUILD).
# Warnings are not errors here: `make test`'s build polices them, and unity batches raise
# their own (-Wsubobject-linkage for a file's anonymous-namespace types).
DEMO_BUILD ?= build-demo
$(DEMO_BUILD)/build.ninja: | deps
	cmake -S . -B $(DEMO_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O1 -DNDEBUG" \
	  -DCMAKE_UNITY_BUILD=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE=16 \
	  -DNOVA_BUILD_TESTS=OFF -DNOVA_BUILD_BENCH=OFF -DNOVA_BUILD_PYTHON=OFF $(CMAKE_FLAGS) -DNOVA_WERROR=OFF

demo: deps $(DEMO_BUILD)/build.ninja
	cmake --build $(DEMO_BUILD) -j $(JOBS) --target nova
	@scripts/demo $(DEMO_BUILD)/cli/nova

test-asan: deps
	cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DNOVA_SANITIZE=ON -DNOVA_BUILD_BENCH=OFF
	cmake --build $(ASAN_BUILD) -j $(JOBS) --target nova_unit_tests nova
	ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS) -L unit

FUZZ_SECONDS ?= 20
FUZZ_SEED ?= 0
FUZZ_RUNS ?= -1
FUZZ_CORPUS ?= build-fuzz/corpus
# Builds only the fuzz targets (no tests, benches or Python module) and runs each over its seed
# corpus tests/fuzz/corpus/<target>/ for FUZZ_SECONDS or FUZZ_RUNS inputs, whichever ends first.
# FUZZ_SEED=0 draws a new seed each run (exploration; new inputs accumulate in FUZZ_CORPUS).
FUZZ_TARGETS := fuzz_jsonl_reader fuzz_json_reader fuzz_csv_reader fuzz_validator fuzz_recipe_yaml \
  fuzz_recipe_overrides fuzz_aws_error fuzz_aws_response fuzz_eventstream fuzz_ini fuzz_kube_status \
  fuzz_hyperpod_yaml
fuzz: deps
	CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DNOVA_BUILD_FUZZ=ON -DNOVA_BUILD_TESTS=OFF -DNOVA_BUILD_BENCH=OFF -DNOVA_BUILD_PYTHON=OFF
	cmake --build build-fuzz -j $(JOBS) --target $(FUZZ_TARGETS)
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_CORPUS)/$$t tests/fuzz/corpus/$$t; \
	  echo "fuzz: $$t (seed $(FUZZ_SEED), at most $(FUZZ_RUNS) runs, $(FUZZ_SECONDS) s)"; \
	  if ! build-fuzz/fuzz/$$t -seed=$(FUZZ_SEED) -runs=$(FUZZ_RUNS) -max_total_time=$(FUZZ_SECONDS) \
	      -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
	      -artifact_prefix=build-fuzz/$$t- $(FUZZ_CORPUS)/$$t tests/fuzz/corpus/$$t > build-fuzz/$$t.log 2>&1; then \
	    tail -n 60 build-fuzz/$$t.log; exit 1; \
	  fi; \
	  tail -n 1 build-fuzz/$$t.log; \
	done

# The short fuzzing pass of `make test`: a fixed seed and a fresh corpus directory make it the
# same sequence of inputs on every machine for the same source, so a pass here on the final tree
# is a pass in CI (any code change makes a new sequence; a slower machine
# may stop earlier in that sequence, never elsewhere). Crashes found by exploration
# (`make fuzz`) become regression inputs under tests/unit/fuzz_regressions/.
fuzz-check:
	rm -rf build-fuzz/check-corpus
	$(MAKE) fuzz FUZZ_SEED=1 FUZZ_RUNS=30000 FUZZ_SECONDS=120 FUZZ_CORPUS=build-fuzz/check-corpus

bench: deps
	cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DNOVA_BUILD_TESTS=OFF
	cmake --build build-bench -j $(JOBS)
	bench/run.sh build-bench

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(DEMO_BUILD) build-bench build-fuzz
