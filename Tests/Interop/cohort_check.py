#!/usr/bin/env python3
"""Checks the cohort format and the plan output with third-party tools, not with ahsct's own reader.

1. calendars/cohort.schema.json is a valid JSON Schema (Draft 2020-12, checked by `jsonschema`).
2. The example cohort (read by PyYAML) validates against it, and so does its JSON form.
3. A few broken cohorts are rejected by the schema *and* by `ahsct plan` (exit 1, FILE:LINE:COL message).
4. `ahsct plan --format json` on the example: every patient has every step id of docs/clinical-rules.md in order,
   dates parse, earliest <= expected <= latest, ends are not before starts, statuses are from the documented set;
   and the same cohort given as JSON plans byte-identically.

Usage: cohort_check.py --ahsct .build/debug/ahsct [--cohort calendars/cohort.yaml]
"""
import argparse
import datetime
import json
import pathlib
import collections
import csv
import io
import subprocess
import sys
import tempfile

import jsonschema
import yaml

STEPS = ["second-opinion", "committee-answer", "evaluation", "mobilisation", "apheresis", "control-visit",
         "conditioning", "reinfusion", "isolation", "discharge", "recovery"]
STATUSES = {"done", "in-progress", "confirmed", "planned"}
NOW = "2026-11-22"


class DateLoader(yaml.SafeLoader):
    """PyYAML without the timestamp resolver: dates stay strings, as in JSON."""


DateLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ahsct", required=True)
    parser.add_argument("--cohort", default="calendars/cohort.yaml")
    parser.add_argument("--schema", default="calendars/cohort.schema.json")
    args = parser.parse_args()
    failures = []

    def check(label, ok, detail=""):
        print(f"{'ok  ' if ok else 'FAIL'} {label}{': ' + detail if detail and not ok else ''}")
        if not ok:
            failures.append(label)

    schema = json.loads(pathlib.Path(args.schema).read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    try:
        validator_class.check_schema(schema)
        check("schema is a valid JSON Schema", True)
    except jsonschema.SchemaError as error:
        check("schema is a valid JSON Schema", False, error.message)
        return 1
    validator = validator_class(schema)
    cohort = yaml.load(pathlib.Path(args.cohort).read_text(encoding="utf-8"), Loader=DateLoader)
    errors = sorted(validator.iter_errors(cohort), key=lambda e: list(e.path))
    check("example cohort validates against the schema", not errors,
          "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:3]))

    broken = {
        "unknown key": lambda c: c["patients"][0].update({"secnd-opinion": "2026-09-07"}),
        "bad date pattern": lambda c: c["patients"][0].update({"mobilisation": "5 november 2026"}),
        "language outside nl/en": lambda c: c["patients"][0].update({"language": "de"}),
        "pseudonym with a space": lambda c: c["patients"][0].update({"id": "P 0001"}),
        "booked time on a proposed date": lambda c: c["patients"][0].update(
            {"conditioning": {"date": "2027-01-04", "proposed": True, "time": "08:00"}}),
        "booked time not HH:MM": lambda c: c["patients"][0].update({"evaluation": {"date": "2026-10-13", "time": "9.30"}}),
        "ward line under both names": lambda c: c["site"]["contacts"].update({"haematology-ward": "1", "haematology": "2"}),
        "phone number without a digit": lambda c: c["site"]["contacts"].update({"urgent": "ask the ward"}),
        "unknown department": lambda c: c["site"].update({"departments": {"daycare": "Dagbehandeling"}}),
    }
    with tempfile.TemporaryDirectory() as scratch:
        folder = pathlib.Path(scratch)
        # Keep relative paths (closures .ics) working: copy the example's folder layout.
        source_folder = pathlib.Path(args.cohort).parent
        for item in source_folder.rglob("*.ics"):
            target = folder / item.relative_to(source_folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(item.read_bytes())
        for label, breaker in broken.items():
            copy = json.loads(json.dumps(cohort))
            breaker(copy)
            schema_rejects = any(True for _ in validator.iter_errors(copy))
            path = folder / "broken.json"
            path.write_text(json.dumps(copy, indent=2), encoding="utf-8")
            result = subprocess.run([args.ahsct, "plan", str(path), "--now", NOW], capture_output=True, text=True)
            located = result.stderr.startswith(f"{path}:") and "error:" in result.stderr
            check(f"{label}: rejected by the schema and by ahsct (exit 1, located)",
                  schema_rejects and result.returncode == 1 and located and result.stdout == "",
                  f"schema rejects={schema_rejects} exit={result.returncode} stderr={result.stderr[:120]!r}")

        as_json = folder / "cohort.json"
        as_json.write_text(json.dumps(cohort, indent=2), encoding="utf-8")
        yaml_plan = subprocess.run([args.ahsct, "plan", args.cohort, "--now", NOW, "--format", "json"],
                                   capture_output=True, text=True)
        json_plan = subprocess.run([args.ahsct, "plan", str(as_json), "--now", NOW, "--format", "json"],
                                   capture_output=True, text=True)
        check("ahsct plans the example (exit 0)", yaml_plan.returncode == 0, yaml_plan.stderr[:200])
        check("the JSON form of the cohort plans byte-identically", yaml_plan.stdout == json_plan.stdout,
              json_plan.stderr[:200])

    plan = json.loads(yaml_plan.stdout)
    check("plan lists every patient of the cohort", [p["id"] for p in plan["patients"]] == [p["id"] for p in cohort["patients"]])
    problems = []
    for patient in plan["patients"]:
        if [s["step"] for s in patient["steps"]] != STEPS:
            problems.append(f"{patient['id']}: steps {[s['step'] for s in patient['steps']]}")
        for step in patient["steps"]:
            start = {k: datetime.date.fromisoformat(v) for k, v in step["start"].items()}
            if not start["earliest"] <= start["expected"] <= start["latest"] and not patient["conflicts"]:
                problems.append(f"{patient['id']} {step['step']}: start window out of order {step['start']}")
            if step["end"] is not None:
                end = {k: datetime.date.fromisoformat(v) for k, v in step["end"].items()}
                if any(end[k] < start[k] for k in end):
                    problems.append(f"{patient['id']} {step['step']}: ends before it starts")
            if step["status"] not in STATUSES:
                problems.append(f"{patient['id']} {step['step']}: status {step['status']}")
    check("plan JSON: step ids, windows in order, ends after starts, known statuses", not problems, "; ".join(problems[:3]))
    check_conflicts(args, cohort, plan, check)
    check_report(args, cohort, check)
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


def check_report(args, cohort, check):
    """The HTML report and a patient page, parsed by html5lib in strict mode (any parse error fails), with one
    timeline row per patient and nothing that would fetch from outside the file."""
    import html5lib

    with tempfile.TemporaryDirectory() as scratch:
        for label, extra in (("cohort report", []), ("patient page", ["--patient", cohort["patients"][0]["id"]])):
            out = pathlib.Path(scratch) / "report.html"
            result = subprocess.run([args.ahsct, "report", args.cohort, "--now", NOW, "--out", str(out)] + extra,
                                    capture_output=True, text=True)
            text = out.read_text(encoding="utf-8") if out.exists() else ""
            try:
                tree = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(text)
                problem = ""
            except Exception as error:  # html5lib raises ParseError with the position
                tree, problem = None, str(error)
            check(f"{label}: written (exit 0) and strict HTML5 parse", result.returncode == 0 and tree is not None,
                  problem or result.stderr[:200])
            if tree is None:
                continue
            external = [e for e in tree.iter() if e.get("src") or (e.get("href") or "").startswith(("http:", "https:", "//"))
                        or e.tag in ("script", "link", "iframe", "img")]
            check(f"{label}: nothing external (no src, script, link, remote href)", not external,
                  ", ".join(e.tag for e in external[:3]))
            if not extra:
                rows = [e.get("id") for e in tree.iter() if e.tag == "tbody" and e.get("class") == "row"]
                check("cohort report: one timeline row per patient, in order",
                      rows == ["row-" + p["id"] for p in cohort["patients"]], str(rows[:3]))


def check_conflicts(args, cohort, plan, check):
    """`ahsct conflicts` as JSON and CSV (read by Python's json and csv), and its bed runs recounted here from the
    plan JSON: a bed from the expected admission to the expected discharge, both included, against the site's
    capacity with its changes."""
    runs = {}
    for form in ("json", "csv"):
        result = subprocess.run([args.ahsct, "conflicts", args.cohort, "--now", NOW, "--format", form],
                                capture_output=True, text=True)
        check(f"conflicts --format {form}: exit 2 (the example has conflicts)", result.returncode == 2, result.stderr[:200])
        if form == "json":
            rows = json.loads(result.stdout)["conflicts"]
            runs[form] = [(r["code"], r["subject"], r["from"], r["to"], ";".join(r["patients"])) for r in rows]
        else:
            rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
            runs[form] = [(r["code"], r["subject"], r["from"], r["to"], r["patients"]) for r in rows]
    check("conflicts: JSON and CSV list the same conflicts", runs["json"] == runs["csv"] and runs["json"] != [])

    site = cohort["site"]
    usual = site["resources"]["isolation-beds"]
    changes = [c for c in site.get("capacity-changes", []) if c["resource"] == "isolation-beds"]

    def capacity(day):
        value = usual
        for change in changes:
            if datetime.date.fromisoformat(str(change["from"])) <= day <= datetime.date.fromisoformat(str(change["to"])):
                value = change["capacity"]
        return value

    demand = collections.Counter()
    owners = collections.defaultdict(set)
    for patient in plan["patients"]:
        steps = {s["step"]: s for s in patient["steps"]}
        day = datetime.date.fromisoformat(steps["conditioning"]["start"]["expected"])
        last = datetime.date.fromisoformat(steps["discharge"]["start"]["expected"])
        while day <= last:
            demand[day] += 1
            owners[day].add(patient["id"])
            day += datetime.timedelta(days=1)
    now = datetime.date.fromisoformat(NOW)
    over = sorted(d for d in demand if d >= now and demand[d] > capacity(d))
    expected = []
    for day in over:
        if expected and expected[-1][1] == day - datetime.timedelta(days=1):
            expected[-1][1] = day
            expected[-1][2] |= owners[day]
        else:
            expected.append([day, day, set(owners[day])])
    recount = [("capacity_exceeded", "isolation-beds", str(a), str(b), ";".join(sorted(p))) for a, b, p in expected]
    reported = [r for r in runs["json"] if r[0] == "capacity_exceeded" and r[1] == "isolation-beds"]
    check("conflicts: over-full bed runs match a recount from the plan JSON", reported == recount and recount != [],
          f"reported {reported} recount {recount}")


if __name__ == "__main__":
    sys.exit(main())
