#!/usr/bin/env python3
"""Fails when a patient-facing text shares a run of 6 or more consecutive words with a source document.

The hospital leaflets in ../shared/sources/ give the facts; the patient texts must say them in the project's own
words. This check reads every patient calendar (SUMMARY, DESCRIPTION and reminder text, parsed with the third-party
`icalendar` package) and every patient page (text content, parsed with html5lib), splits them into words (lower case,
letters and digits only; numbers and the names of hospitals left out, since those are facts that must match), and
looks for any run of 6 words that also stands in a source file.

Usage: own_words_check.py --sources ../shared/sources --folder DIR [--folder DIR …]   (patients/*.ics, *.html)
       own_words_check.py --sources ../shared/sources --self-test
"""
import argparse
import pathlib
import re
import sys

import html5lib
import icalendar

RUN = 6
HOSPITALS = ["amsterdam umc", "st antonius", "erasmus mc", "alrijne", "rijnstate", "zuyderland", "cwz", "vumc",
             "nieuwegein", "locatie"]
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def words(text):
    text = text.lower()
    for name in HOSPITALS:
        text = text.replace(name, " ")
    return WORD.findall(text)


def runs(tokens):
    return {tuple(tokens[i:i + RUN]) for i in range(len(tokens) - RUN + 1)}


def source_runs(folder):
    found = {}
    for path in sorted(pathlib.Path(folder).glob("*.txt")):
        for run in runs(words(path.read_text(encoding="utf-8", errors="replace"))):
            found.setdefault(run, path.name)
    return found


def calendar_texts(path):
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    for event in calendar.walk("VEVENT"):
        for key in ("SUMMARY", "DESCRIPTION"):
            if event.get(key):
                yield str(event.get(key))
        for alarm in event.walk("VALARM"):
            if alarm.get("DESCRIPTION"):
                yield str(alarm.get("DESCRIPTION"))


def page_texts(path):
    document = html5lib.parse(path.read_bytes(), treebuilder="etree", namespaceHTMLElements=False)
    body = document.find("body")
    for paragraph in (body.iter() if body is not None else []):
        text = "".join(paragraph.itertext()) if paragraph.tag in ("p", "h1", "h2", "li") else ""
        if text:
            yield text


def check(texts, sources):
    """(text, run, source) for every shared run."""
    hits = []
    for text in texts:
        for run in runs(words(text)):
            if run in sources:
                hits.append((text, " ".join(run), sources[run]))
    return hits


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sources", required=True)
    parser.add_argument("--folder", action="append", default=[])
    parser.add_argument("--self-test", action="store_true")
    args = parser.parse_args()
    folder = pathlib.Path(args.sources)
    if not folder.is_dir() or not list(folder.glob("*.txt")):
        print(f"FAIL no source documents in {folder}")
        return 1
    sources = source_runs(folder)
    if args.self_test:
        # A sentence lifted from a source must be found; the same facts in other words must not.
        first = sorted(folder.glob("*.txt"))[0].read_text(encoding="utf-8")
        lifted = " ".join(words(first)[200:212])
        own = "Reken op vier tot zes uur op de afdeling, en neem muziek mee."
        caught = check([lifted], sources)
        clean = check([own], sources)
        ok = bool(caught) and not clean
        print(("ok  " if ok else "FAIL") + f" own-words self-test: lifted text caught ({len(caught)} runs), own words clean")
        return 0 if ok else 1
    texts = []
    for name in args.folder:
        root = pathlib.Path(name)
        for path in sorted(root.glob("patients/*.ics")) + sorted(root.glob("*.ics")):
            if "patients" in path.parts:
                texts += [(path, t) for t in calendar_texts(path)]
        for path in sorted(root.glob("patients/*.html")):
            texts += [(path, t) for t in page_texts(path)]
    failures = 0
    seen = set()
    for path, text in texts:
        for _, run, source in check([text], sources):
            if (run, source) in seen:
                continue
            seen.add((run, source))
            failures += 1
            print(f"FAIL {path.name}: '{run}' also stands in {source}")
    print(f"own words: {len(texts)} patient texts checked against {len(sources)} six-word runs of the sources; "
          f"{failures} shared")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
