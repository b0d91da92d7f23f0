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

.PHONY: demo test venv install-dev browser lint typecheck pytest docs examples fuzz mutation clean

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

# The browser tests print the candidate list and the notice in Debian's headless Chromium.
# Installed here when missing (as root with apt-get, as on CI); elsewhere install the packages
# chromium, chromium-driver and fonts-noto-cjk yourself. Under CI a missing browser fails.
BROWSER_PACKAGES := chromium chromium-driver fonts-noto-cjk
browser:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null \
		&& fc-list 2>/dev/null | grep -q "CJK"; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "== installing $(BROWSER_PACKAGES)"; \
		DEBIAN_FRONTEND=noninteractive apt-get update -qq \
		&& DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
			$(BROWSER_PACKAGES) >/dev/null; \
	else \
		echo "note: install $(BROWSER_PACKAGES) to run the browser tests"; \
	fi

# As root, `browser` can install what the browser tests need, so there they must run: a
# missing browser then fails them instead of skipping them.
REQUIRE_BROWSER := $(shell [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && echo 1)

pytest: install-dev browser
	WUXING_REQUIRE_BROWSER=$(REQUIRE_BROWSER) $(BIN)/pytest

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

# Not part of `make test`: change the evaluation one small way at a time and count how many
# of the changes the tests notice, per module (about an hour on two cores; docs/testing.md).
mutation: install-dev
	$(BIN)/python tools/mutation.py --jobs 2

clean:
	rm -rf $(VENV) docs/_build build src/*.egg-info
