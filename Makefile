# dedupe: build, test and measure. Every target works on a fresh machine with Go installed.
GO      ?= go
BIN     := bin/dedupe
PKGS    := ./...

.PHONY: all build run test crash-test lint bench bench-go bench-peer fuzz clean browser-test golden

all: lint test build

build:
	$(GO) build -trimpath -o $(BIN) ./cmd/dedupe

## run: build, then scan the bundled seed articles and print the clusters
run: build
	./$(BIN) scan --format text testdata/seeds
	./$(BIN) scan testdata/seeds

## test: vet, then every unit, integration and end-to-end test
test:
	$(GO) vet $(PKGS)
	$(GO) test -count=1 $(PKGS)

## crash-test: the crash and input-limit tests at full size (make test runs them small): SIGKILL during an add of 20,000 documents, 300 MB of input against the default limits
crash-test:
	DEDUPE_CRASH_TESTS=1 $(GO) test -count=1 -v -run '^(TestIndexAddKilled|TestScanBadInput)$$' ./cmd/dedupe

## golden: check that scan and compare output is byte-identical to testdata/golden (GOLDEN_UPDATE=1 rewrites it)
golden:
	GO=$(GO) bash scripts/golden.sh

## fuzz: run every fuzz target for a few seconds' worth of executions (FUZZTIME=10m for a long run)
fuzz:
	GO=$(GO) bash scripts/fuzz.sh

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)
	$(GO) mod tidy -diff

## bench-go: per-stage Go benchmarks with allocations
bench-go:
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

## bench: Go benchmarks, end-to-end scans of generated corpora (BENCH_SIZES, BENCH_DIR), the index, then real text (CHRONAM_DIR)
bench: build bench-go
	bash scripts/bench.sh
	bash scripts/bench-index.sh
	bash scripts/bench-real.sh

## bench-peer: dedupe beside issue 15's peer (ekzhu/minhash-lsh, bench/peer; its module comes from the Go module proxy) on the cut chronam-1916 articles (CHRONAM_DIR, BENCH_DIR, RUNS)
bench-peer:
	bash scripts/bench-peer.sh

## browser-test: open a generated report in headless Chromium (installed when missing) at 1280 and 700 px, check sort, filter and side by side, screenshot docs/report.png
browser-test:
	bash scripts/browser-test.sh

clean:
	rm -rf bin
