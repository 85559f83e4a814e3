# fazhi-lake: the two commands are `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test test-scaleout check compile compile-clean eval eval-real eval-real-record markup-check bench install browser clean duckdb-cli-check wheel-check compose-check fuzz kill-trials scaleout-kill

# pip prints one line per package it collects, downloads and installs: the first `make run`
# takes minutes, and a silent terminal looks hung.
$(STAMP): pyproject.toml
	@echo "installing fazhi-lake and its dependencies into $(VENV) (a few minutes the first time)"
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --progress-bar off --upgrade pip
	$(PY) -m pip install --progress-bar off -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## Run the main job on the bundled sample site: crawl, parse, gate, load, summary.
run: install
	$(VENV)/bin/fazhi run

## Run the whole test suite (installs Chromium for the dashboard test when missing).
test: install browser
	$(PY) -m pytest

## The scale-out fault trials (a Prefect server, crawl workers killed mid-shard, a cancelled run,
## fazhi finish): minutes each, so not part of `make test`.
test-scaleout: install
	$(PY) -m pytest -n 0 -m scaleout tests/orchestration

## ruff (lint and format), mypy over the package and flows/, and the tests.
check: install
	$(VENV)/bin/ruff check fazhi flows tests benchmarks
	$(VENV)/bin/ruff format --check fazhi flows tests benchmarks
	$(VENV)/bin/mypy fazhi flows
	$(PY) -m pytest

## Optional: build the extraction hot path (fazhi.extract.COMPILED_MODULES) as C extensions with
## mypyc into fazhi/extract/_compiled/ (about a minute of CPU). The Python files stay the source:
## the extensions are used only while built from them as they are, and FAZHI_PURE_PYTHON=1 turns
## them off; `fazhi version` says which runs. Not part of `make install`: see docs/extraction-speed.md.
compile: install
	$(PY) tools/compile_extract.py

compile-clean:
	$(PY) tools/compile_extract.py --clean

## Score the extractor against the gold set.
eval: install
	$(VENV)/bin/fazhi eval --gold eval/gold --docs eval/docs

## Score the extractor on the real labelled corpus outside the repository (not part of `make test`):
## the development part with every miss, the sealed part as totals with 95 % intervals only.
REAL ?= ../shared/real
REAL_EVAL = $(VENV)/bin/fazhi eval --gold $(REAL)/gold --docs $(REAL)/docs --split eval/real/split.csv
eval-real: install
	$(REAL_EVAL) --part dev
	$(REAL_EVAL) --part sealed --sealed

## The same, appending both parts' totals with the current commit to eval/real/HISTORY.md.
eval-real-record: install
	$(REAL_EVAL) --part dev --sealed --history eval/real/HISTORY.md
	$(REAL_EVAL) --part sealed --sealed --history eval/real/HISTORY.md

## Run the crawler's listing, article and block functions over saved real government pages
## outside the repository (not part of `make test`) and print what each page gave.
MARKUP ?= ../shared/markup
markup-check: install
	PYTHONPATH=. $(PY) tools/markup_check.py $(MARKUP)

## Benchmarks print figures; they are not pass/fail.
bench: install
	$(PY) -m benchmarks

## The hostile-input campaign: >= 2,000 generated bad documents of every format and a loopback
## site with every crawl fault; prints handled / crashed / over time / peak memory / good loaded.
COUNT ?= 2200
SEED ?= 13
fuzz: install
	$(PY) -m benchmarks.fuzz_campaign --count $(COUNT) --seed $(SEED)

## kill -9 a run at random points, then one plain `fazhi run`: does the warehouse hold everything?
TRIALS ?= 20
kill-trials: install
	$(PY) -m benchmarks.kill_trials --trials $(TRIALS)

## Scale-out with a lost worker: a Prefect server on 127.0.0.1, WORKERS `fazhi worker`s, SITES
## loopback report sites, a sharded crawl, `kill -9` of a crawl worker running a shard; prints how
## sharded-crawl ended, the retries it took, the seconds and the duplicates in the warehouse.
WORKERS ?= 3
SITES ?= 6
scaleout-kill: install
	$(PY) -m benchmarks.scaleout_kill --workers $(WORKERS) --sites $(SITES)

## The DuckDB CLI from PyPI (duckdb-cli, a dev dependency) opens the warehouse and reads a mart.
duckdb-cli-check: install
	$(VENV)/bin/duckdb -readonly warehouse/fazhi.duckdb -c "select count(*) as cells, version() from mart_best_value"

## Build the wheel, install it into a fresh venv, run the pipeline in an empty folder, query it,
## and register the deployments with a Prefect server: proves the package carries its SQL,
## suites, sample site and deploy/ folder (no checkout needed).
WHEEL_CHECK_DIR ?= $(shell mktemp -d -t fazhi-wheel-XXXXXX)
WHEEL_CHECK_PORT ?= 4297
wheel-check:
	@echo "wheel-check in $(WHEEL_CHECK_DIR)"
	$(PYTHON) -m venv $(WHEEL_CHECK_DIR)/venv
	$(WHEEL_CHECK_DIR)/venv/bin/pip wheel --progress-bar off --no-deps -w $(WHEEL_CHECK_DIR)/dist .
	$(WHEEL_CHECK_DIR)/venv/bin/pip install --progress-bar off $(WHEEL_CHECK_DIR)/dist/*.whl
	mkdir -p $(WHEEL_CHECK_DIR)/empty
	cd $(WHEEL_CHECK_DIR)/empty && $(WHEEL_CHECK_DIR)/venv/bin/fazhi run --data-dir data
	cd $(WHEEL_CHECK_DIR)/empty && $(WHEEL_CHECK_DIR)/venv/bin/fazhi sql --data-dir data \
	  "select count(*) as cells from mart_best_value" --format csv
	cd $(WHEEL_CHECK_DIR)/empty && $(WHEEL_CHECK_DIR)/venv/bin/fazhi search --data-dir data 法律援助 -n 1
	@# the deployment file is package data: register every deployment with a server, no checkout
	cd $(WHEEL_CHECK_DIR)/empty && { $(WHEEL_CHECK_DIR)/venv/bin/fazhi server --data-dir data \
	    --port $(WHEEL_CHECK_PORT) --no-ui & echo $$! > server.pid; } && \
	  $(WHEEL_CHECK_DIR)/venv/bin/python -c "from flows.server import wait_for_api; \
	    wait_for_api('http://127.0.0.1:$(WHEEL_CHECK_PORT)/api', timeout_s=300)" && \
	  $(WHEEL_CHECK_DIR)/venv/bin/fazhi serve --data-dir data --deploy-only \
	    --api-url http://127.0.0.1:$(WHEEL_CHECK_PORT)/api > deployed.txt; \
	  status=$$?; kill $$(cat server.pid); cat deployed.txt; test $$status -eq 0 && \
	  test $$(grep -c '^deployed ' deployed.txt) -eq 5

## Validate compose.yaml offline (docker compose v2, or Debian's docker-compose 1.29).
compose-check:
	docker compose config --quiet 2>/dev/null || docker-compose -f compose.yaml config --quiet

## Headless Chromium and a CJK font from Debian, for dashboard tests and screenshots.
browser:
	@command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi wqy || \
	  { (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-zenhei >/dev/null) \
	    || echo "warning: could not install chromium; browser tests will be skipped"; }

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache fazhi/extract/_compiled build/mypyc
