SHELL := /bin/bash
# The course's commands. Every target creates .venv on first use.
#   make book       build the site into _build/html (every page executed, cached)
#   make test       the whole test suite (what CI runs)
#   make grade NB=exercises/01_parameters_vs_hyperparameters.ipynb
#   make exercises  regenerate exercises/ from solutions/
#   make sync       re-pair every .ipynb with its .md source
#   make bench      execution time per notebook, cold/warm build, one grading run
#   make serve      serve _build/html on http://localhost:8000

PYTHON ?= python3
VENV   := .venv
BIN    := $(CURDIR)/$(VENV)/bin
STAMP  := $(VENV)/.installed
export PATH := $(BIN):$(PATH)
export PYTHONHASHSEED := 0
export MPLBACKEND := agg
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: venv book test grade exercises sync bench serve clean

venv: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip 2>&1 | grep -v "is ignored" || true
	$(BIN)/python -m pip install --quiet -r requirements.txt 2>&1 | grep -v "is ignored"; \
	  test $${PIPESTATUS[0]:-0} -eq 0
	$(BIN)/python -c "import paramlab, sklearn, torch, jupyter_book, nbval"
	mkdir -p $(VENV)/etc/ipython
	printf "# Written by make: keep kernel start-up notices out of build and test logs.\nc.IPKernelApp.log_level = 'ERROR'\n" \
	  > $(VENV)/etc/ipython/ipython_kernel_config.py
	touch $(STAMP)

book: venv
	$(BIN)/jupyter-book build . -W -n --keep-going

test: venv
	$(BIN)/python -m pytest

grade: venv
	$(BIN)/paramlab grade $(or $(NB),exercises/*.ipynb)

exercises: venv
	$(BIN)/paramlab exercises
	$(BIN)/paramlab sync

sync: venv
	$(BIN)/paramlab sync

bench: venv
	$(BIN)/python -m paramlab.bench

serve: book
	$(BIN)/python -m http.server --directory _build/html 8000

clean:
	rm -rf _build
