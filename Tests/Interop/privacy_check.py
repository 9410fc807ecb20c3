"""Scans what ahsct wrote for patient-data leaks (issue: robustness and safety, item 5).

    privacy_check.py --cohort calendars/cohort.yaml --folder calendars [--folder …]

Checks, over every .ics, .html, .md, .json and .csv under the folders:
- a patient's name appears only in that patient's own files (patients/<ID>.ics and patients/<ID>.html);
- a patient's own files hold no other patient's pseudonym or name;
- no SUMMARY line of any calendar carries a diagnosis word (titles show on lock screens);
- no SUMMARY line or reminder (VALARM) of a patient's own calendar names the treatment either (stamcel…, stem cell,
  chemo…, transplant…): staff calendars may;
- no UID carries a pseudonym, a name or a word of one, and no file name carries a name.
Prints one line per check and exits 1 on any finding, naming the file and line.
"""
import argparse
import pathlib
import re
import sys

import yaml

DIAGNOSIS = re.compile(r"\b(MS|RRMS|multiple\s+scler\w*|scler\w*|auto-?immu\w*|aHSCT|HSCT|stamceltransplant\w*|"
                       r"stem[- ]cell\s+transplant\w*)\b", re.IGNORECASE)
# Words that name the treatment: fine for staff, not on a patient's lock screen.
TREATMENT = re.compile(r"(stamcel\w*|stem[- ]?cells?|chemo\w*|transplant\w*)", re.IGNORECASE)
KINDS = {".ics", ".html", ".md", ".json", ".csv"}


def unfold(text):
    """iCalendar content lines with their continuations joined."""
    return re.sub(r"\r?\n[ \t]", "", text).splitlines()


def scan(patients, folders):
    findings = []
    files = sorted(f for folder in folders for f in pathlib.Path(folder).rglob("*") if f.suffix in KINDS and f.is_file())
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        own = path.stem if path.parent.name == "patients" and path.stem in patients else None
        for pid, name in patients.items():
            if name and name in text and pid != own:
                findings.append(f"{path}: the name of {pid} appears outside {pid}'s own files")
            if own and pid != own and re.search(rf"\b{re.escape(pid)}\b", text):
                findings.append(f"{path}: {own}'s file mentions another patient, {pid}")
            if name and any(part.lower() in path.name.lower() for part in re.findall(r"[A-Za-z]{3,}", name)):
                findings.append(f"{path}: the file name carries a word of {pid}'s name")
        if path.suffix == ".ics":
            in_alarm = False
            for number, line in enumerate(unfold(text), start=1):
                if line.startswith("BEGIN:VALARM"):
                    in_alarm = True
                elif line.startswith("END:VALARM"):
                    in_alarm = False
                value = line.split(":", 1)[-1]
                if line.startswith("SUMMARY") and DIAGNOSIS.search(value):
                    findings.append(f"{path}:{number}: a diagnosis word in a title: {line}")
                shown = line.startswith("SUMMARY") or (in_alarm and line.startswith("DESCRIPTION"))
                if own and shown and (DIAGNOSIS.search(value) or TREATMENT.search(value)):
                    findings.append(f"{path}:{number}: a treatment or diagnosis word on the patient's lock screen: {line}")
                if line.startswith("UID"):
                    uid = line.split(":", 1)[-1]
                    for pid, name in patients.items():
                        words = [pid] + re.findall(r"[A-Za-z]{3,}", name)
                        if any(word.lower() in uid.lower() for word in words):
                            findings.append(f"{path}:{number}: UID {uid} carries {pid}'s pseudonym or name")
    return files, findings


def self_test():
    """Each kind of leak, planted in a scratch folder, must be found."""
    import tempfile
    patients = {"P-1": "A. Bakker", "P-2": "J. de Vries"}
    with tempfile.TemporaryDirectory() as scratch:
        folder = pathlib.Path(scratch)
        (folder / "patients").mkdir()
        (folder / "ward.ics").write_text("BEGIN:VEVENT\r\nUID:P-1-admission@x\r\nSUMMARY:Opname A. Bakker\r\nEND:VEVENT\r\n")
        (folder / "patients" / "P-2.ics").write_text("BEGIN:VEVENT\r\nSUMMARY:Behandeling M\r\n S\r\nDESCRIPTION:zie ook P-1\r\nEND:VEVENT\r\n")
        (folder / "bakker.md").write_text("nothing\n")
        # Each treatment word in a patient's title or reminder (and allowed in a staff calendar and a description).
        words = ["Afspraak stamcelafname", "Stem cell collection", "Chemokuur", "Transplantatie", "stem-cell day",
                 "Multiple sclerose"]
        events = "".join(f"BEGIN:VEVENT\r\nSUMMARY:{word}\r\nEND:VEVENT\r\n" for word in words[:3])
        events += "".join(f"BEGIN:VEVENT\r\nSUMMARY:Afspraak\r\nDESCRIPTION:{word} (description: allowed)\r\n"
                          f"BEGIN:VALARM\r\nDESCRIPTION:Morgen: {word}\r\nEND:VALARM\r\nEND:VEVENT\r\n" for word in words[3:])
        (folder / "patients" / "P-1.ics").write_text(events)
        (folder / "staff.ics").write_text("BEGIN:VEVENT\r\nSUMMARY:P-1: stamcelafname\r\nEND:VEVENT\r\n")
        _, findings = scan(patients, [folder])
    lock = [f for f in findings if "lock screen" in f]
    expected = ["name of P-1 appears outside", "UID P-1-admission@x", "mentions another patient, P-1",
                "diagnosis word in a title", "file name carries a word of P-1's name"]
    expected += [f"lock screen: SUMMARY:{word}" for word in words[:3]]
    expected += [f"lock screen: DESCRIPTION:Morgen: {word}" for word in words[3:]]
    if any("staff.ics" in f for f in lock) or any("description: allowed" in f for f in lock):
        expected.append("nothing in a staff calendar or a description")
    missing = [e for e in expected if not any(e in f for f in findings)]
    print(f"{'ok  ' if not missing else 'FAIL'} privacy self-test: every planted leak found"
          + (f" (missing: {missing})" if missing else ""))
    return 1 if missing else 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cohort")
    parser.add_argument("--folder", action="append")
    parser.add_argument("--self-test", action="store_true")
    args = parser.parse_args()
    if args.self_test:
        return self_test()
    cohort = yaml.safe_load(pathlib.Path(args.cohort).read_text(encoding="utf-8"))
    patients = {p["id"]: (p.get("name") or "") for p in cohort["patients"]}
    files, findings = scan(patients, args.folder)
    print(f"{'ok  ' if not findings else 'FAIL'} privacy: {len(files)} files scanned for names, other patients, "
          f"diagnosis words in titles, identifying UIDs and file names")
    for finding in findings[:20]:
        print(f"     {finding}")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
