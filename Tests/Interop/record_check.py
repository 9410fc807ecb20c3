#!/usr/bin/env python3
"""Checks `ahsct record` and `ahsct changes` with third-party tools, not with ahsct's own reader.

On a copy of the example cohort, each fact is recorded with `ahsct record`; then
1. PyYAML reads the file before and after: the data differ in exactly that patient's field, with the value asked;
2. the file after still validates against calendars/cohort.schema.json (`jsonschema`);
3. difflib: every line but the ones written is byte-identical (comments, blank lines, quoting kept);
4. `ahsct changes BEFORE AFTER --format json` lists exactly the steps whose expected dates differ between
   `ahsct plan --format json` of the two files, computed here in Python.

Usage: record_check.py --ahsct .build/debug/ahsct [--cohort calendars/cohort.yaml]
"""
import argparse
import copy
import difflib
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile

import jsonschema
import yaml

from cohort_check import NOW, DateLoader  # dates stay strings, as in JSON

# (arguments after the cohort, patient, the change to the patient's data as a function)
FACTS = [
    (["--patient", "P-0001", "apheresis", "2026-11-12"], "P-0001",
     lambda p: p.__setitem__("apheresis", p["apheresis"] + ["2026-11-12"])),
    (["--patient", "P-0002", "committee-answer", "2026-12-08"], "P-0002",
     lambda p: p.__setitem__("committee-answer", "2026-12-08")),
    (["--patient", "P-0002", "eligibility", "new-mri-lesions", "yes"], "P-0002",
     lambda p: p["eligibility"].__setitem__("new-mri-lesions", True)),
    (["--patient", "P-0006", "second-opinion", "2027-01-12", "--confirmed"], "P-0006",
     lambda p: p.__setitem__("second-opinion", {"date": "2027-01-12", "confirmed": True})),
    (["--patient", "P-0007", "fertility-preservation", "2026-12-01"], "P-0007",
     lambda p: p["fertility-preservation"].__setitem__("done", "2026-12-01")),
    (["--patient", "P-0008", "apheresis", "2026-11-24", "--bags", "12"], "P-0008",
     lambda p: p.update({"apheresis": ["2026-11-24"], "bags": 12})),
    (["--patient", "P-0003", "unavailable", "2026-12-24", "2026-12-28"], "P-0003",
     lambda p: p.__setitem__("unavailable", [{"from": "2026-12-24", "to": "2026-12-28"}])),
    (["--patient", "P-0010", "committee-answer", "2026-11-24", "--outcome", "declined"], "P-0010",
     lambda p: p.__setitem__("committee-answer", {"date": "2026-11-24", "outcome": "declined"})),
    (["--patient", "P-0004", "discharge", "2026-12-15"], "P-0004",
     lambda p: p.__setitem__("discharge", "2026-12-15")),
]


def run(command):
    return subprocess.run(command, capture_output=True, text=True)


def plan_dates(ahsct, cohort):
    """{patient: {step: (expected start, expected end)}} from `ahsct plan --format json`."""
    out = run([ahsct, "plan", str(cohort), "--now", NOW, "--format", "json"])
    assert out.returncode == 0, out.stderr
    return {p["id"]: {s["step"]: (s["start"]["expected"], (s["end"] or {}).get("expected")) for s in p["steps"]}
            for p in json.loads(out.stdout)["patients"]}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ahsct", required=True)
    parser.add_argument("--cohort", default="calendars/cohort.yaml")
    parser.add_argument("--schema", default="calendars/cohort.schema.json")
    args = parser.parse_args()
    ahsct = str(pathlib.Path(args.ahsct).resolve())
    schema = json.loads(pathlib.Path(args.schema).read_text())
    source = pathlib.Path(args.cohort)
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = pathlib.Path(tmp)
        shutil.copytree(source.parent / "example", folder / "example")
        cohort = folder / "cohort.yaml"
        shutil.copy(source, cohort)
        for arguments, patient, change in FACTS:
            before_text = cohort.read_text()
            before = yaml.load(before_text, Loader=DateLoader)
            (folder / "before.yaml").write_text(before_text)
            result = run([ahsct, "record", str(cohort), *arguments, "--now", NOW, "--by", "interop"])
            label = " ".join(arguments)
            if result.returncode != 0:
                failures.append(f"{label}: exit {result.returncode}: {result.stderr}")
                continue
            after_text = cohort.read_text()
            after = yaml.load(after_text, Loader=DateLoader)
            # 1. Exactly the one change, with the value asked for.
            expected = copy.deepcopy(before)
            entry = next(p for p in expected["patients"] if p["id"] == patient)
            change(entry)
            if after != expected:
                failures.append(f"{label}: PyYAML reads a different change than asked")
            # 2. Still a valid cohort.
            errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(after)]
            if errors:
                failures.append(f"{label}: no longer valid against the schema: {errors[:2]}")
            # 3. Only added or replaced lines, as many as fields written.
            diff = [line for line in difflib.ndiff(before_text.splitlines(), after_text.splitlines())
                    if line[:2] in ("- ", "+ ")]
            removed = [line for line in diff if line.startswith("- ")]
            added = [line for line in diff if line.startswith("+ ")]
            if len(removed) > 1 or not added or len(added) > 2:
                failures.append(f"{label}: unexpected lines changed: {diff}")
            # 4. `changes` against the plans compared here.
            old_dates, new_dates = plan_dates(ahsct, folder / "before.yaml"), plan_dates(ahsct, cohort)
            mine = {}
            for pid in sorted(set(old_dates) | set(new_dates)):
                old, new = old_dates.get(pid, {}), new_dates.get(pid, {})
                moved = sorted(s for s in set(old) | set(new) if old.get(s) != new.get(s))
                if moved:
                    mine[pid] = moved
            changes = run([ahsct, "changes", str(folder / "before.yaml"), str(cohort), "--now", NOW, "--format", "json"])
            if changes.returncode not in (0, 2):
                failures.append(f"{label}: changes exit {changes.returncode}: {changes.stderr}")
                continue
            theirs = {p["id"]: sorted(s["step"] for s in p["steps"]) for p in json.loads(changes.stdout)["patients"]}
            if mine != theirs:
                failures.append(f"{label}: changes lists {theirs}, the plans differ in {mine}")
            if (changes.returncode == 0) != (not mine and not json.loads(changes.stdout)["conflicts"]["new"]
                                             and not json.loads(changes.stdout)["conflicts"]["resolved"]):
                failures.append(f"{label}: changes exit {changes.returncode} does not match what it lists")
        log = (folder / ".ahsct" / "audit.jsonl").read_text().splitlines()
        entries = [json.loads(line) for line in log]
        if len(entries) != len(FACTS) + 1:  # P-0008 writes two fields
            failures.append(f"audit log has {len(entries)} lines, expected {len(FACTS) + 1}")
        if any(set(e) != {"time", "user", "cohort", "patient", "field", "old", "new"} for e in entries):
            failures.append("an audit line has other keys than time, user, cohort, patient, field, old, new")
        names = [p.get("name") for p in yaml.load(source.read_text(), Loader=DateLoader)["patients"] if p.get("name")]
        if any(name in line for name in names for line in log):
            failures.append("a patient's name is in the audit log")
    for failure in failures:
        print("FAIL", failure)
    print(f"record/changes: {len(FACTS)} facts recorded and cross-checked with PyYAML, jsonschema and the plans")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
