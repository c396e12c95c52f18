# The two quick-start commands: `make demo` and `make test`.  Each creates its own
# virtual environment (.venv) with Python 3.11+ and installs what it needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
OUT    := out

.PHONY: demo test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	mkdir -p $(OUT)
	$(BIN)/eventwire run examples/ --db $(OUT)/demo.duckdb
	$(BIN)/eventwire export --db $(OUT)/demo.duckdb --format jsonl -o $(OUT)/incidents.jsonl
	$(BIN)/eventwire show --db $(OUT)/demo.duckdb

test: $(VENV)/.installed
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
