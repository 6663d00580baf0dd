# The two commands of the README: `make demo` and `make test`. Everything else serves them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

AXE_VERSION := 4.14.1
AXE := .browser/axe-core-$(AXE_VERSION)/axe.min.js

.PHONY: demo test install lint browser-deps clean openapi bench

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Links in feeds, sitemaps and structured data name the port the demo is served on.
demo: export SITE_URL ?= http://127.0.0.1:$(PORT)
demo: install
	mkdir -p var
	$(BIN)/shpalta migrate --noinput
	$(BIN)/shpalta collectstatic --noinput --verbosity 0
	$(BIN)/shpalta demo
	PORT=$(PORT) $(BIN)/shpalta serve --port $(PORT)

# Chromium for the browser tests comes from Debian's packages, never a download of its own;
# axe-core (the accessibility checker injected into pages) from the npm registry.
browser-deps: $(AXE)
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is missing: browser tests will be skipped (apt-get install chromium)"; fi; }

$(AXE):
	@command -v npm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; fi; }
	@if command -v npm >/dev/null 2>&1; then \
	  mkdir -p $(dir $(AXE)) && cd .browser && npm pack --silent axe-core@$(AXE_VERSION) >/dev/null && \
	  tar -xzf axe-core-$(AXE_VERSION).tgz -C axe-core-$(AXE_VERSION) --strip-components=1 package/axe.min.js && \
	  rm axe-core-$(AXE_VERSION).tgz || { rm -rf $(dir $(AXE)); \
	  echo "axe-core could not be fetched: the accessibility check will be skipped"; }; \
	else echo "npm is missing: the accessibility check will be skipped"; fi

test: install browser-deps
	$(BIN)/ruff check .
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The committed API schema; a test fails when it differs from what the API serves.
openapi: install
	$(BIN)/shpalta export_openapi_schema --api shpalta.api.api.api --indent 2 --output docs/openapi.json

# The page-cache benchmark (docs/benchmarks.md). Needs nginx and wrk (Debian packages),
# PostgreSQL and Redis; never part of `make test`.
bench: install
	$(BIN)/python bench/run.py --articles $${ARTICLES:-100000}

clean:
	rm -rf $(VENV) var staticfiles .browser artifacts
