#!/usr/bin/env python3
"""Interoperability checks: do other iCalendar parsers read what ahsct writes the way ahsct does?

    python interop.py --ahsct PATH_TO_BINARY [--files F.ics ...] [--from 2026-09-01] [--to 2027-06-30] [--self-test]

Without --files it writes the demo calendar itself (`ahsct ics sample --now 2026-11-22`) into a temporary
directory and adds every `*.ics` under Tests/ICalendarTests/Snapshots/ of the repository this script lives in.

"Ours" is always ahsct's own reading of a file: `ahsct ics check` (event count) and
`ahsct ics occurrences --format json` (expansion; --from and --to are both included days, and an occurrence
is listed when its start falls on one of them, on its own clock). Every file is then read by

  icalendar              Calendar.from_ical must not raise or record errors; every VEVENT's DTSTART (and, for
                         non-recurring events, DTEND) must equal ours, as wall clock, zone and UTC instant.
  icalendar-vtimezone    every VTIMEZONE we embed, interpreted by icalendar (not looked up by name), must give
                         the same UTC offsets as the IANA database for every hour of the range.
  ical                   the strict parser must accept the file; event count and every DTSTART as above.
  ical-timeline          ical's own recurrence expansion: multiset of (uid, start, end) must equal ours.
  recurring-ical-events  multiset of (uid, start, end) in the range must equal ours; zoned starts compare as
                         wall clock + zone + UTC instant, so a DST slip in either direction shows.
  khal                   imported into a scratch calendar (local zone Europe/Amsterdam) and listed day by day;
                         the multiset of (day, uid, start, end) lines must equal what khal's day-overlap rule
                         gives for our occurrences (multi-day events appear on every day they touch).

--self-test also writes a copy of the sample with one DTSTART moved one hour later, reads it with the tools
and compares it with ahsct's reading of the unmodified sample: every tool must report the difference.

One line per check (`ok   TOOL FILE: …` or `FAIL TOOL FILE: …`), then `N passed, M failed`; exit status 1 when
anything failed, including a missing tool. Standard library plus the packages in requirements.txt.
"""

from __future__ import annotations

import argparse
import calendar as _calendar
import collections
import datetime as dt
import json
import os
import re
import subprocess
import sys
import tempfile
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path

UTC = dt.timezone.utc
KHAL_ZONE_NAME = "Europe/Amsterdam"
KHAL_ZONE = zoneinfo.ZoneInfo(KHAL_ZONE_NAME)
KHAL_DATETIME_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
SAMPLE_NOW = "2026-11-22"
UTC_NAMES = {"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Zulu", "Etc/Zulu", "Universal", "Etc/Universal"}
TOOLS = ("icalendar", "ical", "recurring-ical-events", "khal")
MAX_DETAILS = 8

# ---------------------------------------------------------------------------------------------------------
# Reporting


@dataclass
class Report:
    """Collects check results; prints them as they come unless quiet (the self-test's inner run)."""

    quiet: bool = False
    results: list[tuple[str, bool, str]] = field(default_factory=list)

    def add(self, name: str, passed: bool, detail: str) -> bool:
        self.results.append((name, passed, detail))
        if not self.quiet:
            print(f"{'ok  ' if passed else 'FAIL'} {name}: {detail}", flush=True)
        return passed

    def ok(self, name: str, detail: str) -> bool:
        return self.add(name, True, detail)

    def fail(self, name: str, detail: str) -> bool:
        return self.add(name, False, detail)

    def check(self, name: str, problems: list[str], ok_detail: str) -> bool:
        if problems:
            return self.fail(name, summarize(problems))
        return self.ok(name, ok_detail)

    @property
    def passed(self) -> int:
        return sum(1 for _, p, _ in self.results if p)

    @property
    def failed(self) -> int:
        return sum(1 for _, p, _ in self.results if not p)


def summarize(problems: list[str]) -> str:
    shown = "; ".join(problems[:MAX_DETAILS])
    if len(problems) > MAX_DETAILS:
        shown += f"; … and {len(problems) - MAX_DETAILS} more"
    return f"{len(problems)} problem{'s' if len(problems) != 1 else ''}: {shown}"


# ---------------------------------------------------------------------------------------------------------
# Canonical times. Both sides are reduced to tuples that compare equal only when they mean the same thing:
#   ("date", "2026-10-19")
#   ("zoned", "2026-10-26T08:30:00", "Europe/Amsterdam", "2026-10-26T07:30:00Z")   (start: with UTC instant)
#   ("zoned", "2026-10-26T08:45:00", "Europe/Amsterdam")                          (end: ours has no instant)
#   ("utc", "2026-10-26T07:30:00Z")
#   ("floating", "2026-10-26T08:30:00")


def wall(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%S")


def tz_name(tzinfo: dt.tzinfo) -> str:
    if tzinfo is UTC:
        return "UTC"
    for attribute in ("key", "zone"):  # zoneinfo, pytz
        name = getattr(tzinfo, attribute, None)
        if isinstance(name, str) and name:
            return name
    return str(tzinfo)


def canon_value(value, tzid: str | None = None, with_instant: bool = True):
    """A python date/datetime from a parser as a canonical time."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            return ("floating", wall(value))
        name = tzid or tz_name(value.tzinfo)
        instant = wall(value.astimezone(UTC)) + "Z"
        if name in UTC_NAMES:
            return ("utc", instant)
        return ("zoned", wall(value), name, instant) if with_instant else ("zoned", wall(value), name)
    if isinstance(value, dt.date):
        return ("date", value.isoformat())
    raise TypeError(f"not a date or datetime: {value!r}")


def canon_ours(occurrence: dict, which: str):
    """The start or end of one of ahsct's JSON occurrences as a canonical time (None when absent)."""
    text = occurrence.get(which)
    if text is None:
        return None
    if occurrence.get("allDay"):
        return ("date", text)
    zone = occurrence.get("timeZone")
    if zone:
        if zone in UTC_NAMES:
            return ("utc", occurrence["utcStart"] if which == "start" else text + "Z")
        if which == "start":
            return ("zoned", text, zone, occurrence.get("utcStart"))
        return ("zoned", text, zone)
    if text.endswith("Z"):
        return ("utc", text)
    return ("floating", text)


def without_instant(value):
    return value[:3] if value and value[0] == "zoned" else value


def default_end(start):
    """RFC 5545 3.6.1: no DTEND and no DURATION lasts one day (date) or zero time (date-time)."""
    if start[0] == "date":
        return ("date", (dt.date.fromisoformat(start[1]) + dt.timedelta(days=1)).isoformat())
    return without_instant(start)


def own_date(value) -> dt.date:
    """The day a canonical time falls on by its own clock (what ahsct's --from/--to filter on)."""
    return dt.date.fromisoformat(value[1][:10])


def show(value) -> str:
    if value is None:
        return "none"
    kind = value[0]
    if kind == "date":
        return f"{value[1]} (all-day)"
    if kind == "zoned":
        return f"{value[1]} {value[2]}" + (f" = {value[3]}" if len(value) > 3 else "")
    if kind == "utc":
        return value[1]
    return f"{value[1]} (floating)"


# ---------------------------------------------------------------------------------------------------------
# ahsct


class ToolError(Exception):
    pass


def run(command: list[str], env: dict | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", errors="replace",
                          env=env, timeout=timeout, stdin=subprocess.DEVNULL)


def first_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[0] if lines else "(no output)"


def ahsct_occurrences(ahsct: str, path: Path, start: dt.date, end: dt.date) -> list[dict]:
    result = run([ahsct, "ics", "occurrences", str(path), "--from", start.isoformat(), "--to", end.isoformat(),
                  "--format", "json"])
    if result.returncode != 0:
        raise ToolError(f"`ahsct ics occurrences` exited {result.returncode}: {first_line(result.stderr + result.stdout)}")
    try:
        items = json.loads(result.stdout)
    except json.JSONDecodeError as error:
        raise ToolError(f"`ahsct ics occurrences` printed invalid JSON: {error}")
    return items


def ahsct_check(ahsct: str, path: Path) -> tuple[int, str]:
    result = run([ahsct, "ics", "check", str(path)])
    if result.returncode != 0:
        raise ToolError(f"`ahsct ics check` exited {result.returncode}: {first_line(result.stderr + result.stdout)}")
    match = re.search(r":\s*(\d+) events?\b", result.stdout)
    if not match:
        raise ToolError(f"`ahsct ics check` printed no event count: {first_line(result.stdout)}")
    return int(match.group(1)), first_line(result.stdout).split(": ", 1)[-1]


@dataclass
class Ours:
    """ahsct's reading of one file."""

    count: int
    summary: str
    occurrences: list[dict]          # --from .. --to, as the user asked
    wide: list[dict]                 # from the earliest DTSTART (or --from) - 2 days to --to + 2 days


def vevent_start_days(text: str) -> list[dt.date]:
    """The days (first eight digits) of every DTSTART directly inside a VEVENT, read from the raw text."""
    days = []
    stack: list[str] = []
    for line in re.sub(r"\r?\n[ \t]", "", text).splitlines():
        upper = line.upper()
        if upper.startswith("BEGIN:"):
            stack.append(upper[6:].strip())
        elif upper.startswith("END:"):
            if stack:
                stack.pop()
        elif stack and stack[-1] == "VEVENT" and re.match(r"DTSTART[;:]", upper):
            match = re.search(r":(\d{4})(\d{2})(\d{2})", line)
            if match:
                try:
                    days.append(dt.date(*map(int, match.groups())))
                except ValueError:
                    pass
    return days


def read_ours(ahsct: str, path: Path, start: dt.date, end: dt.date) -> Ours:
    count, summary = ahsct_check(ahsct, path)
    occurrences = ahsct_occurrences(ahsct, path, start, end)
    days = vevent_start_days(path.read_text(encoding="utf-8"))
    wide_start = min(days + [start]) - dt.timedelta(days=2)
    wide_end = max(days + [end]) + dt.timedelta(days=2)
    wide = ahsct_occurrences(ahsct, path, wide_start, wide_end)
    return Ours(count, summary, occurrences, wide)


# ---------------------------------------------------------------------------------------------------------
# Per-VEVENT comparison shared by icalendar and ical


@dataclass
class ParsedEvent:
    uid: str
    start: tuple
    end: tuple | None               # DTEND, or DTSTART + DURATION, or None when neither is given
    recurrence_id: str | None       # its wall clock as in canonical times ("2026-09-15T08:00:00", "…Z", "2026-09-15")
    recurring: bool                 # RRULE or RDATE
    exdates: set = field(default_factory=set)


def compare_events(events: list[ParsedEvent], ours: Ours) -> list[str]:
    problems = []
    if len(events) != ours.count:
        problems.append(f"{len(events)} VEVENTs, ahsct counts {ours.count}")
    by_uid: dict[str, list[tuple]] = collections.defaultdict(list)
    for occurrence in ours.wide:
        by_uid[occurrence["uid"]].append((canon_ours(occurrence, "start"), canon_ours(occurrence, "end")))
    overridden = collections.defaultdict(set)
    for event in events:
        if event.recurrence_id is not None:
            overridden[event.uid].add(event.recurrence_id)
    for event in events:
        mine = by_uid.get(event.uid, [])
        starts = [start for start, _ in mine]
        if event.recurrence_id is not None:
            matching = [e for s, e in mine if s == event.start]
            if not matching or (event.end is not None and event.end not in matching):
                same_day = [f"{show(s)} – {show(e)}" for s, e in mine if s[1][:10] == event.start[1][:10]]
                problems.append(f"{event.uid} (RECURRENCE-ID {event.recurrence_id}): DTSTART {show(event.start)}"
                                f" DTEND {show(event.end)} is not among ahsct's occurrences (that day ahsct has "
                                f"{', '.join(same_day) or 'nothing'})")
        elif not event.recurring:
            expected = [(event.start, event.end)]
            got = [(s, e) for s, e in mine if s[1] not in overridden[event.uid]]
            if got != expected:
                ahsct_side = ", ".join(f"{show(s)} – {show(e)}" for s, e in got) or "no occurrence"
                problems.append(f"{event.uid}: DTSTART {show(event.start)} DTEND {show(event.end)}, ahsct has {ahsct_side}")
        elif event.start in event.exdates:
            if event.start in starts:
                problems.append(f"{event.uid}: DTSTART {show(event.start)} is excluded by EXDATE but ahsct lists it")
        elif event.start[1] in overridden[event.uid]:
            pass  # the overriding VEVENT is checked instead
        elif not starts:
            problems.append(f"{event.uid}: DTSTART {show(event.start)}, ahsct has no occurrence")
        elif starts[0] != event.start:
            problems.append(f"{event.uid}: DTSTART {show(event.start)}, ahsct's first occurrence is {show(starts[0])}")
    return problems


def multiset_problems(theirs: collections.Counter, mine: collections.Counter, describe, tool: str) -> list[str]:
    problems = []
    for key in sorted(mine - theirs, key=repr):
        problems.append(f"only ahsct has {describe(key)}" + (f" (×{(mine - theirs)[key]})" if (mine - theirs)[key] > 1 else ""))
    for key in sorted(theirs - mine, key=repr):
        problems.append(f"only {tool} has {describe(key)}" + (f" (×{(theirs - mine)[key]})" if (theirs - mine)[key] > 1 else ""))
    return problems


def describe_occurrence(key) -> str:
    uid, start, end = key
    return f"{uid} {show(start)} – {show(end)}"


def ours_occurrence_multiset(ours: Ours, adjust=None) -> collections.Counter:
    counter = collections.Counter()
    for occurrence in ours.occurrences:
        start = canon_ours(occurrence, "start")
        end = canon_ours(occurrence, "end")
        end = end if end is not None else default_end(start)
        if adjust:
            start, end = adjust(start, True), adjust(end, False)
        counter[(occurrence["uid"], start, end)] += 1
    return counter


def x_wr_timezone_reading(zone_name: str, changed: list):
    """How x_wr_timezone.to_standard, which recurring_ical_events.of applies first, rewrites a calendar with
    X-WR-TIMEZONE: UTC date-times become the same instant in that zone, floating ones that wall clock in it.
    Applied to our side, so that both are compared as recurring-ical-events means them."""
    zone = zoneinfo.ZoneInfo(zone_name)

    def adjust(value, with_instant: bool):
        if value is None or value[0] not in ("utc", "floating"):
            return value
        changed.append(value)
        if value[0] == "utc":
            local = dt.datetime.fromisoformat(value[1].replace("Z", "+00:00")).astimezone(zone)
        else:
            local = dt.datetime.fromisoformat(value[1]).replace(tzinfo=zone)
        return canon_value(local, zone_name, with_instant)

    return adjust


# ---------------------------------------------------------------------------------------------------------
# a. icalendar


def check_icalendar(report: Report, name: str, text: str, ours: Ours, start: dt.date, end: dt.date,
                    modules: dict) -> None:
    icalendar = modules["icalendar"]
    try:
        calendar = icalendar.Calendar.from_ical(text)
        components = list(calendar.walk())
        recorded = [f"{component.name}: {error}" for component in components for error in (component.errors or [])]
        if recorded:
            report.fail(f"icalendar {name}", summarize(["recorded parse error " + r for r in recorded]))
            return
        events = []
        for vevent in calendar.walk("VEVENT"):
            events.append(parsed_from_icalendar(vevent))
    except Exception as error:  # noqa: BLE001 - any exception is the finding
        report.fail(f"icalendar {name}", f"{type(error).__name__}: {error}")
        return
    report.check(f"icalendar {name}", compare_events(events, ours), f"{len(events)} events")
    check_vtimezones(report, name, calendar, start, end)


def icalendar_value(prop, with_instant=True):
    return canon_value(prop.dt, prop.params.get("TZID"), with_instant)


def parsed_from_icalendar(vevent) -> ParsedEvent:
    start_prop = vevent["DTSTART"]
    start = icalendar_value(start_prop)
    if "DTEND" in vevent:
        end = icalendar_value(vevent["DTEND"], with_instant=False)
    elif "DURATION" in vevent:
        end = canon_value(start_prop.dt + vevent["DURATION"].dt, start_prop.params.get("TZID"), False)
    else:
        end = None
    rid = icalendar_value(vevent["RECURRENCE-ID"])[1] if "RECURRENCE-ID" in vevent else None
    exdates = set()
    raw = vevent.get("EXDATE")
    for tree in (raw if isinstance(raw, list) else [raw] if raw is not None else []):
        for leaf in tree.dts:
            exdates.add(canon_value(leaf.dt, tree.params.get("TZID")))
    return ParsedEvent(uid=str(vevent.get("UID")), start=start, end=end, recurrence_id=rid,
                       recurring="RRULE" in vevent or "RDATE" in vevent, exdates=exdates)


def check_vtimezones(report: Report, name: str, calendar, start: dt.date, end: dt.date) -> None:
    """Our embedded VTIMEZONE definitions, read as rules (not by name), against the IANA database."""
    timezones = calendar.walk("VTIMEZONE")
    if not timezones:
        report.ok(f"icalendar-vtimezone {name}", "no VTIMEZONE in the file")
        return
    problems, compared, unnamed = [], [], []
    first = dt.datetime.combine(start, dt.time(), UTC)
    hours = int((dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), UTC) - first).total_seconds() // 3600)
    for vtimezone in timezones:
        tzid = str(vtimezone.get("TZID"))
        try:
            reference = zoneinfo.ZoneInfo(tzid)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            unnamed.append(tzid)
            continue
        try:
            from_rules = vtimezone.to_tz(lookup_tzid=False)
        except Exception as error:  # noqa: BLE001
            problems.append(f"{tzid}: icalendar cannot build a zone from the VTIMEZONE: {type(error).__name__}: {error}")
            continue
        wrong = []
        for hour in range(hours):
            instant = first + dt.timedelta(hours=hour)
            ours_offset = instant.astimezone(from_rules).utcoffset()
            iana_offset = instant.astimezone(reference).utcoffset()
            if ours_offset != iana_offset:
                wrong.append((instant, ours_offset, iana_offset))
        if wrong:
            instant, ours_offset, iana_offset = wrong[0]
            problems.append(f"{tzid}: {len(wrong)} hours with a wrong offset, first {wall(instant)}Z: VTIMEZONE gives "
                            f"{ours_offset}, IANA {iana_offset}")
        compared.append(tzid)
    if problems:
        report.fail(f"icalendar-vtimezone {name}", summarize(problems))
        return
    detail = f"{', '.join(compared) or 'nothing'} agrees with IANA tzdata for every hour {start} – {end}"
    if unnamed:
        detail += f" (not IANA names, compared by nobody: {', '.join(unnamed)})"
    report.ok(f"icalendar-vtimezone {name}", detail)


# ---------------------------------------------------------------------------------------------------------
# b. ical (strict)


def check_ical(report: Report, name: str, text: str, ours: Ours, start: dt.date, end: dt.date, modules: dict) -> None:
    stream = modules["ical.calendar_stream"]
    try:
        calendar = stream.IcsCalendarStream.calendar_from_ics(text)
        events = [parsed_from_ical(event) for event in calendar.events]
    except Exception as error:  # noqa: BLE001
        report.fail(f"ical {name}", f"{type(error).__name__}: {first_line(str(error))}")
        report.fail(f"ical-timeline {name}", "not run: ical could not read the file")
        return
    report.check(f"ical {name}", compare_events(events, ours), f"{len(events)} events")

    try:
        timeline = calendar.timeline_tz(KHAL_ZONE)
        window_start = dt.datetime.combine(start - dt.timedelta(days=2), dt.time(), UTC)
        window_end = dt.datetime.combine(end + dt.timedelta(days=3), dt.time(), UTC)
        theirs = collections.Counter()
        for occurrence in timeline.overlapping(window_start, window_end):
            first = canon_value(occurrence.dtstart)
            if not start <= own_date(first) <= end:
                continue
            last = ical_end(occurrence)
            theirs[(occurrence.uid, first, last if last is not None else default_end(first))] += 1
    except Exception as error:  # noqa: BLE001
        report.fail(f"ical-timeline {name}", f"{type(error).__name__}: {first_line(str(error))}")
        return
    problems = multiset_problems(theirs, ours_occurrence_multiset(ours), describe_occurrence, "ical")
    report.check(f"ical-timeline {name}", problems, f"{sum(theirs.values())} occurrences {start} – {end} agree")


def ical_end(event):
    if event.dtend is not None:
        return canon_value(event.dtend, with_instant=False)
    if event.duration is not None:
        return canon_value(event.dtstart + event.duration, with_instant=False)
    return None


def parsed_from_ical(event) -> ParsedEvent:
    start = canon_value(event.dtstart)
    rid = None
    if event.recurrence_id is not None:
        if isinstance(event.recurrence_id, dt.date):
            rid = canon_value(event.recurrence_id)[1]
        else:  # ical keeps RECURRENCE-ID as its text, 20260915T080000[Z] or 20260915
            match = re.fullmatch(r"(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2}))?(Z?)", str(event.recurrence_id))
            if match and match.group(4):
                rid = "{}-{}-{}T{}:{}:{}{}".format(*match.groups())
            elif match:
                rid = "{}-{}-{}".format(*match.groups()[:3])
            else:
                rid = str(event.recurrence_id)
    return ParsedEvent(uid=event.uid, start=start, end=ical_end(event), recurrence_id=rid,
                       recurring=bool(event.rrule) or bool(event.rdate),
                       exdates={canon_value(value) for value in (event.exdate or [])})


# ---------------------------------------------------------------------------------------------------------
# c. recurring-ical-events


def check_recurring(report: Report, name: str, text: str, ours: Ours, start: dt.date, end: dt.date,
                    modules: dict) -> None:
    icalendar, recurring = modules["icalendar"], modules["recurring_ical_events"]
    try:
        calendar = icalendar.Calendar.from_ical(text)
        occurrences = recurring.of(calendar).between(start - dt.timedelta(days=2), end + dt.timedelta(days=3))
        theirs = collections.Counter()
        for occurrence in occurrences:
            first = canon_value(occurrence["DTSTART"].dt)
            if not start <= own_date(first) <= end:
                continue  # overlaps the range but starts outside it: ahsct does not list those
            if "DTEND" in occurrence:
                last = canon_value(occurrence["DTEND"].dt, with_instant=False)
            elif "DURATION" in occurrence:
                last = canon_value(occurrence["DTSTART"].dt + occurrence["DURATION"].dt, with_instant=False)
            else:
                last = default_end(first)
            theirs[(str(occurrence["UID"]), first, last)] += 1
        x_wr_timezone = calendar.get("X-WR-TIMEZONE")
        changed: list = []
        adjust = x_wr_timezone_reading(str(x_wr_timezone), changed) if x_wr_timezone is not None else None
        mine = ours_occurrence_multiset(ours, adjust)
    except Exception as error:  # noqa: BLE001
        report.fail(f"recurring-ical-events {name}", f"{type(error).__name__}: {error}")
        return
    problems = multiset_problems(theirs, mine, describe_occurrence, "recurring-ical-events")
    note = ""
    if changed:
        note = (f" ({len(changed)} UTC or floating start/end times of ours compared as read in X-WR-TIMEZONE "
                f"{x_wr_timezone}, as recurring_ical_events.of does; same instants)")
    report.check(f"recurring-ical-events {name}", problems,
                 f"{sum(theirs.values())} occurrences {start} – {end} agree" + note)


# ---------------------------------------------------------------------------------------------------------
# d. khal

KHAL_EVENT_FORMAT = "EV\t{uid}\t{all-day}\t{start-full}\t{end-full}\t{start-date-full}\t{end-date-full}"
KHAL_DAY_FORMAT = "DAY {date}"


def khal_config(vdir: Path, database: Path) -> str:
    return f"""[calendars]
[[scratch]]
path = {vdir}
type = calendar

[locale]
local_timezone = {KHAL_ZONE_NAME}
default_timezone = {KHAL_ZONE_NAME}
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = {KHAL_DATETIME_FORMAT}
longdatetimeformat = {KHAL_DATETIME_FORMAT}
firstweekday = 0

[default]
default_calendar = scratch
show_all_days = False

[view]
blank_line_before_day = False

[sqlite]
path = {database}
"""


def khal_unix(value: dt.datetime) -> int:
    """khal's utils.to_unix_time: UTC seconds, fraction dropped; naive values are read as UTC."""
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return _calendar.timegm(value.timetuple())


def khal_days(first: dt.datetime, last: dt.datetime, start: dt.date, end: dt.date) -> list[dt.date]:
    """The days in start..end on which `khal list` shows an event running first..last.

    khal asks its database, per day D from 00:00 to 23:59:59.999999 local time, for
    `dtstart >= S AND dtstart <= E OR dtend > S AND dtend <= E OR dtstart <= S AND dtend >= E` (backend.py);
    aware times in local_timezone, floating and all-day ones naive. An all-day event is stored as its start
    day 00:00 to its (exclusive) DTEND day 00:00, so it shows on DTSTART .. DTEND - 1; a timed event ending
    at midnight does not show on the day it ends at.
    """
    zone = KHAL_ZONE if first.tzinfo is not None else None
    s, e = khal_unix(first), khal_unix(last)
    days = []
    day = (first.astimezone(zone) if zone else first).date()
    final = (last.astimezone(zone) if zone else last).date()
    while day <= final:
        if start <= day <= end:
            low = khal_unix(dt.datetime.combine(day, dt.time.min, zone))
            high = khal_unix(dt.datetime.combine(day, dt.time.max, zone))
            if low <= s <= high or low < e <= high or (s <= low and e >= high):
                days.append(day)
        day += dt.timedelta(days=1)
    return days


def khal_expected_line(occurrence: dict) -> tuple[dt.datetime, dt.datetime, tuple, bool]:
    """(start, end, fields, stretched) of one of our occurrences as khal prints it.

    khal.icalendar.sanitize_timerange gives an event without DTEND/DURATION, or with DTEND equal to DTSTART,
    one hour (date-time) or one day (date); RFC 5545 3.6.1 (and ahsct) give a date-time start without an end
    zero length. `stretched` says that rule applied, so the caller can say so.
    """
    uid = occurrence["uid"]
    start_text, end_text = occurrence["start"], occurrence.get("end")
    if occurrence["allDay"]:
        first_day = dt.date.fromisoformat(start_text)
        last_day = dt.date.fromisoformat(end_text) if end_text else first_day
        stretched = last_day == first_day
        if stretched:
            last_day = first_day + dt.timedelta(days=1)
        first = dt.datetime.combine(first_day, dt.time())
        last = dt.datetime.combine(last_day, dt.time())
        shown_last = last_day - dt.timedelta(days=1)  # khal prints the last day, not the exclusive DTEND
        return first, last, (uid, "all-day", first_day.isoformat(), shown_last.isoformat()), stretched and bool(end_text)
    zone_name = occurrence.get("timeZone")
    if zone_name:
        zone = zoneinfo.ZoneInfo(zone_name)
        first = dt.datetime.fromisoformat(occurrence["utcStart"].replace("Z", "+00:00"))
        last = dt.datetime.fromisoformat(end_text).replace(tzinfo=zone) if end_text else first
        plus_hour = dt.datetime.fromisoformat(start_text).replace(tzinfo=zone) + dt.timedelta(hours=1)
    elif start_text.endswith("Z"):
        first = dt.datetime.fromisoformat(start_text.replace("Z", "+00:00"))
        last = dt.datetime.fromisoformat(end_text.replace("Z", "+00:00")) if end_text else first
        plus_hour = first + dt.timedelta(hours=1)
    else:
        first = dt.datetime.fromisoformat(start_text)
        last = dt.datetime.fromisoformat(end_text) if end_text else first
        plus_hour = first + dt.timedelta(hours=1)
    stretched = last == first
    if stretched:
        last = plus_hour
    if first.tzinfo is not None:
        first, last = first.astimezone(KHAL_ZONE), last.astimezone(KHAL_ZONE)
        shown_first, shown_last = first, last
    else:
        # Floating: khal finds it by its naive wall clock but prints it localized to local_timezone
        # (pytz localize(is_dst=False): the later, standard-time reading of an hour that occurs twice).
        shown_first, shown_last = first.replace(tzinfo=KHAL_ZONE, fold=1), last.replace(tzinfo=KHAL_ZONE, fold=1)
    fields = (uid, "timed", shown_first.strftime(KHAL_DATETIME_FORMAT), shown_last.strftime(KHAL_DATETIME_FORMAT))
    return first, last, fields, stretched


def describe_khal(key) -> str:
    day, uid, kind, first, last = key
    return f"{day}: {uid} {first} – {last}" + (" (all-day, last day shown)" if kind == "all-day" else "")


def check_khal(report: Report, name: str, path: Path, ours: Ours, start: dt.date, end: dt.date,
               khal: Path, scratch: Path) -> None:
    label = f"khal {name}"
    scratch.mkdir(parents=True)
    vdir = scratch / "vdir"
    vdir.mkdir()
    config = scratch / "khal.conf"
    config.write_text(khal_config(vdir, scratch / "khal.db"), encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("XDG_", "KHAL"))}
    env.update(HOME=str(scratch), XDG_CONFIG_HOME=str(scratch / "config"), XDG_DATA_HOME=str(scratch / "data"),
               XDG_CACHE_HOME=str(scratch / "cache"), TZ="UTC", LC_ALL="C.UTF-8", LANG="C.UTF-8",
               PYTHONIOENCODING="utf-8")
    base = [str(khal), "--no-color", "-c", str(config)]

    imported = run(base + ["import", "--batch", "-a", "scratch", str(path)], env=env)
    if imported.returncode != 0 or imported.stdout.strip() or imported.stderr.strip():
        said = " | ".join(line.strip() for line in (imported.stderr + imported.stdout).splitlines() if line.strip())
        report.fail(label, f"`khal import` exited {imported.returncode} and said: {said or '(nothing)'}")
        return
    listed = run(base + ["list", "--format", KHAL_EVENT_FORMAT, "--day-format", KHAL_DAY_FORMAT,
                         start.isoformat(), end.isoformat()], env=env)
    if listed.returncode != 0 or listed.stderr.strip():
        said = " | ".join(line.strip() for line in listed.stderr.splitlines() if line.strip())
        report.fail(label, f"`khal list` exited {listed.returncode} and said: {said or first_line(listed.stdout)}")
        return

    problems = []
    theirs = collections.Counter()
    day = None
    for line in listed.stdout.splitlines():
        if line.startswith("DAY "):
            day = dt.date.fromisoformat(line[4:].strip())
        elif line.startswith("EV\t") and day is not None:
            parts = line.split("\t")
            if len(parts) != 7:
                problems.append(f"unparsable line {line!r}")
                continue
            _, uid, all_day, first, last, first_day, last_day = parts
            if all_day == "True":
                theirs[(day, uid, "all-day", first_day, last_day)] += 1
            else:
                theirs[(day, uid, "timed", first, last)] += 1
        elif line.strip():
            problems.append(f"unexpected output {line!r}")

    mine = collections.Counter()
    stretched = []
    for occurrence in ours.wide:
        try:
            first, last, fields, was_stretched = khal_expected_line(occurrence)
        except (ValueError, KeyError, zoneinfo.ZoneInfoNotFoundError) as error:
            problems.append(f"cannot place ahsct occurrence {occurrence.get('uid')} {occurrence.get('start')}: {error}")
            continue
        days = khal_days(first, last, start, end)
        for shown_day in days:
            mine[(shown_day, *fields)] += 1
        if was_stretched and days:
            stretched.append(occurrence["uid"])
    problems += multiset_problems(theirs, mine, describe_khal, "khal")
    detail = (f"{len(ours.occurrences)} occurrences {start} – {end} shown on the right days at the right "
              f"{KHAL_ZONE_NAME} times ({sum(theirs.values())} day lines)")
    if stretched:
        uids = sorted(set(stretched))
        detail += (f"; NOTE {len(stretched)} zero-length occurrences ({', '.join(uids)}: no DTEND/DURATION or "
                   f"DTEND = DTSTART) are shown by khal one hour long, by its own rule (RFC 5545 and ahsct: zero length)")
    report.check(label, problems, detail)


# ---------------------------------------------------------------------------------------------------------
# Driver


def check_file(report: Report, name: str, tool_file: Path, ours_file: Path, args, modules: dict, khal: Path | None,
               scratch: Path) -> None:
    """Reads tool_file with every tool and compares with ahsct's reading of ours_file (the same file, except in
    the self-test)."""
    try:
        ours = read_ours(args.ahsct, ours_file, args.start, args.end)
    except (ToolError, OSError, subprocess.TimeoutExpired) as error:
        report.fail(f"ahsct {name}", str(error))
        for tool in TOOLS:
            report.fail(f"{tool} {name}", "not compared: ahsct could not read the file")
        return
    report.ok(f"ahsct {name}", f"{ours.summary}; {len(ours.occurrences)} occurrences {args.start} – {args.end}")
    try:
        text = tool_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        report.fail(f"read {name}", str(error))
        return

    if modules.get("icalendar"):
        check_icalendar(report, name, text, ours, args.start, args.end, modules)
    else:
        report.fail(f"icalendar {name}", "python package icalendar is not installed")
    if modules.get("ical.calendar_stream"):
        check_ical(report, name, text, ours, args.start, args.end, modules)
    else:
        report.fail(f"ical {name}", "python package ical is not installed")
    if modules.get("icalendar") and modules.get("recurring_ical_events"):
        check_recurring(report, name, text, ours, args.start, args.end, modules)
    else:
        report.fail(f"recurring-ical-events {name}", "python package recurring-ical-events (or icalendar) is not installed")
    if khal is not None:
        try:
            check_khal(report, name, tool_file, ours, args.start, args.end, khal, scratch)
        except subprocess.TimeoutExpired as error:
            report.fail(f"khal {name}", f"timed out: {error}")
    else:
        report.fail(f"khal {name}", f"no khal executable next to {sys.executable}")


def load_modules(report: Report) -> dict:
    import importlib
    from importlib import metadata

    modules, versions, problems = {}, [], []
    for distribution, module in (("icalendar", "icalendar"), ("ical", "ical.calendar_stream"),
                                 ("recurring-ical-events", "recurring_ical_events")):
        try:
            modules[module] = importlib.import_module(module)
        except Exception as error:  # noqa: BLE001
            problems.append(f"cannot import {module} ({distribution}): {error}")
    pins = {}
    requirements = Path(__file__).resolve().parent / "requirements.txt"
    if requirements.is_file():
        for line in requirements.read_text(encoding="utf-8").splitlines():
            match = re.match(r"\s*([A-Za-z0-9_.-]+)\s*==\s*([^\s#;]+)", line)
            if match:
                pins[match.group(1).lower().replace("_", "-")] = match.group(2)
    for distribution in TOOLS:
        try:
            version = metadata.version(distribution)
        except metadata.PackageNotFoundError:
            problems.append(f"{distribution} is not installed in {sys.prefix}")
            continue
        versions.append(f"{distribution} {version}")
        if distribution in pins and pins[distribution] != version:
            problems.append(f"{distribution} {version} installed, requirements.txt pins {pins[distribution]}")
    if problems:
        report.fail("tools", summarize(problems))
    else:
        report.ok("tools", ", ".join(versions) + f" (python {sys.version.split()[0]})")
    return modules


def find_khal() -> Path | None:
    candidate = Path(sys.executable).parent / ("khal.exe" if os.name == "nt" else "khal")
    return candidate if candidate.is_file() and os.access(candidate, os.X_OK) else None


def repository_root() -> Path:
    here = Path(__file__).resolve().parent
    for directory in [here, *here.parents]:
        if (directory / "Package.swift").is_file():
            return directory
    return here.parent.parent


def write_sample(ahsct: str, out: Path) -> None:
    result = run([ahsct, "ics", "sample", "--out", str(out), "--now", SAMPLE_NOW])
    if result.returncode != 0 or not out.is_file():
        raise ToolError(f"`ahsct ics sample` exited {result.returncode}: {first_line(result.stderr + result.stdout)}")


def shift_one_dtstart(text: str) -> tuple[str, str, str]:
    """Moves one timed DTSTART of a VEVENT one hour later, preferring a non-recurring event (so that the only
    change is that start); returns the new text, what was changed and the event's UID."""
    lines = text.splitlines(keepends=True)
    stack: list[str] = []
    candidates = []  # (recurring, index, uid)
    current: list[int] = []
    recurring, uid = False, ""
    pattern = re.compile(r"^(DTSTART(?:;[^:\r\n]*)?:)(\d{8}T\d{6})(Z?)(\r?\n)?$")
    for index, line in enumerate(lines):
        upper = line.upper()
        if upper.startswith("BEGIN:"):
            stack.append(upper[6:].strip())
            if stack[-1] == "VEVENT":
                current, recurring, uid = [], False, ""
        elif upper.startswith("END:"):
            if stack and stack[-1] == "VEVENT":
                candidates += [(recurring, i, uid) for i in current]
            if stack:
                stack.pop()
        elif stack and stack[-1] == "VEVENT":
            if upper.startswith(("RRULE", "RDATE")):
                recurring = True
            elif upper.startswith("UID:"):
                uid = line[4:].strip()
            elif pattern.match(line):
                current.append(index)
    if not candidates:
        raise ToolError("no timed DTSTART in a VEVENT to shift")
    _, index, uid = sorted(candidates)[0]
    match = pattern.match(lines[index])
    moved = dt.datetime.strptime(match.group(2), "%Y%m%dT%H%M%S") + dt.timedelta(hours=1)
    new_value = moved.strftime("%Y%m%dT%H%M%S")
    lines[index] = f"{match.group(1)}{new_value}{match.group(3)}{match.group(4) or ''}"
    return "".join(lines), f"{match.group(1)}{match.group(2)}{match.group(3)} → {new_value}{match.group(3)}", uid


def self_test(report: Report, sample: Path, args, modules: dict, khal: Path | None, scratch: Path) -> None:
    label = "self-test"
    try:
        broken_text, change, uid = shift_one_dtstart(sample.read_text(encoding="utf-8"))
    except (ToolError, OSError) as error:
        report.fail(label, str(error))
        return
    scratch.mkdir(parents=True, exist_ok=True)
    broken = scratch / "sample-shifted.ics"
    broken.write_text(broken_text, encoding="utf-8")
    inner = Report(quiet=True)
    check_file(inner, broken.name, broken, sample, args, modules, khal, scratch / "checks")
    results = {name.split(" ", 1)[0]: (passed, detail) for name, passed, detail in inner.results}
    expected = ("icalendar", "ical", "ical-timeline", "recurring-ical-events", "khal")

    def caught_it(tool: str) -> bool:
        """Failed, and because of the moved event (not for some other reason)."""
        passed, detail = results.get(tool, (True, ""))
        return not passed and uid in detail

    caught = [tool for tool in expected if caught_it(tool)]
    missed = [tool for tool in expected if not caught_it(tool)]
    if results.get("ahsct", (False, ""))[0] is not True:
        report.fail(label, "ahsct could not read the unmodified sample")
    elif missed:
        report.fail(label, f"{broken.name} ({change}) was NOT caught by {', '.join(missed)}"
                           + (f"; caught by {', '.join(caught)}" if caught else ""))
    else:
        report.ok(label, f"{broken.name} ({change}) caught by {', '.join(caught)}")


def parse_arguments(argv: list[str]):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ahsct", required=True, help="path to the ahsct binary")
    parser.add_argument("--files", nargs="+", type=Path, help="calendars to check (default: a fresh sample plus "
                        "Tests/ICalendarTests/Snapshots/*.ics)")
    parser.add_argument("--from", dest="start", type=dt.date.fromisoformat, default=dt.date(2026, 9, 1),
                        help="first day, included (default 2026-09-01)")
    parser.add_argument("--to", dest="end", type=dt.date.fromisoformat, default=dt.date(2027, 6, 30),
                        help="last day, included (default 2027-06-30)")
    parser.add_argument("--self-test", action="store_true",
                        help="also check that a sample with one DTSTART moved by an hour is caught by every tool")
    args = parser.parse_args(argv)
    if args.start > args.end:
        parser.error(f"--from {args.start} is after --to {args.end}")
    args.ahsct = str(Path(args.ahsct).resolve()) if os.sep in args.ahsct else args.ahsct
    return args


def main(argv: list[str]) -> int:
    args = parse_arguments(argv)
    report = Report()
    modules = load_modules(report)
    khal = find_khal()
    if khal is None:
        report.fail("tools", f"no khal executable next to {sys.executable}")
    if not Path(args.ahsct).is_file() and os.sep in args.ahsct:
        report.fail("tools", f"ahsct binary {args.ahsct} does not exist")

    with tempfile.TemporaryDirectory(prefix="ahsct-interop-") as temporary:
        scratch = Path(temporary)
        files: list[tuple[str, Path]] = []
        sample = None
        if args.files:
            files = [(str(path), path.resolve()) for path in args.files]
        else:
            sample = scratch / "sample.ics"
            try:
                write_sample(args.ahsct, sample)
                files.append((sample.name, sample))
            except (ToolError, OSError) as error:
                report.fail("ahsct sample", str(error))
                sample = None
            root = repository_root()
            snapshots = root / "Tests" / "ICalendarTests" / "Snapshots"
            files += [(str(path.relative_to(root)), path) for path in sorted(snapshots.rglob("*.ics"))]
        for index, (name, path) in enumerate(files):
            check_file(report, name, path, path, args, modules, khal, scratch / f"file-{index}")
        if args.self_test:
            if sample is None:
                sample = scratch / "self-test-sample.ics"
                try:
                    write_sample(args.ahsct, sample)
                except (ToolError, OSError) as error:
                    report.fail("self-test", f"cannot write the sample: {error}")
                    sample = None
            if sample is not None:
                self_test(report, sample, args, modules, khal, scratch / "self-test")

    print(f"{report.passed} passed, {report.failed} failed")
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
