# paralign: the two commands a new user runs are `make demo` and `make test`.
#
# Every target installs what it needs into .venv first, and is quick when that is
# already done (stamp files in .venv remember each install; editing pyproject.toml
# redoes it). torch is installed only for the test extra, and always as
# torch==2.13.0 (a CPU build) BEFORE sentence-transformers, which would otherwise
# pull a multi-GB CUDA build; the default install needs no torch.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
TORCH := torch==2.13.0
# the sample pair: seed 001, a Spanish original and its English translation in one raw
# archival transcription (letterheads, page numbers, words broken across pages and all)
DEMO_DOC := texts/1962-12-02_mikoyan-kennedy-conversations
DEMO_DIR := out/1962-12-02_mikoyan-kennedy
# the demo's commands, with $(PARALIGN) the command to run (tests/test_readme_and_demo.py runs the same)
PARALIGN ?= $(VENV)/bin/paralign

.PHONY: help install install-test demo demo-run test lint fuzz clean

help:
	@echo "make install       create .venv and install paralign (no torch)"
	@echo "make demo          install, align seed 001's raw transcription to TEI (cleaned,"
	@echo "                   languages detected), review its translation, and build the TEI"
	@echo "                   of every document of the corpus in texts/ into out/corpus/"
	@echo "make install-test  install $(TORCH) (CPU), then paralign with its test extra"
	@echo "make test          install-test, then run pytest and ruff"
	@echo "make fuzz          install-test, then fuzz every reader of untrusted input with"
	@echo "                   FUZZ_EXAMPLES inputs each (default $(FUZZ_EXAMPLES)); prints inputs tried"
	@echo "                   and failures per reader (docs/robustness.md)"

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PIP) install --quiet $(TORCH)
	$(PIP) install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test
	@bash scripts/install-browser.sh

demo: install demo-run

demo-run:
	$(PARALIGN) align $(DEMO_DOC)/transcription.txt -o $(DEMO_DIR)/aligned.tei.xml
	$(PARALIGN) review $(DEMO_DOC)/transcription.txt -o $(DEMO_DIR)/review.html
	$(PARALIGN) batch --corpus texts -o out/corpus

test: install-test
	$(PY) -m pytest -q
	$(MAKE) --no-print-directory lint

# examples per reader for `make fuzz` (make fuzz FUZZ_EXAMPLES=20000 for a night)
FUZZ_EXAMPLES ?= 2000

fuzz: install-test
	PARALIGN_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest -q -s tests/test_fuzz.py

lint: install-test
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench

clean:
	rm -rf out .pytest_cache .ruff_cache .hypothesis build dist
