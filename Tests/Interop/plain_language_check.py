#!/usr/bin/env python3
"""Fails when a patient-facing text breaks the plain-language rules (B1) the patient texts are written to.

Reads every patient calendar (parsed with the third-party `icalendar` package) and every patient page (parsed with
html5lib) under the folders and checks, per file:
- long sentences: no sentence over 25 words;
- sentence share: as a rule at most 20 words, so no more than 10 % of the file's distinct sentences over 20 words;
- u-form (Dutch files only): no informal pronoun (je, jij, jou, jouw, jullie; whole words, any case);
- repeats: a calendar's DESCRIPTION paragraphs (split at blank lines) each stand in one event only, except the
  phone-numbers block (the paragraph that starts with "Telefoonnummers" / "Phone numbers"), which belongs in every
  event; a page shows no <p> or <li> text twice;
- ranges: no "between X and X" / "tussen X en X", "from X to X" / "van X tot (en met) X", or "X – X" with the same X
  (X a date in words such as "vrijdag 2 oktober 2026" or "2 and 2 October 2026", a time such as 09:00, or a number).

Which files: a patient calendar is any *.ics (searched recursively) whose PRODID contains //patient//; its language
is PRODID's //NL or //EN. A patient page is an *.html whose same-named *.ics beside it is a patient calendar
(P-0001.html beside P-0001.ics; so report.html and pages beside ward/staff calendars are skipped), or a page given
with --pages; its language is <html lang> (nl…/en…). A page without one of those languages is skipped (or fails, when
given with --pages). Ward and staff calendars are skipped.

What is text: a calendar event's SUMMARY and DESCRIPTION (the reminder's DESCRIPTION too, for the u-form and range
checks); a page's <body> with <style>, <script>, <code>, <pre> and <template> left out. URLs and e-mail addresses
count as one word. Sentences end at . ! ? : ; … followed by a space, a newline or the end, and at every newline
(<br> and block elements on a page); "1,5", "38.5", "09:00" and "P-0001.ics" do not end a sentence, nor do initials
("J. de Vries"), titles ("dr.", "St.") or abbreviations such as "bijv." / "e.g." before a lower-case word or a
digit. A word is a whitespace-separated token holding a letter or a digit.

Usage: plain_language_check.py --folder DIR [--folder DIR …] [--pages FILE …]
       plain_language_check.py --self-test
One line per file and check (`ok   …` / `FAIL …`, details indented below), then `N passed, M failed`; exit status 1
on any failure, or when no patient calendar is found.
"""
import argparse
import collections
import pathlib
import re
import sys
import tempfile

import html5lib
import icalendar

LONG = 25          # no sentence longer than this
RULE = 20          # as a rule at most this many words …
SHARE = 0.10       # … so at most this share of a file's sentences longer
SHOW = 12          # detail lines printed per check

INFORMAL = re.compile(r"\b(je|jij|jou|jouw|jullie)\b", re.IGNORECASE)
PHONES = {"nl": "Telefoonnummers", "en": "Phone numbers"}
URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b", re.IGNORECASE)
WORDY = re.compile(r"[^\W_]", re.UNICODE)
END = re.compile(r"[.!?:;…]+[\"'”’)\]]*(?=\s|$)")
# Abbreviations that end in a full stop but (before a lower-case word or a digit) not a sentence.
ABBREVIATIONS = {"bijv", "bv", "b.v", "d.w.z", "o.a", "m.a.w", "z.o.z", "enz", "etc", "e.g", "i.e", "ca", "evt",
                 "incl", "excl", "max", "min", "nr", "tel", "vs", "approx", "ong", "resp", "zgn", "a.u.b", "s.v.p",
                 "m.b.t", "i.p.v", "t.a.v", "z.s.m", "p.m", "a.m", "cf", "vgl", "i.v.m", "n.a.v"}
TITLES = {"dr", "drs", "mr", "mevr", "dhr", "mw", "prof", "st", "ir", "ing"}
SKIP = {"style", "script", "code", "pre", "template", "noscript", "head"}
BLOCKS = {"p", "li", "ul", "ol", "div", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "table", "dt", "dd",
          "dl", "section", "article", "header", "footer", "main", "nav", "aside", "blockquote", "figcaption",
          "caption", "details", "summary", "title", "form", "fieldset", "legend", "hr", "address"}

WEEKDAYS = ("maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|"
            "monday|tuesday|wednesday|thursday|friday|saturday|sunday")
MONTHS = {name: number for number, names in enumerate([
    ("januari", "january", "jan"), ("februari", "february", "feb"), ("maart", "march", "mrt", "mar"),
    ("april", "apr"), ("mei", "may"), ("juni", "june", "jun"), ("juli", "july", "jul"),
    ("augustus", "august", "aug"), ("september", "sept", "sep"), ("oktober", "october", "okt", "oct"),
    ("november", "nov"), ("december", "dec")], start=1) for name in names}
MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
# A date in words, its month and year optional (the first half of "2 and 2 October 2026" inherits them), a time, or
# a number (1,5 / 38.5).
ITEM = (rf"(?:(?:{WEEKDAYS})\s+)?\d{{1,2}}(?:\s+(?:{MONTH})\b\.?)?(?:\s+\d{{4}})?(?!\d|[:.,]\d)"
        rf"|\d{{1,2}}[:.]\d{{2}}(?!\d)|\d+(?:[.,]\d+)?")
RANGES = [re.compile(rf"\b(?:between|tussen)\s+(?P<a>{ITEM})\s+(?:and|en)\s+(?P<b>{ITEM})", re.IGNORECASE),
          re.compile(rf"\b(?:from|van|vanaf)\s+(?P<a>{ITEM})\s+(?:to|until|till|through|tot\s+en\s+met|t/m|tot)\s+"
                     rf"(?P<b>{ITEM})", re.IGNORECASE),
          re.compile(rf"(?<![\w:.,])(?P<a>{ITEM})\s*[–—-]\s*(?P<b>{ITEM})", re.IGNORECASE)]


# ---------------------------------------------------------------------------------------------------------- reading

def calendar_file(path):
    """(language, [(summary, description, alarm texts)]) of a patient calendar, or None for any other calendar."""
    try:
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
    except ValueError:
        return None
    prodid = str(calendar.get("PRODID", ""))
    if "//patient//" not in prodid.lower():
        return None
    language = {"//nl": "nl", "//en": "en"}.get(prodid.lower()[-4:])
    events = []
    for event in calendar.walk("VEVENT"):
        alarms = [str(alarm.get("DESCRIPTION")) for alarm in event.walk("VALARM") if alarm.get("DESCRIPTION")]
        events.append((str(event.get("SUMMARY", "")), str(event.get("DESCRIPTION", "")), alarms))
    return language, events


def page_file(path):
    """(language, visible body text with newlines between blocks, [<p>/<li> texts])."""
    document = html5lib.parse(path.read_bytes(), treebuilder="etree", namespaceHTMLElements=False)
    lang = (document.get("lang") or "").strip().lower()
    language = "nl" if lang.startswith("nl") else "en" if lang.startswith("en") else None
    body = document.find("body")
    parts = []

    def walk(element):
        if element.tag in SKIP or not isinstance(element.tag, str):
            return
        if element.tag == "br":
            parts.append("\n")
        block = element.tag in BLOCKS
        if block:
            parts.append("\n")
        parts.append(re.sub(r"\s+", " ", element.text or ""))      # a newline in the source is no line break
        for child in element:
            walk(child)
            parts.append(re.sub(r"\s+", " ", child.tail or ""))
        if block:
            parts.append("\n")

    def flat(element):
        out = [element.text or ""]
        for child in element:
            if isinstance(child.tag, str) and child.tag not in SKIP:
                out.append(flat(child))
            out.append(child.tail or "")
        return "".join(out)

    paragraphs = []
    if body is not None:
        walk(body)
        for element in body.iter():
            if element.tag == "p" or (element.tag == "li" and not any(
                    child.tag in BLOCKS for child in element.iter() if child is not element)):
                text = " ".join(flat(element).split())
                if text:
                    paragraphs.append(text)
    return language, "".join(parts), paragraphs


# ----------------------------------------------------------------------------------------------------------- rules

def sentences(text):
    """The sentences of a text, each with its whitespace collapsed."""
    out = []
    for line in URL.sub("link", text).splitlines():
        start = 0
        for match in END.finditer(line):
            if match.group().startswith(".") and len(match.group().rstrip("\"'”’)]")) == 1:
                word = line[:match.start()].split()[-1:] or [""]
                word = word[0].lstrip("(\"'‘“").lower()
                after = line[match.end():].lstrip()[:1]
                if (len(word) == 1 and word.isalpha()) or word in TITLES or \
                        (word in ABBREVIATIONS and (not after or after.islower() or after.isdigit())):
                    continue
            out.append(line[start:match.end()])
            start = match.end()
        out.append(line[start:])
    return [" ".join(s.split()) for s in out if count(s)]


def count(sentence):
    return sum(1 for token in sentence.split() if WORDY.search(token))


def length_findings(texts):
    """([(words, sentence)] over LONG, share over RULE, number of distinct sentences, longest)."""
    distinct = list(dict.fromkeys(s for text in texts for s in sentences(text)))
    long = [(count(s), s) for s in distinct if count(s) > LONG]
    over = [s for s in distinct if count(s) > RULE]
    share = len(over) / len(distinct) if distinct else 0.0
    return long, share, len(distinct), max((count(s) for s in distinct), default=0)


def informal_findings(texts):
    hits = collections.Counter()
    for text in texts:
        for match in INFORMAL.finditer(text):
            start = max(0, match.start() - 40)
            hits[f"'{match.group()}' in: …{' '.join(text[start:match.end() + 40].split())}…"] += 1
    return list(hits)


def parse_item(text):
    """(number, month, year) of a date, ('time', hh:mm) of a time, or (number, None, None)."""
    text = text.strip().lower()
    time = re.fullmatch(r"(\d{1,2})[:.](\d{2})", text)
    if time:
        return ("time", int(time.group(1)), int(time.group(2)))
    words = [w.rstrip(".") for w in text.split() if not re.fullmatch(WEEKDAYS, w)]
    number = words[0].replace(",", ".")
    month = next((MONTHS[w] for w in words[1:] if w in MONTHS), None)
    year = next((int(w) for w in words[1:] if w.isdigit() and len(w) == 4), None)
    return (number, month, year)


def range_findings(texts):
    found = []
    for text in texts:
        flat = " ".join(text.split())
        for index, pattern in enumerate(RANGES):
            for match in pattern.finditer(flat):
                a, b = parse_item(match.group("a")), parse_item(match.group("b"))
                if index == 2 and not ((a[0] == "time" and b[0] == "time") or (a[1] and b[1])):
                    continue       # "X – X" only between two dates in words or two times, not P-0001 or 11-60
                if a[0] != "time" and b[0] != "time":
                    a = (a[0], a[1] or b[1], a[2] or b[2])
                if a == b and match.group() not in found:
                    found.append(match.group())
    return found


def paragraphs(description):
    return [" ".join(p.split()) for p in re.split(r"\n[ \t]*\n", description) if p.strip()]


def calendar_repeats(events, language):
    """[(paragraph, [summaries])] for every paragraph in two or more events, the phone-numbers block left out."""
    where = collections.defaultdict(list)
    for summary, description, _ in events:
        for paragraph in paragraphs(description):
            where[paragraph].append(summary)
    phones = PHONES.get(language, "Telefoonnummers")
    return [(p, len(s), s) for p, s in where.items() if len(s) > 1 and not p.startswith(phones)]


def page_repeats(texts):
    return [(p, n, None) for p, n in collections.Counter(texts).items() if n > 1]


# ---------------------------------------------------------------------------------------------------------- running

class Report:
    def __init__(self, quiet=False):
        self.passed = self.failed = 0
        self.quiet = quiet
        self.findings = []           # (file name, check, detail) for the self-test

    def add(self, path, check, problems, summary):
        name = f"{path} {check}"
        self.findings += [(path.name, check, p) for p in problems]
        if problems:
            self.failed += 1
        else:
            self.passed += 1
        if self.quiet:
            return
        print(f"{'ok  ' if not problems else 'FAIL'} {name}: {summary}")
        for problem in problems[:SHOW]:
            print(f"     {problem}")
        if len(problems) > SHOW:
            print(f"     … and {len(problems) - SHOW} more")


def check_file(report, path, language, texts, sentence_texts, repeats):
    """The checks every file goes through; texts for u-form and ranges, sentence_texts for sentence length."""
    long, share, total, longest = length_findings(sentence_texts)
    report.add(path, f"long sentences ({language})", [f"{n} words: {s}" for n, s in long],
               f"{total} sentences, longest {longest} words (at most {LONG})")
    over = round(share * total)
    report.add(path, "sentence share", [] if share <= SHARE else
               [f"{over} of {total} sentences ({share:.0%}) have more than {RULE} words (at most {SHARE:.0%})"],
               f"{share:.0%} of {total} sentences over {RULE} words (at most {SHARE:.0%})")
    if language == "nl":
        report.add(path, "u-form", informal_findings(texts), "no je/jij/jou/jouw/jullie")
    shown = []
    for paragraph, times, where in repeats:
        if where is None:
            shown.append(f"'{paragraph[:80]}' stands {times} times on the page")
            continue
        counts = collections.Counter(where)
        names = [f"{n} ({counts[n]}×)" if counts[n] > 1 else n for n in dict.fromkeys(where)]
        more = f" … and {len(names) - 6} more" if len(names) > 6 else ""
        shown.append(f"'{paragraph[:80]}' stands in {times} events: " + "; ".join(names[:6]) + more)
    report.add(path, "repeated paragraphs", shown, "every paragraph stands once"
               + (" (phone numbers aside)" if path.suffix == ".ics" else ""))
    report.add(path, "ranges", [f"'{r}' (the same on both sides)" for r in range_findings(texts)],
               "no range from a date or time to the same one")


def run(folders, pages, report):
    calendars = sorted({p.resolve(): p for f in folders for p in pathlib.Path(f).rglob("*.ics")}.values())
    patient = {}
    for path in calendars:
        read = calendar_file(path)
        if read is None:
            continue
        patient[path.resolve()] = read
        language, events = read
        if language is None:
            report.add(path, "language", ["PRODID ends in neither //NL nor //EN"], "")
            continue
        texts = [t for summary, description, alarms in events for t in [summary, description, *alarms]]
        check_file(report, path, language, texts, [t for s, d, _ in events for t in (s, d)],
                   calendar_repeats(events, language))
    found = [p for f in folders for p in sorted(pathlib.Path(f).rglob("*.html"))
             if p.with_suffix(".ics").resolve() in patient]
    explicit = [pathlib.Path(p) for p in pages]
    for path in {p.resolve(): p for p in found + explicit}.values():
        language, text, blocks = page_file(path)
        if language is None:
            if path.resolve() in {p.resolve() for p in explicit}:
                report.add(path, "language", ["<html lang> is neither nl nor en"], "")
            continue
        check_file(report, path, language, [text], [text], page_repeats(blocks))
    return len(patient)


# ------------------------------------------------------------------------------------------------------- self-test

# 25 words: the longest a sentence may be.
LIMIT_SENTENCE = ("Op de dag van de opname meldt u zich om 08:00 bij de balie van de afdeling, met uw tas, "
                  "uw medicijnen en uw zorgpas.")
PHONE_NL = "Telefoonnummers\nAfspraken: 020 444 11 60\nBuiten kantooruren: 020 444 44 44"
GOOD_NL = [
    ("Polikliniek: gesprek",
     "Datum en tijd: maandag 4 januari 2027, 09:00–10:00 (Nederlandse tijd).\n\n"
     "Neem bijv. uw medicijnen mee en drink 1,5 tot 2 liter per dag. Meld koorts boven 38,5 °C meteen. "
     "Dr. Jansen van het St. Antonius ziet u om 09:00 uur. Lees meer op https://www.example.org/a.b.c/uitleg.html.\n\n"
     + PHONE_NL),
    ("Opname", "Datum: van maandag 4 januari 2027 tot en met vrijdag 8 januari 2027.\n\n"
     "U gaat naar huis tussen 8 en 15 januari 2027. De opname duurt 3 - 5 dagen. Bel J. de Vries.\n\n"
     f"{LIMIT_SENTENCE}\n\n" + PHONE_NL),
]
# 26 words, after splitting right: a colon, decimals, times and "bijv." inside.
LONG_SENTENCE = ("Neem bij elk bezoek bijv. een lijst van uw medicijnen, uw zorgpas en een geldig "
                 "identiteitsbewijs mee, want anders kan de afspraak om 09:00 niet doorgaan.")
MIDDLE = ("Neem bij elk bezoek een lijst van uw medicijnen mee en ook uw zorgpas, want die hebben wij "
          "altijd nodig bij de balie.")      # 22 words: over 20, not over 25
BAD_PAGE = """<!DOCTYPE html><html lang="en"><head><style>p{{margin:0}}</style></head><body>
<h1>My plan</h1><p>You are admitted between Friday 2 October 2026 and Friday 2 October 2026.</p>
<p>{long}</p><p>Drink enough.</p><p>Drink enough.</p><ul><li>Rest.</li><li>Rest.</li></ul>
<p><code>{code}</code></p></body></html>"""
GOOD_PAGE = """<!DOCTYPE html><html lang="nl"><head><style>p{{margin:0}}</style><script>var a = 1;</script></head>
<body><h1>Mijn behandelplan — J. de Vries</h1><p>U gaat naar huis tussen dinsdag 8 december 2026 en
dinsdag 15 december 2026.</p><p>Drink 1,5 liter per dag. Koorts boven 38,5 °C? Bel meteen.</p>
<p class="when">Gedaan — van 22 tot 28 september 2026</p><p><code>{code}</code></p>
<p>Afspraken: 020 444 11 60<br/>Buiten kantooruren: 020 444 44 44</p></body></html>"""


def write_calendar(path, kind, language, events):
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//ahsct-planner//{kind}//{language}")
    calendar.add("version", "2.0")
    for number, (summary, description) in enumerate(events):
        event = icalendar.Event()
        event.add("uid", f"{path.stem}-{number}@test")
        event.add("summary", summary)
        event.add("description", description)
        calendar.add_component(event)
    path.write_bytes(calendar.to_ical())


def self_test():
    words = " ".join(["woord"] * 30)
    split = sentences(GOOD_NL[0][1])
    expected_split = ["Datum en tijd:", "maandag 4 januari 2027, 09:00–10:00 (Nederlandse tijd).",
                      "Neem bijv. uw medicijnen mee en drink 1,5 tot 2 liter per dag.", "Meld koorts boven 38,5 °C meteen.",
                      "Dr. Jansen van het St. Antonius ziet u om 09:00 uur.", "Lees meer op link", "Telefoonnummers",
                      "Afspraken:", "020 444 11 60", "Buiten kantooruren:", "020 444 44 44"]
    with tempfile.TemporaryDirectory() as scratch:
        root = pathlib.Path(scratch)
        (root / "patients").mkdir()
        (root / "staff").mkdir()
        write_calendar(root / "patients" / "GOOD.ics", "patient", "NL", GOOD_NL)
        (root / "patients" / "GOOD.html").write_text(GOOD_PAGE.format(code=words), encoding="utf-8")
        # One long sentence; too many over 20; je/jullie; a repeated paragraph; each kind of degenerate range.
        write_calendar(root / "patients" / "LONG.ics", "patient", "NL",
                       [("Gesprek", f"{LONG_SENTENCE}\n\n{PHONE_NL}"), ("Opname", f"Kom op tijd.\n\n{PHONE_NL}")])
        write_calendar(root / "patients" / "SHARE.ics", "patient", "NL",
                       [("Gesprek", f"{MIDDLE}\n\nKom op tijd. Drink genoeg. Rust uit.")])
        write_calendar(root / "patients" / "INFORMAL.ics", "patient", "NL",
                       [("Gesprek", "Neem je zorgpas mee."), ("Opname", "Jullie mogen mee. Jouw kamer is klaar.")])
        write_calendar(root / "patients" / "REPEAT.ics", "patient", "EN",
                       [("Consultation", "Bring your medicines.\n\nPhone numbers\nUrgent: 112"),
                        ("Admission", "Rest well.\n\nBring your medicines.\n\nPhone numbers\nUrgent: 112"),
                        ("Home", "Bring  your\nmedicines.")])
        write_calendar(root / "patients" / "RANGES.ics", "patient", "NL",
                       [("Opname", "U gaat naar huis tussen vrijdag 2 oktober 2026 en vrijdag 2 oktober 2026."),
                        ("Thuis", "Herstel van maandag 4 januari 2027 tot en met maandag 4 januari 2027."),
                        ("Bloed", "Bloed prikken van 09:00 tot 09:00."),
                        ("Rust", "Rust tussen 2 en 2 januari 2027. Datum: 4 januari 2027 – 4 januari 2027.")])
        write_calendar(root / "patients" / "RANGES-EN.ics", "patient", "EN",
                       [("Stay", "You stay from Tuesday 24 November 2026 to Tuesday 24 November 2026.")])
        (root / "patients" / "BAD.ics").write_bytes((root / "patients" / "GOOD.ics").read_bytes())
        (root / "patients" / "BAD.html").write_text(BAD_PAGE.format(long=LONG_SENTENCE, code=words), encoding="utf-8")
        # Not patient texts: a staff calendar, report.html, and a page with no calendar beside it.
        bad = [("Gesprek", f"{LONG_SENTENCE}\n\nJe bent welkom tussen 2 en 2 januari 2027."),
               ("Gesprek", f"{LONG_SENTENCE}\n\nJe bent welkom tussen 2 en 2 januari 2027.")]
        write_calendar(root / "staff" / "nurse.ics", "staff", "NL", bad)
        write_calendar(root / "ward.ics", "ward", "NL", bad)
        (root / "report.html").write_text(BAD_PAGE.format(long=LONG_SENTENCE, code=words), encoding="utf-8")
        (root / "patients" / "ORPHAN.html").write_text(BAD_PAGE.format(long=LONG_SENTENCE, code=words))
        report = Report(quiet=True)
        found = run([root, root / "patients"], [], report)
    got = {(name, check.split(" (")[0]) for name, check, _ in report.findings}
    details = " | ".join(detail for _, _, detail in report.findings)
    # A sentence over 25 words is also over 20: LONG.ics and BAD.html fail the share too (1 of 9, 1 of 5 sentences).
    expected = {("LONG.ics", "long sentences"), ("LONG.ics", "sentence share"), ("SHARE.ics", "sentence share"), ("INFORMAL.ics", "u-form"),
                ("REPEAT.ics", "repeated paragraphs"), ("RANGES.ics", "ranges"), ("RANGES-EN.ics", "ranges"),
                ("BAD.html", "long sentences"), ("BAD.html", "sentence share"), ("BAD.html", "repeated paragraphs"), ("BAD.html", "ranges")}
    must = ["26 words: Neem bij elk bezoek bijv.", "'je' in", "'Jullie' in", "'Jouw' in",
            "'Bring your medicines.' stands in 3 events: Consultation; Admission; Home",
            "1 of 5 sentences (20%) have more than 20 words",
            "tussen vrijdag 2 oktober 2026 en vrijdag 2 oktober 2026", "van 09:00 tot 09:00",
            "van maandag 4 januari 2027 tot en met maandag 4 januari 2027", "tussen 2 en 2 januari 2027",
            "4 januari 2027 – 4 januari 2027", "from Tuesday 24 November 2026 to Tuesday 24 November 2026",
            "between Friday 2 October 2026 and Friday 2 October 2026", "'Drink enough.' stands 2 times",
            "'Rest.' stands 2 times"]
    checks = [
        ("sentences split at . ? : and newlines, not inside 1,5 / 38,5 / 09:00 / a URL, nor after bijv. Dr. St.",
         split == expected_split),
        ("every planted violation is caught", got >= expected and all(m in details for m in must)),
        ("good texts pass (decimals, times, bijv., dates, a URL, the phone-numbers block, <code>)",
         not any(name.startswith("GOOD") for name, _ in got)),
        ("only what was planted fails", got == expected),
        ("ward and staff calendars, report.html and a page with no calendar beside it are skipped",
         found == 8 and not any(n in ("nurse.ics", "ward.ics", "report.html", "ORPHAN.html") for n, _ in got)),
        ("the phone-numbers block may repeat", "Phone numbers" not in details and "Telefoonnummers" not in details),
    ]
    for name, passed in checks:
        print(f"{'ok  ' if passed else 'FAIL'} plain-language self-test: {name}")
    if not all(passed for _, passed in checks):
        print(f"     split: {split}")
        print(f"     found: {sorted(got)}")
        for finding in report.findings:
            print(f"     {finding}")
    passed = sum(1 for _, p in checks if p)
    print(f"{passed} passed, {len(checks) - passed} failed")
    return 0 if passed == len(checks) else 1


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--folder", action="append", default=[])
    parser.add_argument("--pages", nargs="+", default=[])
    parser.add_argument("--self-test", action="store_true")
    args = parser.parse_args()
    if args.self_test:
        return self_test()
    report = Report()
    calendars = run(args.folder, args.pages, report)
    if not calendars:
        print(f"FAIL plain language: no patient calendar (PRODID …//patient//…) in {', '.join(args.folder) or '(none)'}")
        report.failed += 1
    print(f"{report.passed} passed, {report.failed} failed")
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
