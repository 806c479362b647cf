# jamlik: the two commands in the README. `make help` lists every target.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: help briefing test bench bench-lan lint clean system-deps

help: ## visa alla mål
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

briefing: $(VENV)/.installed ## installera och gör Karlskogas briefing från medföljande data (ingen internet behövs)
	$(BIN)/jamlik run --kommun 1883

test: $(VENV)/.installed-test ## installera testverktygen och kör alla tester
	$(BIN)/python -m pytest

bench: $(VENV)/.installed ## mät tiden för en briefing, steg för steg
	$(BIN)/python bench/briefing.py

bench-lan: $(VENV)/.installed ## prognos för alla 290 kommuner från två riktiga län-körningar (en kvart)
	$(BIN)/python bench/lan_fit.py

lint: $(VENV)/.installed-test ## kontrollera kodstilen med ruff
	$(BIN)/ruff check lib tests bench tools notebooks

system-deps: ## installera systempaket (Pango, typsnitt, poppler) om de saknas
	bash tools/system-deps.sh

$(VENV)/.installed: pyproject.toml | system-deps
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	# an editable install skips the wheel's data files: JupyterLab's export menu extension (jupyter_menu)
	install -D -m 644 jupyter-config/jupyter_server_config.d/jamlik.json \
		$(VENV)/etc/jupyter/jupyter_server_config.d/jamlik.json
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

clean: ## ta bort genererade filer (outputs/) men behåll datalagret
	find outputs -mindepth 1 ! -name README.md -delete
