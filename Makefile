# The README's two commands are `make example` and `make test`; everything else is a helper of theirs.
SWIFT ?= swift
VENV := .venv-interop
PY := $(VENV)/bin/python
AHSCT := .build/debug/ahsct
NOW ?= 2026-11-22

.PHONY: deps venv build example test unit interop browser bench-ics bench-plan bench-capacity bench-report bench-schedule bench-risk bench-record bench-serve bench-console fuzz sanitize clean

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

# The main job on the example in calendars/: check the imported closures, then plan the example cohort
# (a readable timeline on the terminal; Markdown and JSON beside the cohort), and write the calendars people import:
# calendars/patients/<pseudonym>.ics, calendars/ward.ics, calendars/staff/<role>.ics.
example: build
	$(AHSCT) ics check calendars/example/closures.ics
	$(AHSCT) ics check calendars/example/absences.ics
	$(AHSCT) plan calendars/cohort.yaml --now $(NOW) --format markdown --out calendars/plan.md
	$(AHSCT) plan calendars/cohort.yaml --now $(NOW) --format json --out calendars/plan.json
	$(AHSCT) plan calendars/cohort.yaml --now $(NOW)
	$(AHSCT) calendars calendars/cohort.yaml --out calendars --now $(NOW)
	$(AHSCT) capacity calendars/cohort.yaml --now $(NOW) --format markdown --out calendars/capacity.md
	$(AHSCT) report calendars/cohort.yaml --now $(NOW) --out calendars/report.html
	for id in $$(sed -n 's/^  - id: \(P-[0-9]*\)$$/\1/p' calendars/cohort.yaml); do \
	  $(AHSCT) report calendars/cohort.yaml --now $(NOW) --patient $$id --calendar-file $$id.ics \
	    --out calendars/patients/$$id.html || exit 1; done
	@# Exit status 2 means "conflicts found": the example has them on purpose.
	$(AHSCT) conflicts calendars/cohort.yaml --now $(NOW) --format markdown --out calendars/conflicts.md; \
	  status=$$?; [ $$status -eq 0 ] || [ $$status -eq 2 ]
	$(AHSCT) conflicts calendars/cohort.yaml --now $(NOW); status=$$?; [ $$status -eq 0 ] || [ $$status -eq 2 ]

# The whole suite: Swift tests, the third-party interop checks, and the pages in a real browser.
test: unit interop browser

unit: deps
	$(SWIFT) test

interop: build venv
	$(PY) Tests/Interop/holidays_check.py --ahsct $(AHSCT) --from-year 1990 --to-year 2100
	$(PY) Tests/Interop/interop.py --ahsct $(AHSCT) --self-test
	$(PY) Tests/Interop/cohort_check.py --ahsct $(AHSCT)
	$(PY) Tests/Interop/record_check.py --ahsct $(AHSCT)
	$(PY) Tests/Interop/fhir_check.py --ahsct $(AHSCT) --self-test
	$(PY) Tests/Interop/fhir_check.py --ahsct $(AHSCT)
	$(PY) Tests/Interop/risk_check.py --ahsct $(AHSCT)
	rm -rf .build/interop-served
	$(PY) Tests/Interop/serve_check.py --ahsct $(AHSCT) --pages .build/interop-served
	rm -rf .build/interop-calendars
	$(AHSCT) calendars calendars/cohort.yaml --out .build/interop-calendars --now $(NOW)
	$(PY) Tests/Interop/interop.py --ahsct $(AHSCT) --files .build/interop-calendars/patients/*.ics \
		.build/interop-calendars/ward.ics .build/interop-calendars/staff/*.ics
	$(PY) Tests/Interop/calendars_check.py --ahsct $(AHSCT) --calendars .build/interop-calendars
	for id in $$(sed -n 's/^  - id: \(P-[0-9]*\)$$/\1/p' calendars/cohort.yaml); do \
	  $(AHSCT) report calendars/cohort.yaml --now $(NOW) --patient $$id --calendar-file $$id.ics \
	    --out .build/interop-calendars/patients/$$id.html || exit 1; done
	$(PY) Tests/Interop/own_words_check.py --sources ../shared/sources --self-test
	$(PY) Tests/Interop/own_words_check.py --sources ../shared/sources --folder .build/interop-calendars \
		--folder .build/interop-served
	$(PY) Tests/Interop/plain_language_check.py --self-test
	$(PY) Tests/Interop/plain_language_check.py --folder .build/interop-calendars
	$(PY) Tests/Interop/privacy_check.py --self-test
	$(PY) Tests/Interop/privacy_check.py --cohort calendars/cohort.yaml --folder .build/interop-calendars --folder calendars

# axe-core 4.x: the axe.min.js that the PyPI wheel axe-playwright-python ships (its Python side and Playwright are not
# needed; Selenium injects the script). On Debian 12's Python 3.11 this is the way to a 4.x axe from PyPI.
AXE := .build/axe/axe_playwright_python/axe.min.js
$(AXE): | $(PY)
	$(VENV)/bin/pip download -q --no-deps -d .build/axe axe-playwright-python==0.1.8
	cd .build/axe && python3 -m zipfile -e axe_playwright_python-0.1.8-py3-none-any.whl .
	@touch $(AXE)

# Every page the example writes (the report and each patient's page), in headless Chromium: axe-core at 1280 and
# 360 px, no sideways scrolling at 320 px, chart text size, ids, and printed A4 pages; then the console served by
# `ahsct serve` on loopback, a coordinator's path with the mouse and with the keyboard only, axe on every console
# page. Screenshots and PDFs stay in .build/browser-pages/ to look at.
browser: build venv $(AXE)
	rm -rf .build/browser-pages
	mkdir -p .build/browser-pages/patients
	$(AHSCT) report calendars/cohort.yaml --now $(NOW) --out .build/browser-pages/report.html
	for id in $$(sed -n 's/^  - id: \(P-[0-9]*\)$$/\1/p' calendars/cohort.yaml); do \
	  $(AHSCT) report calendars/cohort.yaml --now $(NOW) --patient $$id --calendar-file $$id.ics \
	    --out .build/browser-pages/patients/$$id.html || exit 1; done
	$(PY) Tests/Browser/browser_check.py --axe $(AXE) --self-test
	$(PY) Tests/Browser/browser_check.py --axe $(AXE) --pdf-folder .build/browser-pages/pdf \
		--screenshots .build/browser-pages/screenshots .build/browser-pages/report.html .build/browser-pages/patients/*.html
	$(PY) Tests/Browser/console_check.py --ahsct $(AHSCT) --axe $(AXE) --cohort calendars/cohort.yaml \
		--screenshots .build/browser-pages/screenshots

# Writing 100,000 events (our Swift writer) and reading 75,000 (`ahsct ics check`), each against libical from C and
# Python icalendar, in one run: time, and peak memory for reading (HALF=write or HALF=parse for one half).
bench-ics: deps
	bash Benchmarks/run-ics.sh

# 100,000 synthetic patients planned in a release build; prints patients per second.
bench-plan: deps
	bash Benchmarks/run-plan.sh

bench-capacity: deps
	bash Benchmarks/run-capacity.sh

bench-report: deps
	bash Benchmarks/run-report.sh

bench-schedule: deps
	bash Benchmarks/run-schedule.sh

# The risk view of 2,000 patients over three years against NumPy convolving the same chances.
bench-risk: deps
	bash Benchmarks/run-risk.sh

# `ahsct record` of one fact (a real write, on a copy) beside `ahsct plan` on the same 2,000-patient cohort: both
# times and the ratio (target record <= 0.75 x plan; STRICT=1 fails above it).
bench-record: deps
	bash Benchmarks/run-record.sh

# `ahsct serve` (release) beside nginx serving the same feed, under wrk: requests/s, p99, peak RSS (SERVE_SECONDS each).
bench-serve: deps
	bash Benchmarks/run-serve.sh

# The console on a 2,000-patient cohort beside nginx serving the same pages: wrk with a session cookie, p99, the
# time from a confirmed record to the new plan on the page, peak RSS (CONSOLE_SECONDS=5 for a short run).
bench-console: deps
	bash Benchmarks/run-console.sh

# libFuzzer on the iCalendar and cohort/protocol readers and the console's form and cookie reader, FUZZ_SECONDS per target (CI runs a short bout).
FUZZ_SECONDS ?= 30
fuzz: deps
	SECONDS_PER_TARGET=$(FUZZ_SECONDS) bash Fuzz/run.sh

# The whole Swift test suite under AddressSanitizer, then ThreadSanitizer (each in its own build folder); the
# toolchain's own leaks are suppressed (Tests/lsan-suppressions.txt says which).
sanitize: deps
	LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/lsan-suppressions.txt $(SWIFT) test --sanitize=address --scratch-path .build-asan
	$(SWIFT) test --sanitize=thread --scratch-path .build-tsan

clean:
	rm -rf .build .build-bench .build-fuzz .build-asan .build-tsan $(VENV)
