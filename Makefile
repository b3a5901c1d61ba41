# The two commands of README.md: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1

.PHONY: demo test lint messages system-packages

$(VENV)/.installed: requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.lock
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	touch $@

demo: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py load_demo
	@echo
	@echo "Adisker: http://$(HOST):$(PORT)/   (stop with Ctrl+C)"
	$(PY) manage.py runserver $(HOST):$(PORT)

# Debian's chromium for the browser tests, gettext for the catalogue checks: installed when
# missing and we are root; otherwise the browser tests are skipped and say why.
system-packages:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	if [ -n "$$missing" ] && [ "$$(id -u)" = 0 ]; then \
		echo "Installing$$missing from Debian"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	elif [ -n "$$missing" ]; then \
		echo "Not root: cannot install$$missing; the tests that need them are skipped."; \
	fi

test: $(VENV)/.installed-dev system-packages
	@$(PY) -m pytest $(PYTEST_ARGS); code=$$?; \
	if [ $$code -eq 5 ]; then echo "pytest collected no tests: that is a failure" >&2; fi; \
	exit $$code

# mypy holds the bottom layer, the shared core, the access rules and the services to strict
# typing (pyproject.toml), and counts what the rest still has.
TYPED := adisker/lib adisker/core $(wildcard adisker/*/access.py adisker/*/services.py)

lint: $(VENV)/.installed-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy --follow-imports=silent $(TYPED)
	@$(PY) -m mypy adisker | tail -1 | sed 's/^/the whole package: /' || true

# Re-extract the strings after changing any; then translate kk and ru and run it again.
messages: $(VENV)/.installed
	$(PY) manage.py makemessages -l kk -l ru -l en --no-obsolete --no-location
	$(PY) manage.py compilemessages -v0
