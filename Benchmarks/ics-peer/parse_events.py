"""The Python peer for the parse half of Benchmarks/run-ics.sh: an .ics file read with `icalendar` (7.3.0).

    python parse_events.py FILE

Reads the file, parses it with `Calendar.from_ical` (which turns every property value into its typed form as it
goes: datetimes with zones, durations, recurrence rules) and walks the VEVENTs, counting them, their properties and
their alarms, as Benchmarks/ics-c/parse_events.c does. Prints one machine-readable line:

    python-icalendar events=75000 properties=907500 alarms=75000 bytes=46342000 parse_s=26.1

parse_s is read + parse + walk; the run script measures the whole process (wall time, peak RSS) with /usr/bin/time.
"""

from __future__ import annotations

import argparse
import sys
import time

from icalendar import Calendar


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    args = parser.parse_args()

    t0 = time.perf_counter()
    with open(args.file, "rb") as f:
        data = f.read()
    calendar = Calendar.from_ical(data)
    events = properties = alarms = 0
    for event in calendar.walk("VEVENT"):
        events += 1
        properties += len(event)
        alarms += sum(1 for sub in event.subcomponents if sub.name == "VALARM")
    elapsed = time.perf_counter() - t0
    print(
        f"python-icalendar events={events} properties={properties} alarms={alarms} bytes={len(data)} "
        f"parse_s={elapsed:.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
