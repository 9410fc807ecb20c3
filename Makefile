# The README's two commands are `make example` and `make test`; everything else is a helper of theirs.
SWIFT ?= swift
VENV := .venv-interop
PY := $(VENV)/bin/python
AHSCT := .build/debug/ahsct
NOW ?= 2026-11-22

.PHONY: deps venv build example test unit interop bench-ics clean

deps:
	@bash scripts/install-deps.sh

$(PY): Tests/Interop/requirements.txt | deps
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -r Tests/Interop/requirements.txt
	@touch $(PY)

venv: $(PY)

build: deps
	$(SWIFT) build --product ahsct

# The main job on the example in calendars/: write the sample calendar, then check it as a planner would.
example: build
	$(AHSCT) ics sample --out calendars/sample.ics --now $(NOW)
	$(AHSCT) ics check calendars/sample.ics

# The whole suite: Swift tests, then the third-party interop checks.
test: unit interop

unit: deps
	$(SWIFT) test

interop: build venv
	$(PY) Tests/Interop/holidays_check.py --ahsct $(AHSCT) --from-year 1990 --to-year 2100
	$(PY) Tests/Interop/interop.py --ahsct $(AHSCT) --self-test

# 100,000 events: our Swift writer against libical from C and Python icalendar, in one run.
bench-ics: deps
	bash Benchmarks/run-ics.sh

clean:
	rm -rf .build .build-bench $(VENV)
