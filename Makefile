SHELL := /bin/bash
# The course's commands. Every target creates .venv on first use.
#   make book       build the site into _build/html (every page executed, cached)
#   make test       the whole test suite (what CI runs)
#   make grade NB=exercises/01_parameters_vs_hyperparameters.ipynb
#   make exercises  regenerate exercises/ from solutions/
#   make sync       re-pair every .ipynb with its .md source
#   make bench      execution time per notebook, cold/warm build, one grading run
#   make serve      serve _build/html on http://localhost:8000
#   make site-test  browser tests of the built site in headless Chromium (installs Debian's chromium if missing)

PYTHON ?= python3
VENV   := .venv
BIN    := $(CURDIR)/$(VENV)/bin
STAMP  := $(VENV)/.installed
export PATH := $(BIN):$(PATH)
export PYTHONHASHSEED := 0
# One BLAS/OpenMP thread per process: on a 2-core machine tiny fits are 3-10x slower when
# threads contend (measured on chapter 12: 20.5 s -> 9.0 s). Kernels inherit this.
export OMP_NUM_THREADS := 1
export OPENBLAS_NUM_THREADS := 1
export MKL_NUM_THREADS := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: venv book test grade exercises sync bench serve clean site-test

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

# Offline site assets: MathJax copied from the venv (django-static-mathjax) into site/_static.
ASSETS := site/_static/mathjax/VERSION
$(ASSETS): $(STAMP) site/install_assets.py
	$(BIN)/python site/install_assets.py

book: venv $(ASSETS)
	$(BIN)/python -m paramlab.prebuild   # execute uncached pages two at a time into the cache
	$(BIN)/jupyter-book build . -W -n --keep-going

test: venv $(ASSETS)
	$(BIN)/python -m paramlab.prebuild
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

site-test: book
	test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)
	$(BIN)/python -m pytest tests/site

serve: book
	$(BIN)/python -m http.server --directory _build/html 8000

clean:
	rm -rf _build
