# Two commands do all set-up on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MODEL := models/current/model.json
# Tests prove the library needs no downloaded NLTK data.
EMPTY_NLTK := $(VENV)/empty-nltk-data

.PHONY: install serve test model bench bench-http clean

$(STAMP): setup.cfg pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[test]'
	mkdir -p $(EMPTY_NLTK)
	touch $(STAMP)

install: $(STAMP)

# A first model for `make serve`: the chosen configuration without the comparison (about a minute).
$(MODEL): | $(STAMP)
	$(BIN)/stance-train --quick

model: $(STAMP)
	$(BIN)/stance-train

serve: $(STAMP) $(MODEL)
	$(BIN)/stance-serve

test: $(STAMP)
	NLTK_DATA=$(EMPTY_NLTK) $(BIN)/python -m pytest -q

bench: $(STAMP) $(MODEL)
	$(BIN)/python benchmarks/bench_predict.py

bench-http: $(STAMP) $(MODEL)
	$(BIN)/python benchmarks/bench_http.py

clean:
	rm -rf $(VENV) build *.egg-info
