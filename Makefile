# `make demo` builds the site and renders a sample report; `make test` runs every check.
# Both install what they need first (system packages with apt-get, Python packages in .venv).
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1

.PHONY: demo test setup system-packages site report lint check bench clean

demo: setup
	$(BIN)/prep check
	$(BIN)/mkdocs build --strict --site-dir site
	@echo "site built in site/ (open site/index.html, or run: $(BIN)/mkdocs serve)"
	@mkdir -p out
	$(BIN)/prep report --company netflix --role product-manager \
		--resume examples/strong-pm/resume.pdf --jd examples/strong-pm/job.txt \
		--name "Jordan Rivera" --out out/demo-report.pdf --analysis-out out/demo-analysis.json

test: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

setup: system-packages $(VENV)/.installed

system-packages:
	@scripts/install-system-packages.sh

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

bench: setup
	$(BIN)/python bench/site.py
	$(BIN)/python bench/report.py

clean:
	rm -rf site out build *.egg-info
