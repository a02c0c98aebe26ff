# The two commands a newcomer needs: `make run` and `make test`. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

GO            ?= go
BIN           := bin/consult
PG_TEST_URL   ?= postgres://postgres@127.0.0.1:5432/test?sslmode=disable
GOLANGCI      := github.com/golangci/golangci-lint/v2/cmd/golangci-lint@v2.15.0
CONSULT_ADDR  ?= 127.0.0.1:8080
MAILPIT       := bin/mailpit
MAILPIT_MOD   := github.com/axllent/mailpit@v1.33.1
FUZZTIME      ?= 20s
export CONSULT_ADDR
export CONSULT_TEST_MAILPIT := $(CURDIR)/$(MAILPIT)

.PHONY: help run build frontend tools test test-sqlite test-postgres test-frontend test-e2e test-faults lint bench bench-micro bench-load fuzz clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  %-15s %s\n", $$1, $$2}'

run: build ## Build everything, load the demo data on SQLite, serve http://localhost:8080
	./$(BIN) demo
	./$(BIN) serve

build: frontend ## Build the web app and the binary (bin/consult)
	CGO_ENABLED=0 $(GO) build -trimpath -o $(BIN) ./cmd/consult

frontend: frontend/node_modules/.installed ## Build the web app into frontend/dist (svelte-check, Vite, gzipped size limit)
	cd frontend && npm run --silent build

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	touch $@

tools: $(MAILPIT) ## Test tools: Mailpit, the real SMTP server the mail tests send through

$(MAILPIT):
	GOBIN=$(CURDIR)/bin $(GO) install $(MAILPIT_MOD)

test: test-sqlite test-postgres test-frontend ## The whole suite: SQLite, then PostgreSQL, then the web app

test-sqlite: tools ## Go tests on SQLite
	CONSULT_TEST_DATABASE_URL= $(GO) test -race -count=1 ./...

test-postgres: tools ## Go tests on PostgreSQL (CONSULT_TEST_DATABASE_URL, default the local server)
	CONSULT_TEST_DATABASE_URL='$(PG_TEST_URL)' $(GO) test -race -count=1 ./...

test-frontend: frontend/node_modules/.installed ## The web app: unit tests (vitest), the build (svelte-check, size limit), the browser tests
	cd frontend && npm run --silent test:unit
	$(MAKE) test-e2e

test-e2e: build ## Browser tests: Debian's chromium (/usr/bin/chromium) against bin/consult
	cd frontend && npm run --silent e2e

test-faults: ## Fault tests: the real binary on a private PostgreSQL, killed, restarted, stopped and doubled under load
	CONSULT_TEST_FAULTS=1 $(GO) test -count=1 -timeout 10m -v ./internal/faults/

lint: ## go vet, gofmt and golangci-lint
	$(GO) vet ./...
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) run $(GOLANGCI) run ./...

bench: bench-micro bench-load ## The Go micro-benchmarks, then the load benchmark (docs/benchmarks.md)

bench-micro: ## Benchmarks on SQLite, then the exports on PostgreSQL beside its COPY (CONSULT_BENCH_MILLION=1: also 1,000,000 comments); report in bench/out/report.txt
	mkdir -p bench/out
	set -o pipefail; CONSULT_TEST_DATABASE_URL= $(GO) test -run '^$$' -bench . -benchmem -count=1 ./... | tee bench/out/report.txt
	set -o pipefail; CONSULT_TEST_DATABASE_URL='$(PG_TEST_URL)' $(GO) test -run '^$$' -bench Export -benchmem -count=1 ./models/ | tee -a bench/out/report.txt

bench-load: tools ## Load benchmark on PostgreSQL beside its baselines (BENCH_COMMENTS=100000, BENCH_DURATION=20s, BENCH_ROUNDS=3); writes docs/benchmarks.md and .json
	$(GO) run ./bench/load

fuzz: ## Run every Go fuzz target (func Fuzz… in *_test.go) for FUZZTIME each (default 20s), on SQLite; a crash is saved under the package's testdata/fuzz
	@set -euo pipefail; git ls-files -co --exclude-standard '*_test.go' | xargs grep -Ho '^func Fuzz[A-Za-z0-9_]*' | \
	sed 's|^\(.*\)/[^/]*:func |./\1 |' | while read -r pkg name; do \
		echo "== $$name ($$pkg, $(FUZZTIME))"; \
		CONSULT_TEST_DATABASE_URL= $(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) "$$pkg" </dev/null; \
	done

clean: ## Remove build output and the development database
	rm -rf bin frontend/dist/assets frontend/dist/index.html frontend/dist/*.map data
