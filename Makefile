# Jangkau: `make run` (demo app) and `make test` (whole suite, headless). Every target bootstraps.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
UV_VERSION := 0.13.8
VENV := .venv
PY := $(VENV)/bin/python
QT_LIBS := libegl1 libgl1 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3 libxkbcommon0 libx11-6 libxcb1 fonts-dejavu-core
X11_LIBS := libx11-xcb1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-glx0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xkb1
TOOL_PKGS := python3-venv poppler-utils libcups2
export UV_COMPILE_BYTECODE := 1
export UV_LINK_MODE := copy

.PHONY: help bootstrap syscheck uv env build run test test-quick bench lint i18n clean

help:
	@echo "make run    - set up everything, start the desktop app in demo mode"
	@echo "make test   - set up everything, run the whole suite headless"
	@echo "make bench  - speed benchmarks (numbers and ratios)"
	@echo "make lint   - ruff check + format check + mypy (app packages + main.py)"

## --- bootstrap -------------------------------------------------------------------------------
syscheck:
	@missing=""; for p in $(QT_LIBS) $(TOOL_PKGS) $(if $(DISPLAY),$(X11_LIBS)); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo ">> installing system libraries:$$missing"; \
	    (apt-get install -y -q $$missing >/dev/null 2>&1 || (apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing >/dev/null)) \
	      || { echo "!! apt-get failed; run: sudo apt-get install -y$$missing"; exit 1; }; \
	  else \
	    echo "!! Qt needs system libraries that are missing. Run:"; \
	    echo "   sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

uv:
	@if command -v uv >/dev/null 2>&1; then :; \
	elif [ ! -x .bootstrap/bin/uv ]; then \
	  echo ">> installing uv $(UV_VERSION) into .bootstrap/"; \
	  $(PYTHON) -m venv .bootstrap && .bootstrap/bin/pip install -q "uv==$(UV_VERSION)"; \
	fi

UV = $(shell command -v uv 2>/dev/null || echo .bootstrap/bin/uv)

env: uv
	@$(UV) sync --locked --all-extras --quiet

build: env
	@$(PY) -m ui.i18n.build --quiet
	@$(PY) -m compileall -q -j 0 main.py core models sync printing ui server bench >/dev/null

bootstrap: syscheck env build

## --- the two commands -----------------------------------------------------------------------
run: bootstrap
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ] && [ "$$QT_QPA_PLATFORM" != "offscreen" ]; then \
	  echo "!! No display. Run under a desktop session or: xvfb-run -a make run"; exit 1; fi
	$(PY) main.py --demo

test: bootstrap
	@QT_QPA_PLATFORM=offscreen timeout 80m $(PY) -m tests.run_suite

test-quick: bootstrap
	@QT_QPA_PLATFORM=offscreen JANGKAU_QUICK=1 $(PY) -m tests.run_suite -x

bench: bootstrap
	@QT_QPA_PLATFORM=offscreen $(PY) -m bench

lint: env
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy core models sync printing server ui main.py

i18n: env
	$(PY) -m ui.i18n.build --update

clean:
	rm -rf .venv .bootstrap .demo .pytest_cache .ruff_cache
