# Twofold. `make run` builds and serves the app; `make test` runs every test.
# Both install what they need: Go tools into ./.bin, Chromium with apt-get.

SHELL := /bin/bash
GO ?= go
BIN := $(CURDIR)/.bin
OUT := $(CURDIR)/out
SITE := $(OUT)/site
ADDR ?= localhost:8000
WASMBROWSERTEST := github.com/agnivade/wasmbrowsertest@v0.11.0
GOVULNCHECK := golang.org/x/vuln/cmd/govulncheck@v1.9.0
# VULNDB is the snapshot of the Go vulnerability database that vulncheck
# reads when vuln.go.dev cannot be reached, and the time of its commit.
VULNDB := golang.org/x/vulndb@v0.0.0-20261105234957-e22db6528018
VULNDB_TIME := 2026-11-05T23:49:57Z
export GOFLAGS := -buildvcs=false

# GOTOOLCHAIN makes every go command here, and every go command the tests
# run, use the Go of go.mod's toolchain line, which the go command fetches
# once from the Go module proxy (as the module golang.org/toolchain). That
# line alone is not enough where GOTOOLCHAIN is local (Debian's Go, this
# project's machines), and the wasm programs, the wasm_exec.js go-app puts
# in the site and the vulnerability check must all come from one Go.
# make GOTOOLCHAIN=local … runs with the Go on PATH instead.
export GOTOOLCHAIN := $(shell sed -n 's/^toolchain //p' $(CURDIR)/go.mod)
ifeq ($(GOTOOLCHAIN),)
$(error go.mod has no toolchain line for GOTOOLCHAIN)
endif

.PHONY: all run site wasm test test-native test-wasm vet vulncheck bench fuzz deps tools clean

all: site

## Build

$(OUT)/build/app.wasm: FORCE
	@mkdir -p $(OUT)/build
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $@ ./wasm

$(OUT)/build/kdf.wasm: FORCE
	@mkdir -p $(OUT)/build
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $@ ./wasm/kdfworker

$(OUT)/build/import-kdf.wasm: FORCE
	@mkdir -p $(OUT)/build
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $@ ./wasm/importkdf

$(OUT)/build/scan.wasm: FORCE
	@mkdir -p $(OUT)/build
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $@ ./wasm/scanworker

wasm: $(OUT)/build/app.wasm $(OUT)/build/kdf.wasm $(OUT)/build/import-kdf.wasm $(OUT)/build/scan.wasm

site: wasm
	rm -rf $(SITE)
	$(GO) run ./cmd/twofold site -out $(SITE) -app $(OUT)/build/app.wasm -kdf $(OUT)/build/kdf.wasm -importkdf $(OUT)/build/import-kdf.wasm -scan $(OUT)/build/scan.wasm -static static

run: site
	$(GO) run ./cmd/twofold serve -addr $(ADDR) -dir $(SITE)

FORCE:

## Tools

# deps installs, with apt-get, what the tests need from Debian: the three
# browser engines the journeys run in (Chromium; Firefox ESR; WebKitGTK's
# WebDriver and MiniBrowser, which runs in the virtual display of Xvfb),
# Python's argon2 and nacl to check the decryption recipe in
# app/vault/SPEC.md, Python's cryptography for the importers' vectors, and
# npm, with which the browser tests fetch axe-core (never served by the app).
APT_DEPS := chromium firefox-esr webkit2gtk-driver xvfb python3-argon2 python3-nacl python3-cryptography npm
deps:
	@missing=""; \
	command -v chromium >/dev/null || command -v chromium-browser >/dev/null || missing="chromium"; \
	command -v firefox-esr >/dev/null || missing="$$missing firefox-esr"; \
	command -v WebKitWebDriver >/dev/null || missing="$$missing webkit2gtk-driver"; \
	command -v Xvfb >/dev/null || missing="$$missing xvfb"; \
	/usr/bin/python3 -c 'import argon2, nacl, cryptography' 2>/dev/null || missing="$$missing python3-argon2 python3-nacl python3-cryptography"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	if [ -z "$$missing" ]; then \
		true; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing for the tests with apt-get:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
		echo "missing:$$missing, and they cannot be installed here (not root, or no apt-get)."; \
		echo "Install them yourself (Debian: apt-get install $(APT_DEPS)), then run make test again."; exit 1; \
	fi

# wasmbrowsertest runs GOOS=js tests in headless Chromium; go test finds it
# on PATH under the name go_js_wasm_exec. It is installed from its own module
# graph (not go.mod), since it pins an older chromedp than our tests use.
# It serves the tests the wasm_exec.js of $GOROOT, which go test sets to
# the Go that built them, so one binary serves any toolchain.
$(BIN)/go_js_wasm_exec:
	@mkdir -p $(BIN)
	GOBIN=$(BIN) $(GO) install $(WASMBROWSERTEST)
	mv $(BIN)/wasmbrowsertest $@

# govulncheck must be built by the Go whose sources it reads (one built by
# an older Go cannot type-check a newer standard library), so its name
# carries the Go version, and a new toolchain builds it again.
# ($(shell) does not see exported variables before GNU make 4.4.)
GOVULNCHECK_BIN = $(BIN)/govulncheck-$(shell GOTOOLCHAIN=$(GOTOOLCHAIN) $(GO) env GOVERSION)
$(BIN)/govulncheck-%:
	@mkdir -p $(BIN)/tmp-$*
	GOBIN=$(BIN)/tmp-$* $(GO) install $(GOVULNCHECK)
	mv $(BIN)/tmp-$*/govulncheck $@ && rmdir $(BIN)/tmp-$*

tools: deps $(BIN)/go_js_wasm_exec

## Tests

vet:
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./wasm/... ./app/...
	@unformatted=$$("$$($(GO) env GOROOT)/bin/gofmt" -l app wasm cmd static); if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi

test-native: deps
	$(GO) test -race -count=1 -timeout 45m ./...

test-wasm: tools
	PATH=$(BIN):$$PATH GOOS=js GOARCH=wasm $(GO) test -count=1 ./wasm/... 2>&1 | grep -v 'IPAddressSpace' ; exit $${PIPESTATUS[0]}

# vulncheck fails if the code, built natively or for the browser, calls a
# function with a known vulnerability (in a module or in Go's standard
# library: then the fix is a newer Go). It reads the Go vulnerability
# database at vuln.go.dev, or, where that cannot be reached (the network of
# this project's machines reaches only package registries), a snapshot of
# it, the module golang.org/x/vulndb from the Go module proxy, laid out for
# govulncheck by cmd/twofold/internal/vulnindex. With neither, it says so
# and skips, or fails under CI=true, where nothing may go unchecked.
vulncheck: $(GOVULNCHECK_BIN)
	@set -e; \
	if curl -sfI -m 10 -o /dev/null https://vuln.go.dev/index/db.json.gz; then \
		db=https://vuln.go.dev; \
	else \
		echo "vulncheck: *** vuln.go.dev cannot be reached: using the snapshot $(VULNDB) from the Go module proxy; vulnerabilities published after it are not checked ***"; \
		db=$(OUT)/vulndb/$(subst /,_,$(VULNDB)); \
		if [ ! -d "$$db" ]; then \
			src=$$($(GO) mod download -json $(VULNDB) | sed -n 's/^\t"Dir": "\(.*\)",$$/\1/p'); \
			if [ -z "$$src" ]; then \
				if [ "$$CI" = true ]; then \
					echo "vulncheck: FAILED: neither vuln.go.dev nor $(VULNDB) on the Go module proxy can be reached, and CI=true"; \
					exit 1; \
				fi; \
				echo "vulncheck: *** SKIPPED: neither vuln.go.dev nor $(VULNDB) on the Go module proxy can be reached; no vulnerability was checked ***"; \
				exit 0; \
			fi; \
			rm -rf "$$db.tmp"; \
			$(GO) run ./cmd/twofold/internal/vulnindex -osv "$$src/data/osv" -out "$$db.tmp" -time $(VULNDB_TIME); \
			mv "$$db.tmp" "$$db"; \
		fi; \
		db=file://$$db; \
	fi; \
	failed=""; \
	echo "vulncheck: native build, database $$db"; \
	$(GOVULNCHECK_BIN) -db "$$db" ./... || failed="$$failed native"; \
	echo "vulncheck: GOOS=js GOARCH=wasm build, database $$db"; \
	GOOS=js GOARCH=wasm $(GOVULNCHECK_BIN) -db "$$db" ./... || failed="$$failed js/wasm"; \
	if [ -n "$$failed" ]; then echo "vulncheck: FAILED for the build(s):$$failed"; exit 1; fi

# test checks for vulnerabilities before the long tests, so that a finding
# (most often a standard library that needs a newer Go) fails in a minute.
test: vet vulncheck test-native test-wasm

## Benchmarks (figures go to BENCHMARKS.md with the command that made them)

bench: tools site
	$(GO) test -run '^$$' -bench . -benchtime 3x ./app/...
	PATH=$(BIN):$$PATH GOOS=js GOARCH=wasm $(GO) test -run '^$$' -bench . -benchtime 20x ./wasm/... 2>&1 | grep -v 'IPAddressSpace' ; exit $${PIPESTATUS[0]}
	TWOFOLD_SITE=$(SITE) $(GO) test -run '^$$' -bench . -benchtime 1x -timeout 30m ./cmd/twofold/e2e/

# make fuzz runs every fuzz target in the module, found by go test -list,
# for FUZZTIME each (BENCHMARKS.md, "Fuzzing campaign", records a longer
# campaign). A failure stops it, and go test leaves the input in the
# package's testdata/fuzz.
FUZZTIME ?= 20s
fuzz:
	@for pkg in $$($(GO) list -e -f '{{if or .TestGoFiles .XTestGoFiles}}{{.ImportPath}}{{end}}' ./...); do \
		for f in $$($(GO) test -list '^Fuzz' $$pkg | grep ^Fuzz); do \
			echo "$$pkg $$f"; \
			$(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
		done; \
	done

clean:
	rm -rf $(OUT)
