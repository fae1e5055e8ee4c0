# One command per task, the same locally and in CI.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck bench eval clean install browser faults faults-quick fuzz

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/guichet serve

# Debian's chromium for the browser tests: installed when this user can, else the command to run.
browser:
	@bash tests/setup/ensure-chromium

test: $(STAMP) browser
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/guichet bench $(BENCH_ARGS)

# Fault injection against the real processes (kills, Postgres restarts, model failures):
# figures as counts, exit 1 when a case is lost, stuck or duplicated, on a 500, or a dead worker.
faults: $(STAMP)
	$(BIN)/guichet faults $(FAULTS_ARGS)

faults-quick: $(STAMP)
	$(BIN)/guichet faults --quick $(FAULTS_ARGS)

# The public dataset, then the held-out one (written apart from the model, never tuned on):
# each fails below its own line of evals/thresholds.json.
eval: $(STAMP)
	$(BIN)/guichet eval --dataset evals/datasets/core.jsonl --model offline --report evals/reports --parallel 4
	$(BIN)/guichet eval --dataset evals/datasets/field.jsonl --model offline --report evals/reports/field --parallel 4
	$(BIN)/guichet eval --dataset evals/datasets/field2.jsonl --model offline --report evals/reports/field2 --parallel 4

# Schemathesis at length against a server of its own (a fresh embedded Postgres): at least
# 10 000 generated requests as a citizen, an officer and an auditor; prints the count of 5xx
# responses and of schema violations, exit 1 when either is not zero. FUZZ_ARGS=--seed 1 ...
fuzz: $(STAMP)
	$(BIN)/python -m evals.fuzz $(FUZZ_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) .guichet .pytest_cache .mypy_cache .ruff_cache

# Scale-out rehearsal: Postgres, 2 APIs and 3 workers on network namespaces, one worker cut
# off (root and iproute2). SCALEOUT_ARGS=--quick for the short run the test does.
.PHONY: scaleout
scaleout: $(STAMP)
	$(BIN)/guichet scaleout $(SCALEOUT_ARGS)
