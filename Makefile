# The two commands a newcomer needs:
#   make demo   create .venv, install wuxing, run `wuxing demo`
#   make test   create .venv, install wuxing with its test, docs and dev extras, run every check
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HYPOTHESIS_PROFILE ?= ci
export HYPOTHESIS_PROFILE

.PHONY: demo test venv install-dev lint typecheck pytest docs examples mutation clean

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
	$(BIN)/ruff check src tests examples benchmarks docs tools
	$(BIN)/ruff format --check src tests examples benchmarks docs tools

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

test: lint typecheck pytest docs examples
	@echo "All checks passed."

# Not part of `make test`: change the evaluation one small way at a time and count how many
# of the changes the tests notice, per module (about an hour on two cores; docs/testing.md).
mutation: install-dev
	$(BIN)/python tools/mutation.py --jobs 2

clean:
	rm -rf $(VENV) docs/_build build src/*.egg-info
