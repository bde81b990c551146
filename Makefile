# Two commands for a fresh machine with Python 3.11 and make: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
DEV_SECRET := var/dev-secret-key
# make run is a local demo: debug pages, demo accounts, and a secret generated once for this checkout.
RUN_ENV = DEBUG=true DEMO_MODE=true SECRET_KEY="$$(cat $(DEV_SECRET))" SITE_URL=http://127.0.0.1:$(PORT)

.PHONY: run test install lint messages compile-messages bench-pages

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found; set PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $@

install: $(VENV)/.installed

$(DEV_SECRET): | $(BIN)/python
	@mkdir -p var
	@$(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $@

run: install $(DEV_SECRET)
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py load_demo
	@echo ""
	@echo "  Reader site:  http://127.0.0.1:$(PORT)/"
	@echo "  Admin:        http://127.0.0.1:$(PORT)/admin/"
	@echo "  Demo logins:  editor / demo-editor   moderator / demo-moderator   translator / demo-translator"
	@echo "                admin / demo-admin (superuser)"
	@echo ""
	$(RUN_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The static checks run first: a lint error or a missing migration fails the run before the slow tests.
test: lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	SECRET_KEY=lint $(BIN)/python manage.py check
	SECRET_KEY=lint $(BIN)/python manage.py makemigrations --check --dry-run

# Regenerates the catalogs from the code and templates (needs GNU gettext); translators then fill in the new
# entries, and `make compile-messages` writes the .mo files that are committed beside them.
messages: install
	SECRET_KEY=messages $(BIN)/python manage.py makemessages --all --no-obsolete \
	  --ignore=.venv --ignore=node_modules --ignore=var --ignore=bench --ignore=tests

compile-messages: install
	SECRET_KEY=messages $(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules

# Page throughput (bench/README.md): needs PostgreSQL, Redis, varnishd, nginx and wrk; takes about five minutes.
bench-pages: install
	$(BIN)/python bench/pages.py
