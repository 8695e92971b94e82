# vanban — build, test, bench. `make test` is the README's test command and
# what .ci/run runs on a fresh Debian machine.
GO ?= go
export CGO_ENABLED := 1

.PHONY: all build test bench deps fuzz vet fmt demo clean

all: build

build:
	$(GO) build -o bin/vanban ./cmd/vanban

# deps installs the Debian packages the tests need when they are missing (as root).
deps:
	@./.ci/deps

# test: vet, tidy, gofmt, every test with -race, then the store's own tests
# again on PostgreSQL (internal/pgtest starts Debian's server for them).
test: deps
	$(GO) vet ./...
	$(GO) mod tidy -diff
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt needed:"; gofmt -l .; exit 1; }
	$(GO) test -race -count=1 -timeout 30m ./...
	VANBAN_TEST_STORE=postgres $(GO) test -count=1 -timeout 10m ./corpus

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# fuzz runs every fuzz target for FUZZTIME each.
FUZZTIME ?= 20s
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "fuzz $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; done

# demo is the main job on the embedded default store: ingest the project's own
# fixtures into ./vanban-data, ask it questions, then serve the web interface
# (it prints its address; Ctrl-C stops it). DEMO_ADDR=0.0.0.0:8080 to reach it
# from another machine (read-only without VANBAN_TOKEN).
DEMO_ADDR ?= 127.0.0.1:8080
demo: deps build
	./bin/vanban ingest testdata/corpus testdata/parse/*.txt testdata/parse/*.md
	./bin/vanban cites "Chỉ thị 33/CT-TTg"
	./bin/vanban trace 45-KH/ĐU --up
	./bin/vanban serve --addr $(DEMO_ADDR)

vet:
	$(GO) vet ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf bin
