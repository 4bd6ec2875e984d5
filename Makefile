# Pnyx — the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
PORT ?= 8000
UV_VERSION := 0.13.9
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.pnyx-installed
PYTEST_ARGS ?=

export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: run test install lint types layering check bench messages clean

$(BIN)/uv:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(STAMP): $(BIN)/uv pyproject.toml uv.lock $(wildcard src/pnyx/*/locale/*/LC_MESSAGES/django.po)
	$(BIN)/uv sync --frozen --inexact --quiet
	$(BIN)/pnyx compilemessages --ignore=.venv --verbosity 0
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/pnyx migrate --noinput --verbosity 0
	$(BIN)/pnyx demo --if-empty
	$(BIN)/pnyx serve --port $(PORT)

test: $(STAMP)
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/djlint --lint src/pnyx --extension html --quiet

types: $(STAMP)
	$(BIN)/mypy
	$(BIN)/mypy bench

layering: $(STAMP)
	$(BIN)/lint-imports

check: $(STAMP)
	$(BIN)/pnyx makemigrations --check --dry-run
	PNYX_ENV=production SECRET_KEY=ci-only-$$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n') \
	  ALLOWED_HOSTS=pnyx.example DATABASE_URL=sqlite:///$$(mktemp -d)/check.sqlite3 \
	  $(BIN)/pnyx check --deploy --fail-level WARNING

bench: $(STAMP)
	$(BIN)/python bench/run.py

messages: $(STAMP)
	cd src/pnyx && ../../$(BIN)/pnyx makemessages --locale fr --locale es --no-obsolete --no-location --ignore 'migrations/*'
	$(BIN)/pnyx compilemessages --ignore=.venv --verbosity 0

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
