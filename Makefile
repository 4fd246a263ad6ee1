# Every target bootstraps .venv from requirements.lock on first use (or when the lock changes).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
A11Y_PORT ?= 8765
# Reproducible builds: dates in generated files come from the last commit, not the clock.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 315532800)
export SOURCE_DATE_EPOCH
export NO_MKDOCS_2_WARNING := 1

.PHONY: build publish offline bytecode serve test lint bench validate a11y zensical mutation clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

# Editable installs get no bytecode from pip, and PYTHONDONTWRITEBYTECODE may be set: compile the
# package once so each build does not recompile it from source.
bytecode: $(STAMP)
	$(BIN)/python -m compileall -q macros

# The offline copy of the whole site (Material's offline plugin: file URLs, search from disk),
# zipped reproducibly into $(OFFLINE_ZIP), for plants without internet access.
OFFLINE_ZIP := build/smm-guide-offline.zip
offline: bytecode
	rm -rf build/offline
	OFFLINE=true $(BIN)/mkdocs build --strict --quiet --site-dir build/offline/smm-guide
	$(BIN)/python -m macros.site.offline build/offline/smm-guide $(OFFLINE_ZIP)

# One MkDocs build into a fresh folder, swapped in only on success: a failed build leaves
# $(SITE_DIR) as it was. Its Downloads page offers the offline copy only when SMM_GUIDE_OFFLINE_ZIP
# names one (make publish), and says plainly when it does not.
SITE_DIR ?= site
build: bytecode
	rm -rf $(SITE_DIR).tmp
	$(BIN)/mkdocs build --strict --quiet --site-dir $(SITE_DIR).tmp
	rm -rf $(SITE_DIR).old && if [ -d $(SITE_DIR) ]; then mv $(SITE_DIR) $(SITE_DIR).old; fi
	mv $(SITE_DIR).tmp $(SITE_DIR) && rm -rf $(SITE_DIR).old

# The site as published (CI, the Pages workflow): the offline copy first, then the site offering it.
publish: offline
	SMM_GUIDE_OFFLINE_ZIP=$(OFFLINE_ZIP) $(MAKE) --no-print-directory build

SERVE_ADDR ?= 127.0.0.1:8000
serve: $(STAMP)
	$(BIN)/mkdocs serve --dirty --dev-addr $(SERVE_ADDR)

validate: $(STAMP)
	$(BIN)/smm-guide validate data

lint: $(STAMP)
	$(BIN)/ruff check macros tests tools
	$(BIN)/ruff format --check macros tests tools
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

# Two pytest-xdist workers, one test module at a time each; modules that share a build run on one
# worker, the slowest first (tests/support/parallel.py). A plain `.venv/bin/pytest` runs them in one process.
test: $(STAMP) lint
	$(BIN)/pytest -n 2 --dist loadfile

bench: bytecode
	$(BIN)/python -m tools.bench

# Accessibility audit of the built site with axe-core in headless Chromium (Debian's chromium,
# Node.js and npm needed; not part of `make test`, which must run on a machine without a browser).
a11y: build
	cd tests/js && npm install --no-save --no-audit --no-fund --silent
	$(BIN)/python -m http.server $(A11Y_PORT) --bind 127.0.0.1 --directory site >/dev/null 2>&1 & \
	  server=$$!; sleep 1; kill -0 $$server || { echo "a11y: port $(A11Y_PORT) is taken"; exit 1; }; \
	  node tests/js/axe.js http://127.0.0.1:$(A11Y_PORT)/ site; status=$$?; kill $$server; exit $$status

# The generated Markdown tree built by Zensical, the successor of Material for MkDocs, into
# build/zensical/site: our tested way off Material. Its own venv and lock, apart from the main ones.
ZENSICAL := .venv-zensical
$(ZENSICAL)/.installed: requirements-zensical.lock
	$(PYTHON) -m venv $(ZENSICAL)
	$(ZENSICAL)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-zensical.lock
	touch $@

zensical: $(STAMP) $(ZENSICAL)/.installed
	$(BIN)/python -m macros.site.engines build/zensical
	cd build/zensical && ../../$(ZENSICAL)/bin/zensical build

# Mutation testing (tools/mutation.py, mutmut configured in pyproject.toml): the score and every
# surviving mutant with file and line, in build/mutation-report.txt. Not part of `make test`: it
# runs the tests once per mutant. Its own venv, as mutmut needs a newer click than the lock's.
# Results are kept in mutants/; MUTATE=macros/x.py tests one module's mutants not killed yet;
# MUTATION_ARGS=--survivors retests only the last run's survivors; MUTATION_ARGS=--jobs 2 uses two cores.
MUTATION := .venv-mutation
MUTATE ?=
MUTATION_ARGS ?=
$(MUTATION)/.installed: requirements.lock requirements-mutation.lock
	$(PYTHON) -m venv $(MUTATION)
	$(MUTATION)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(MUTATION)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-mutation.lock
	$(MUTATION)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

mutation: $(MUTATION)/.installed
	nice -n 15 $(MUTATION)/bin/python -m tools.mutation --fail-under 0.9 $(MUTATION_ARGS) $(MUTATE)

clean:
	rm -rf site site.tmp site.old build/zensical build/offline $(OFFLINE_ZIP) mutants
