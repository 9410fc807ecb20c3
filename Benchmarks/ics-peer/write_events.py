"""The Python peer for Benchmarks/run-ics.sh: the same events written with `icalendar` (7.3.0).

    python write_events.py [--events N] [--repeat R] [--out FILE]

Builds the calendar Benchmarks/ics-bench (Swift) and Benchmarks/ics-c (C) write, property for property:
a VTIMEZONE for Europe/Amsterdam from 1970 (icalendar makes its own from zoneinfo, so that block differs),
and N events with UID, DTSTAMP, SEQUENCE, STATUS, SUMMARY, DESCRIPTION, LOCATION, CATEGORIES, CLASS, TRANSP,
DTSTART/DTEND with TZID, an RRULE on every 10th event and a VALARM -P1D on each. The bytes differ from
libical's (line folding, parameter order), so only the sizes are comparable, not the files.

Prints one machine-readable line:

    python-icalendar events=20000 build_serialize_s=8.123 bytes=12345678 build_s=3.2 serialize_s=4.9

build_serialize_s is the best of R runs of "make the components, serialize with to_ical()"; build_s and
serialize_s split that best run. Making the per-event Python values (strings, datetimes) is done before the clock starts.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, Timezone, vRecur

ZONE = "Europe/Amsterdam"
# Keep in step with Benchmarks/ics-bench/main.swift and Benchmarks/ics-c/write_events.c.
TITLES = ["Bloedafname", "Poli hematologie", "Dagbehandeling", "Stamcelinfusie", "Controle na ontslag"]
LOCATIONS = [
    "UMC Utrecht, Afdeling Hematologie, kamer 3",
    "Prinses Máxima Centrum, Poli B",
    "Huisartsenpraktijk De Linde",
    "Dagbehandeling C4, UMC Utrecht",
]
CATEGORIES = ["Ziekenhuis", "Bloedafname", "Behandeling"]
FIRST_DAY = date(2026, 1, 5)
NOW = datetime(2026, 1, 2, 9, 0, tzinfo=timezone.utc)


def prepare(count: int) -> list[dict]:
    """The per-event values (what the Swift side holds as Event values before writing)."""
    tz = ZoneInfo(ZONE)
    values = []
    for i in range(count):
        day = FIRST_DAY + timedelta(days=i // 8)
        start = datetime(day.year, day.month, day.day, 8 + i % 8, 15 * (i % 4), tzinfo=tz)
        summary = f"{TITLES[i % len(TITLES)]} #{i}"
        until_day = day + timedelta(days=28)
        values.append(
            {
                "uid": f"bench-{i}@ahsct-planner",
                "summary": summary,
                "description": (
                    f"Afspraak {i} in het kader van de stamceltransplantatie, graag 15 minuten eerder aanwezig.\n"
                    "Neem een geldig identiteitsbewijs en de medicatielijst mee."
                ),
                "location": LOCATIONS[i % len(LOCATIONS)],
                "category": CATEGORIES[i % len(CATEGORIES)],
                "status": "TENTATIVE" if i % 2 == 0 else "CONFIRMED",
                "start": start,
                "end": start + timedelta(hours=1),
                "until": (
                    datetime(until_day.year, until_day.month, until_day.day, 22, 59, 59, tzinfo=timezone.utc)
                    if i % 10 == 0
                    else None
                ),
                "alarm": f"Morgen: {summary}",
            }
        )
    return values


def build(values: list[dict]) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//ahsct-planner//ics-bench//EN")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "Bench")
    cal.add("x-wr-timezone", ZONE)
    cal.add_component(Timezone.from_tzid(ZONE, first_date=date(1970, 1, 1)))
    for v in values:
        event = Event()
        event.add("uid", v["uid"])
        event.add("dtstamp", NOW)
        event.add("sequence", 0)
        event.add("status", v["status"])
        event.add("summary", v["summary"])
        event.add("description", v["description"])
        event.add("location", v["location"])
        event.add("categories", [v["category"]])
        event.add("class", "CONFIDENTIAL")
        event.add("transp", "OPAQUE")
        event.add("dtstart", v["start"])
        event.add("dtend", v["end"])
        if v["until"] is not None:
            event.add("rrule", vRecur(freq="WEEKLY", until=v["until"], byday=["MO", "WE", "FR"]))
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", timedelta(days=-1))
        alarm.add("description", v["alarm"])
        event.add_component(alarm)
        cal.add_component(event)
    return cal


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--out")
    args = parser.parse_args()
    if args.events <= 0 or args.repeat <= 0:
        parser.error("--events and --repeat want a positive whole number")

    values = prepare(args.events)
    best = None
    for run in range(args.repeat):
        t0 = time.perf_counter()
        cal = build(values)
        t1 = time.perf_counter()
        data = cal.to_ical()
        t2 = time.perf_counter()
        if best is None or t2 - t0 < best[0]:
            best = (t2 - t0, t1 - t0, t2 - t1, len(data))
        if run == 0 and args.out:
            with open(args.out, "wb") as f:
                f.write(data)
        del cal, data
    total, build_s, serialize_s, size = best
    print(
        f"python-icalendar events={args.events} build_serialize_s={total:.3f} bytes={size} "
        f"build_s={build_s:.3f} serialize_s={serialize_s:.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
