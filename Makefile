# Two commands: `make run` (install, demo data, serve on 127.0.0.1:8000 with a task worker)
# and `make test` (install, run the whole suite; PostgreSQL when DATABASE_URL is set, SQLite otherwise).
# The Makefile is the developer's door: debug on unless the caller says otherwise (production never uses it).
export DJANGO_DEBUG ?= true
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Two test processes (pytest-xdist): the machines have two cores. `make test PYTEST_ARGS=` runs in one.
PYTEST_ARGS ?= -n 2

.PHONY: install run test lint format messages clean

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --upgrade pip
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -c requirements.lock -e ".[dev]"
	touch $@

install: $(VENV)/.installed

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	TASK_BACKEND=db $(PY) manage.py db_worker --interval 1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	TASK_BACKEND=db $(PY) manage.py runserver $(HOST):$(PORT)

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	DATABASE_URL= $(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: install
	$(PY) manage.py makemessages --locale en --ignore ".venv/*" --ignore "bench/*" --ignore "tests/*" --no-obsolete
	$(PY) manage.py compilemessages --locale en --ignore ".venv/*"

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
