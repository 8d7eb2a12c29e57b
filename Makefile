# The README's two commands: `make app` and `make test`. Both work from a fresh clone.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501

.PHONY: app test test-fast check install dev build lint typecheck imports wheel-check lock clean screenshots bench mutate

$(BIN)/python:
	@$(PYTHON) -c "import venv, ensurepip" 2>/dev/null || { \
	  echo "Python's venv module is missing: install it with 'apt-get install -y python3-venv'"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install --quiet -c constraints.txt -e .
	@touch $@

$(VENV)/.dev: $(VENV)/.runtime
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $@

install: $(VENV)/.runtime
dev: $(VENV)/.dev

build: install
	$(BIN)/regkg build

## make app: set up, build the graph, start the Streamlit app on 127.0.0.1:$(PORT)
## (app_launch.py: `streamlit run app.py` with the same options, imports done before it listens)
app: build
	$(BIN)/python -m app_launch --address 127.0.0.1 --port $(PORT)

## make test: set up with the dev extra, run the whole suite
test: dev
	$(BIN)/python -m pytest

## make test-fast: the inner loop (under a minute), without the tests marked browser, virtuoso,
## slow, imports, processes or app
test-fast: dev
	$(BIN)/python -m pytest -m "not browser and not virtuoso and not slow and not imports and not processes and not app"

## make check: the gates CI runs before the tests (lint, format, types over graph, pages, app,
## the import contract of docs/architecture.md)
check: lint typecheck imports

## make imports: the layers contract ([tool.importlinter] in pyproject.toml) and no import cycles
imports: dev
	$(BIN)/lint-imports

## make screenshots: the README's screenshots, from the app on the built store (needs chromium)
screenshots: dev build
	$(BIN)/python scripts/screenshots.py

## make mutate: mutation testing (mutmut) of the modules that decide numbers and safety, each
## with its focused tests ([tool.mutmut] in pyproject.toml); prints the share of surviving
## mutants per module. Not part of `make test`. Browse survivors: $(BIN)/mutmut browse
## (about 2,000 mutants: some 25 minutes with one child; MUTATE_CHILDREN=2 on an idle machine)
MUTATE_CHILDREN ?= 1
mutate: dev
	rm -rf mutants
	PYTHONPATH=. $(BIN)/mutmut run --max-children $(MUTATE_CHILDREN)
	$(BIN)/python scripts/mutation_score.py

lint: dev
	$(BIN)/ruff check graph tests app.py app_launch.py pages scripts benchmarks
	$(BIN)/ruff format --check graph tests app.py app_launch.py pages scripts benchmarks

## mypy's files (graph, pages, app.py, app_launch.py) are listed in pyproject.toml
typecheck: dev
	$(BIN)/mypy

## make wheel-check: build the wheel, install it into a fresh venv, build/query/export elsewhere
wheel-check: dev
	$(BIN)/python -m pytest -m slow tests/test_wheel.py

## make lock: regenerate constraints.txt from a fresh environment
lock:
	rm -rf /tmp/regkg-lock && $(PYTHON) -m venv /tmp/regkg-lock
	/tmp/regkg-lock/bin/pip install --quiet -e '.[dev]'
	(echo "# Pinned versions for every machine: make installs with 'pip install -c constraints.txt'."; \
	 echo "# Regenerate: make lock"; /tmp/regkg-lock/bin/pip freeze --exclude-editable) > constraints.txt

clean:
	rm -rf $(VENV) .regkg snapshots

## make bench: time our store against plain rdflib at 1k / 10k / 100k synthetic actions; prints
## one table and writes benchmarks/results/latest.json (quick run: make bench BENCH_SIZES=1000)
.PHONY: bench
BENCH_SIZES ?= 1000 10000 100000
bench: install
	$(BIN)/python -m benchmarks.run --sizes $(BENCH_SIZES)

## make bench-endpoint: `regkg serve` against rdflib-endpoint serving the same synthetic world at
## 1, 5 and 20 concurrent clients; prints a table with ratios and writes
## benchmarks/results/endpoint-latest.json (quick run: make bench-endpoint BENCH_SIZES=1000)
.PHONY: bench-endpoint
bench-endpoint: dev
	$(BIN)/python -m benchmarks.endpoint_bench --sizes $(BENCH_SIZES)
