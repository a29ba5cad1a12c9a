# The two commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DOCS_STAMP := $(VENV)/.docs-installed

.PHONY: venv demo test lint docs unit functional test-releases bench request-table cloud-down clean

venv: $(STAMP)

# Byte-compiled, whatever PYTHONDONTWRITEBYTECODE says (pip leaves alone what an
# earlier install left uncompiled, and never compiles an editable package):
# without .pyc files every `openstack` run compiles OSC and osc-trove from
# source, 2-4 times the CPU of a `pip install .` venv.
COMPILE = $(BIN)/python -m compileall -q -j 0 osc_trove \
	"$$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_path("purelib"))')"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	$(COMPILE)
	touch $@

demo: venv
	$(BIN)/python tools/local-cloud up
	tools/demo

# Four pytest workers on two cores (one test file each at a time): functional
# tests mostly wait on the local cloud, so more files wait at once. The
# workers share one cloud, stopped here at the end
# unless it was running before. What takes minutes from nothing starts in the
# background first, while .venv is built, linted and the docs built: a cloud
# that is not up (its own virtualenv), and the virtualenvs of the coexistence
# and wheel tests (tests/side_venvs.py); the tests' fixtures wait on their locks.
test:
	@if $(PYTHON) tools/local-cloud status >/dev/null 2>&1; then was_up=1; \
	else $(PYTHON) tools/local-cloud up >/dev/null 2>&1 & fi; \
	$(PYTHON) -m tests.side_venvs >/dev/null 2>&1 & \
	$(MAKE) --no-print-directory venv lint docs && $(BIN)/pytest -n 4 --dist loadfile --durations=30; rc=$$?; \
	wait; \
	if [ -z "$$was_up" ]; then $(PYTHON) tools/local-cloud down >/dev/null 2>&1; fi; \
	exit $$rc

lint: venv
	$(BIN)/ruff check .
	$(BIN)/mypy osc_trove/api

# HTML into doc/build/html; -E re-reads every page so no warning hides in a
# cached one, -W makes warnings errors.
docs: $(DOCS_STAMP)
	$(BIN)/sphinx-build -E -W --keep-going -q -b html doc/source doc/build/html

$(DOCS_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test,docs]'
	$(COMPILE)
	touch $@

unit: venv
	$(BIN)/pytest tests/unit

functional: venv
	$(BIN)/pytest tests/functional

# One life cycle per command family on each Trove release, each on its own
# local cloud, written to docs/trove-releases.md (tools/release-smoke; all six
# releases, or RELEASES="21.1.0 24.1.0" for some: only their rows change). Not
# part of `test`: each release's first run installs a venv of ~300 MB for
# 1.5-4 min; installed, a release takes about a minute.
test-releases: venv
	$(BIN)/python tools/release-smoke $(RELEASES)

bench: venv
	$(BIN)/python bench/bench.py
	$(BIN)/python bench/body_size.py

# Requests each `openstack` run of the unit tests sends, here against BASE (a
# revision): exit 1 when any sends more (tools/request-table).
request-table: venv
	$(BIN)/python tools/request-table $(BASE)

cloud-down:
	$(PYTHON) tools/local-cloud down

# Every release's cloud is stopped before its directory (venv included) goes.
clean: cloud-down
	for dir in .local-cloud-*; do \
	  if [ -d "$$dir" ]; then $(PYTHON) tools/local-cloud --trove "$${dir#.local-cloud-}" down || true; fi; \
	done
	rm -rf $(VENV) .local-cloud .local-cloud-* doc/build
