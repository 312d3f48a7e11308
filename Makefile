# `make demo` builds the site and renders a sample report; `make test` runs every check.
# Both install what they need first (system packages with apt-get, Python packages in .venv).
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= python3
NODE_TOOLS := tests/node/node_modules/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: demo test setup system-packages bench clean

demo: setup
	$(BIN)/prep check
	$(BIN)/mkdocs build --strict --site-dir site
	@echo "site built in site/ (open site/index.html, or run: $(BIN)/prep serve)"
	@mkdir -p out
	$(BIN)/prep report --company netflix --role product-manager \
		--resume examples/strong-pm/resume.pdf --jd examples/strong-pm/job.txt \
		--name "Jordan Rivera" --out out/demo-report.pdf --analysis-out out/demo-analysis.json

test: setup $(NODE_TOOLS)
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

# axe-core and the Nu HTML Checker, pinned by tests/node/package-lock.json.
$(NODE_TOOLS): tests/node/package.json tests/node/package-lock.json
	npm ci --prefix tests/node --no-audit --no-fund --loglevel=error
	touch $@

bench: setup
	$(BIN)/python bench/site.py
	$(BIN)/python bench/report.py

clean:
	rm -rf site out build *.egg-info
