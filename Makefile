# The two commands a newcomer needs:
#   make demo   create .venv, install wuxing, run `wuxing demo`
#   make test   create .venv, install wuxing with its test, docs and dev extras, run every check
# And a long fuzzing campaign (N broken documents, figures printed):
#   make fuzz N=20000
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HYPOTHESIS_PROFILE ?= ci
export HYPOTHESIS_PROFILE

.PHONY: demo test venv install-dev lint typecheck pytest docs examples fuzz clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

venv: $(BIN)/python

demo: venv
	$(BIN)/python -m pip install --quiet .
	$(BIN)/wuxing demo

install-dev: venv
	$(BIN)/python -m pip install --quiet -e '.[test,docs,dev]'

lint: install-dev
	$(BIN)/ruff check src tests examples benchmarks docs
	$(BIN)/ruff format --check src tests examples benchmarks docs

typecheck: install-dev
	$(BIN)/mypy --strict src

pytest: install-dev
	$(BIN)/pytest

docs: install-dev
	$(BIN)/sphinx-build -W --keep-going -q -b html docs docs/_build/html

examples: install-dev
	@set -e; for script in examples/*.py; do \
		echo "== $$script"; \
		$(BIN)/python $$script > /dev/null; \
	done

N ?= 20000
fuzz: install-dev
	cd tests && $(abspath $(BIN))/python fuzz_campaign.py $(N)

test: lint typecheck pytest docs examples
	@echo "All checks passed."

clean:
	rm -rf $(VENV) docs/_build build src/*.egg-info
