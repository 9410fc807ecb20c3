#!/usr/bin/env python3
"""Checks `ahsct fhir export` and `ahsct fhir import` with third-party FHIR software, not with ahsct's own reader.

1. Every exported bundle (the example cohort; one patient; with names) parses with the FHIR R4B models of
   `fhir.resources` 8.3.0 (R4B changed none of the resources used), and the same cohort and --now give the same bytes.
2. `fhirpathpy` checks what those models do not: an Appointment that is booked or fulfilled has start and end and
   start <= end, it has a participant; every status is in its R4 value set; every reference resolves inside the
   bundle; a care plan's period and each window are in order.
3. Against the cohort as PyYAML reads it and `ahsct plan --format json`: one Appointment per recorded visit (each
   apheresis session one), one Encounter per recorded admission, the Patient carries the pseudonym only, each
   activity's expected period and window are the plan's.
4. The hand-written import bundles in Tests/FHIRTests/Fixtures: each gives the change (or the skip, or the located
   refusal) written next to it; a refusal leaves the cohort byte for byte as it was.
5. The round trip: the example's bundle imported into a copy without its recorded dates gives the same plans.

Usage: fhir_check.py --ahsct .build/debug/ahsct [--self-test]
"""
import argparse
import json
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

import yaml
from fhir.resources.R4B.bundle import Bundle
from fhirpathpy import evaluate

NOW = "2026-11-22"
ROOT = pathlib.Path(__file__).resolve().parents[2]
COHORT = ROOT / "calendars" / "cohort.yaml"
FIXTURES = ROOT / "Tests" / "FHIRTests" / "Fixtures"
STEP_SYSTEM = "urn:ahsct-planner:fhir:CodeSystem:step"
WINDOW = "urn:ahsct-planner:fhir:StructureDefinition:step-window"
SITE_SYSTEM = "urn:ahsct-planner:site:amsterdam-umc-locatie-vumc"
VISITS = ["second-opinion", "committee-answer", "evaluation", "mobilisation", "control-visit", "conditioning",
          "reinfusion"]
STEPS = ["evaluation", "mobilisation", "apheresis", "control-visit", "conditioning", "reinfusion",
         "discharge"]

# R4 value sets of the statuses written (FHIRPath: `path` must be one of `codes`).
VALUE_SETS = [
    ("Bundle.type", ["document", "message", "transaction", "transaction-response", "batch", "batch-response",
                     "history", "searchset", "collection"]),
    ("Bundle.entry.resource.ofType(Appointment).status",
     ["proposed", "pending", "booked", "arrived", "fulfilled", "cancelled", "noshow", "entered-in-error",
      "checked-in", "waitlist"]),
    ("Bundle.entry.resource.ofType(Appointment).participant.status",
     ["accepted", "declined", "tentative", "needs-action"]),
    ("Bundle.entry.resource.ofType(Encounter).status",
     ["planned", "arrived", "triaged", "in-progress", "onleave", "finished", "cancelled", "entered-in-error", "unknown"]),
    ("Bundle.entry.resource.ofType(CarePlan).status",
     ["draft", "active", "on-hold", "revoked", "completed", "entered-in-error", "unknown"]),
    ("Bundle.entry.resource.ofType(CarePlan).intent", ["proposal", "plan", "order", "option"]),
    ("Bundle.entry.resource.ofType(CarePlan).activity.detail.status",
     ["not-started", "scheduled", "in-progress", "on-hold", "completed", "cancelled", "stopped", "unknown",
      "entered-in-error"]),
]

# Invariants that must hold for every bundle (FHIRPath expressions that must evaluate to [True]).
INVARIANTS = [
    ("app-3: booked or fulfilled appointments have start and end",
     "Bundle.entry.resource.ofType(Appointment).all((status = 'booked' or status = 'fulfilled' or status = 'arrived')"
     " implies (start.exists() and end.exists()))"),
    # As instants (toDateTime), not as text: 08:00+00:00 comes after 08:30+02:00.
    ("appointment start <= end", "Bundle.entry.resource.ofType(Appointment).all(start.toDateTime() <= end.toDateTime())"),
    ("appointment has a participant", "Bundle.entry.resource.ofType(Appointment).all(participant.exists())"),
    ("app-1: participant has actor or type",
     "Bundle.entry.resource.ofType(Appointment).participant.all(actor.exists() or type.exists())"),
    ("care plan period in order",
     "Bundle.entry.resource.ofType(CarePlan).all(period.start.toDateTime() <= period.end.toDateTime())"),
    ("encounter period in order",
     "Bundle.entry.resource.ofType(Encounter).all(period.end.empty() or period.start.toDateTime() <= period.end.toDateTime())"),
    ("every entry has a urn:uuid full URL", "Bundle.entry.all(fullUrl.startsWith('urn:uuid:'))"),
    ("encounters are inpatient", "Bundle.entry.resource.ofType(Encounter).all(class.code = 'IMP')"),
]


def run(command):
    return subprocess.run([str(part) for part in command], capture_output=True, text=True)


class Failure(Exception):
    """A check that does not hold."""


def fail(message):
    raise Failure(message)


def check_bundle(text, label):
    """fhir.resources parses it; the FHIRPath invariants and value sets hold; every reference resolves."""
    data = json.loads(text)
    try:
        Bundle.model_validate(data)
    except Exception as error:  # pydantic.ValidationError: the message names the element
        fail(f"{label}: fhir.resources R4B refuses the bundle: {error}")
    for name, expression in INVARIANTS:
        if evaluate(data, expression) != [True]:
            fail(f"{label}: invariant '{name}' does not hold")
    for path, codes in VALUE_SETS:
        for value in evaluate(data, path):
            if value not in codes:
                fail(f"{label}: {path} = {value!r} is not in its R4 value set")
    urls = set(evaluate(data, "Bundle.entry.fullUrl"))
    for reference in evaluate(data, "Bundle.entry.resource.descendants().reference"):
        if reference not in urls:
            fail(f"{label}: the reference {reference} does not resolve inside the bundle")
    for window in evaluate(data, f"Bundle.entry.resource.ofType(CarePlan).activity.detail.extension.where(url = '{WINDOW}')"):
        days = [sub["valueDate"] for sub in window["extension"]]
        if [sub["url"] for sub in window["extension"]] != ["earliest", "expected", "latest"] or days != sorted(days):
            fail(f"{label}: a window extension is not earliest <= expected <= latest: {days}")
    return data


def check_against_cohort(ahsct, data):
    """Appointments and encounters against the cohort as PyYAML reads it; activities against the plan."""
    cohort = yaml.load(COHORT.read_text(), Loader=yaml.BaseLoader)  # every scalar a string, as in the file
    patients = {resource["id"]: resource for resource in evaluate(data, "Bundle.entry.resource.ofType(Patient)")}
    by_pseudonym = {}
    for patient_id, patient in patients.items():
        if sorted(patient) != ["id", "identifier", "resourceType"]:
            fail(f"Patient {patient_id} carries more than its pseudonym: {sorted(patient)}")
        identifier = patient["identifier"][0]
        if identifier["system"] != SITE_SYSTEM:
            fail(f"Patient {patient_id}: identifier system {identifier['system']}")
        by_pseudonym[identifier["value"]] = f"urn:uuid:{patient_id}"
    plan = json.loads(run([ahsct, "plan", COHORT, "--now", NOW, "--format", "json"]).stdout)
    plans = {entry["id"]: entry for entry in plan["patients"]}
    for entry in cohort["patients"]:
        pseudonym, subject = entry["id"], by_pseudonym[entry["id"]]
        visits = []
        for step in VISITS:
            value = entry.get(step)
            if value is None or (isinstance(value, dict) and value.get("proposed") == "true"):
                continue
            visits.append(step)
        visits += ["apheresis"] * len(entry.get("apheresis", []))
        appointments = [a for a in evaluate(data, "Bundle.entry.resource.ofType(Appointment)")
                        if a["participant"][0]["actor"]["reference"] == subject]
        codes = sorted(a["serviceType"][0]["coding"][0]["code"] for a in appointments)
        if codes != sorted(visits):
            fail(f"{pseudonym}: appointments {codes}, recorded visits {sorted(visits)}")
        encounters = [e for e in evaluate(data, "Bundle.entry.resource.ofType(Encounter)")
                      if e["subject"]["reference"] == subject]
        if len(encounters) != (1 if "conditioning" in entry else 0):
            fail(f"{pseudonym}: {len(encounters)} encounters for {'a' if 'conditioning' in entry else 'no'} recorded admission")
        care_plan = [c for c in evaluate(data, "Bundle.entry.resource.ofType(CarePlan)")
                     if c["subject"]["reference"] == subject][0]
        for activity, step in zip(care_plan["activity"], plans[pseudonym]["steps"]):
            detail = activity["detail"]
            if detail["code"]["coding"][0] != {"system": STEP_SYSTEM, "code": step["step"],
                                               "display": detail["code"]["coding"][0]["display"]}:
                fail(f"{pseudonym}: activity {detail['code']} is not step {step['step']}")
            if detail["scheduledPeriod"]["start"] != step["start"]["expected"]:
                fail(f"{pseudonym} {step['step']}: period starts {detail['scheduledPeriod']['start']}, plan {step['start']['expected']}")
            window = [sub["valueDate"] for sub in detail["extension"][0]["extension"]]
            if window != [step["start"]["earliest"], step["start"]["expected"], step["start"]["latest"]]:
                fail(f"{pseudonym} {step['step']}: window {window}, plan {step['start']}")


def example_copy(folder, text=None):
    """A copy of the example cohort (with the calendars it imports) in `folder`."""
    shutil.copytree(ROOT / "calendars" / "example", folder / "example")
    cohort = folder / "cohort.yaml"
    cohort.write_text(text if text is not None else COHORT.read_text())
    return cohort


# (fixture, map file or None, exit status, patient, field, the value PyYAML reads after, or a skip/error pattern)
IMPORTS = [
    ("import/appointment_booked_confirmed.json", None, 0, "P-0006", "second-opinion",
     {"date": "2027-01-12", "time": "10:30-11:15", "confirmed": "true"}),
    ("import/appointment_apheresis_sessions.json", None, 0, "P-0008", "apheresis", ["2026-11-24", "2026-11-25"]),
    # In progress on 22 November: the admission is the one recorded; the end is planned, not a discharge.
    ("import/encounter_stay.json", None, 0, None, None,
     r"skipped Bundle\.entry\[1\]\.resource\.period\.end .*\[not_yet\]"),
    ("import/apheresis_session_before_recorded.json", None, 0, "P-0001", "apheresis",
     ["2026-11-09", "2026-11-10", "2026-11-11"]),
    ("import/committee_answer_needs_outcome.json", None, 0, None, None,
     r"skipped Bundle\.entry\[1\]\.resource .*\[needs_outcome\]"),
    ("import/evaluation_differs_from_record.json", None, 0, None, None,
     r"skipped Bundle\.entry\[1\]\.resource .*\[differs_from_record\]"),
    ("import/second_opinion_two_days.json", None, 0, None, None,
     r"skipped Bundle\.entry\[2\]\.resource .*\[conflicting_date\]"),
    ("import/procedure_reinfusion.json", None, 0, "P-0003", "reinfusion", "2026-11-14"),
    ("import/mapped_hospital_code.json", "import/hospital-codes.map.yaml", 0, "P-0001", "control-visit",
     {"date": "2026-11-25", "time": "10:00-10:30", "confirmed": "true"}),
    ("import/unknown_patient.json", None, 0, None, None, r"skipped Bundle\.entry\[0\]\.resource .*\[unknown_patient\]"),
    ("import/cancelled_appointment.json", None, 0, None, None, r"skipped Bundle\.entry\[0\]\.resource .*\[cancelled\]"),
    ("import/refused_out_of_order.json", None, 1, None, None, r"cohort\.yaml:115:17: error: .*\[out_of_order\]"),
    ("invalid/not_json_trailing_comma.json", None, 1, None, None, r":6:3: error: .*\[invalid_syntax\]"),
    ("invalid/not_a_bundle_patient.json", None, 1, None, None, r":2:19: error: .*\[not_a_bundle\]"),
    ("invalid/appointment_start_not_string.json", None, 1, None, None,
     r":9:18: error: .* at Bundle\.entry\[0\]\.resource\.start \[wrong_type\]"),
    ("invalid/appointment_unknown_status.json", None, 1, None, None,
     r":8:19: error: .* at Bundle\.entry\[0\]\.resource\.status \[invalid_value\]"),
    ("invalid/appointment_missing_status_and_participant.json", None, 1, None, None,
     r":6:19: error: .* at Bundle\.entry\[0\]\.resource\.participant \[missing_key\]"),
    ("invalid/encounter_date_does_not_exist.json", None, 1, None, None,
     r":11:29: error: .* at Bundle\.entry\[0\]\.resource\.period\.start \[invalid_date\]"),
]


def check_imports(ahsct):
    before = yaml.load(COHORT.read_text(), Loader=yaml.BaseLoader)
    for fixture, mapping, status, patient, field, expected in IMPORTS:
        with tempfile.TemporaryDirectory() as scratch:
            cohort = example_copy(pathlib.Path(scratch))
            original = cohort.read_bytes()
            command = [ahsct, "fhir", "import", cohort, FIXTURES / fixture, "--now", NOW]
            if mapping:
                command += ["--map", FIXTURES / mapping]
            out = run(command)
            if out.returncode != status:
                fail(f"{fixture}: exit {out.returncode}, expected {status}\n{out.stdout}{out.stderr}")
            if patient is None:
                if not re.search(expected, out.stdout + out.stderr):
                    fail(f"{fixture}: no line matches {expected!r}\n{out.stdout}{out.stderr}")
                if cohort.read_bytes() != original:
                    fail(f"{fixture}: the cohort changed")
                continue
            after = yaml.load(cohort.read_text(), Loader=yaml.BaseLoader)
            changed = [(p["id"], key) for p, q in zip(before["patients"], after["patients"])
                       for key in set(p) | set(q) if p.get(key) != q.get(key)]
            if changed != [(patient, field)]:
                fail(f"{fixture}: changed {changed}, expected {[(patient, field)]}")
            value = next(p for p in after["patients"] if p["id"] == patient)[field]
            if value != expected:
                fail(f"{fixture}: {patient} {field} is {value!r}, expected {expected!r}")
    print(f"ok   fhir import: {len(IMPORTS)} hand-written bundles give their facts, skips and located refusals")


def check_round_trip(ahsct, cohort_text, label):
    """The cohort's bundle, imported into a copy without the recorded dates it carries, gives the same plans."""
    with tempfile.TemporaryDirectory() as scratch:
        original = example_copy(pathlib.Path(scratch), cohort_text)
        exported = run([ahsct, "fhir", "export", original, "--now", NOW])
        if exported.returncode != 0:
            fail(f"round trip ({label}): the export failed\n{exported.stderr}")
        expected = json.loads(run([ahsct, "plan", original, "--now", NOW, "--format", "json"]).stdout)["patients"]
    bundle_text = exported.stdout
    cohort = yaml.load(cohort_text, Loader=yaml.BaseLoader)
    for patient in cohort["patients"]:
        for step in STEPS:
            patient.pop(step, None)
        if isinstance(patient["second-opinion"], dict):
            patient["second-opinion"] = patient["second-opinion"]["date"]
    with tempfile.TemporaryDirectory() as scratch:
        folder = pathlib.Path(scratch)
        stripped = example_copy(folder, yaml.safe_dump(cohort, sort_keys=False, allow_unicode=True, default_flow_style=None, width=1_000_000))
        bundle = folder / "bundle.json"
        bundle.write_text(bundle_text)
        out = run([ahsct, "fhir", "import", stripped, bundle, "--now", NOW])
        if out.returncode != 0:
            fail(f"round trip ({label}): the import was refused\n{out.stderr}")
        after = json.loads(run([ahsct, "plan", stripped, "--now", NOW, "--format", "json"]).stdout)["patients"]
        if after != expected:
            differing = [p["id"] for p, q in zip(after, expected) if p != q]
            fail(f"round trip ({label}): the plans of {differing} differ")
    print(f"ok   fhir round trip ({label}): {len(expected)} patients planned the same after export and import")


def self_test():
    """The checks must catch what they look for: a booked appointment without an end, an unknown status, a dangling
    reference, and an element R4 does not have."""
    base = {"resourceType": "Bundle", "type": "collection", "entry": [
        {"fullUrl": "urn:uuid:1", "resource": {"resourceType": "Patient", "id": "p"}},
        {"fullUrl": "urn:uuid:2", "resource": {"resourceType": "Appointment", "id": "a", "status": "booked",
                                               "start": "2026-11-24T08:00:00+01:00", "end": "2026-11-24T14:00:00+01:00",
                                               "participant": [{"actor": {"reference": "urn:uuid:1"}, "status": "accepted"}]}}]}
    planted = {
        "no end": lambda b: b["entry"][1]["resource"].pop("end"),
        "unknown participant status": lambda b: b["entry"][1]["resource"]["participant"][0].update(status="maybe"),
        "dangling reference": lambda b: b["entry"][1]["resource"]["participant"][0]["actor"].update(reference="urn:uuid:9"),
        "element R4 does not have": lambda b: b["entry"][1]["resource"].update(colour="blue"),
        "start after end": lambda b: b["entry"][1]["resource"].update(start="2026-11-24T15:00:00+01:00"),
        # 08:00 UTC to 08:30 at UTC+2 (06:30 UTC): it ends before it starts, though the text sorts the other way.
        "start after end across offsets": lambda b: b["entry"][1]["resource"].update(
            start="2026-11-24T08:00:00+00:00", end="2026-11-24T08:30:00+02:00"),
    }
    missed = []
    for name, plant in planted.items():
        bundle = json.loads(json.dumps(base))
        plant(bundle)
        try:
            check_bundle(json.dumps(bundle), name)
            missed.append(name)
        except Failure:
            pass
    check_bundle(json.dumps(base), "the clean bundle")
    # 09:00 at UTC+2 (07:00 UTC) to 08:30 at UTC+1 (07:30 UTC): in order, though the text sorts the other way.
    crossing = json.loads(json.dumps(base))
    crossing["entry"][1]["resource"].update(start="2026-11-24T09:00:00+02:00", end="2026-11-24T08:30:00+01:00")
    check_bundle(json.dumps(crossing), "a clean bundle across offsets")
    if missed:
        fail(f"fhir self-test: not caught: {missed}")
    print(f"ok   fhir self-test: {len(planted)} planted problems caught, the clean bundle passes")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ahsct", required=True)
    parser.add_argument("--self-test", action="store_true")
    args = parser.parse_args()
    if args.self_test:
        return self_test()
    ahsct = pathlib.Path(args.ahsct).resolve()
    exports = {
        "the example cohort": [ahsct, "fhir", "export", COHORT, "--now", NOW],
        "one patient": [ahsct, "fhir", "export", COHORT, "--now", NOW, "--patient", "P-0001"],
        "with names": [ahsct, "fhir", "export", COHORT, "--now", NOW, "--with-names"],
    }
    texts = {}
    for label, command in exports.items():
        first, second = run(command), run(command)
        if first.returncode != 0:
            fail(f"{label}: exit {first.returncode}\n{first.stderr}")
        if first.stdout != second.stdout:
            fail(f"{label}: two exports differ")
        texts[label] = first.stdout
        data = check_bundle(first.stdout, label)
        print(f"ok   fhir export ({label}): {len(data['entry'])} entries parse with fhir.resources R4B; "
              f"FHIRPath invariants, value sets and references hold; same bytes twice")
    # A declined answer (P-0010 on 24 November): a revoked care plan with cancelled activities is valid R4 too.
    declined = COHORT.read_text().replace("  - id: P-0010\n", "  - id: P-0010\n    committee-answer: {date: 2026-11-24, outcome: declined}\n")
    with tempfile.TemporaryDirectory() as scratch:
        cohort = example_copy(pathlib.Path(scratch), declined)
        out = run([ahsct, "fhir", "export", cohort, "--now", NOW, "--patient", "P-0010"])
        if out.returncode != 0:
            fail(f"declined: exit {out.returncode}\n{out.stderr}")
        data = check_bundle(out.stdout, "declined")
        if evaluate(data, "Bundle.entry.resource.ofType(CarePlan).status") != ["revoked"]:
            fail("declined: the care plan is not revoked")
        print(f"ok   fhir export (a declined answer): {len(data['entry'])} entries; the revoked care plan is valid R4")
    check_against_cohort(ahsct, json.loads(texts["the example cohort"]))
    print("ok   fhir export: appointments, encounters, patients and activities agree with the cohort and its plan")
    check_imports(ahsct)
    check_round_trip(ahsct, COHORT.read_text(), "the example cohort")
    check_round_trip(ahsct, declined, "with P-0010 declined")


if __name__ == "__main__":
    try:
        main()
    except Failure as failure:
        print(f"FAIL {failure}")
        sys.exit(1)
