#!/usr/bin/env python3
"""Checks the calendars `ahsct calendars` writes for the example cohort with third-party tools.

1. recurring-ical-events expands the ward calendar's blood counts; per patient the dates must equal the plan's
   (every Monday, Wednesday and Friday from day 0 up to the expected discharge, from `ahsct plan --format json`).
2. A radicale CalDAV server started here on 127.0.0.1 (temporary storage, no authentication) accepts every patient
   calendar: each event is PUT as its own resource (with the VTIMEZONE it needs), then a calendar-query REPORT with
   a time range around the event finds it by UID. The server is stopped at the end, whatever happens.

Usage: calendars_check.py --ahsct .build/debug/ahsct --calendars DIR [--cohort calendars/cohort.yaml]
"""
import argparse
import datetime
import json
import pathlib
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid

import icalendar
import recurring_ical_events

NOW = "2026-11-22"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def request(method: str, url: str, body: bytes | None = None, headers: dict | None = None) -> tuple[int, bytes]:
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ahsct", required=True)
    parser.add_argument("--calendars", required=True, type=pathlib.Path)
    parser.add_argument("--cohort", default="calendars/cohort.yaml")
    args = parser.parse_args()
    failures = []

    def check(label, ok, detail=""):
        print(f"{'ok  ' if ok else 'FAIL'} {label}{': ' + detail if detail and not ok else ''}")
        if not ok:
            failures.append(label)

    # 1. Blood counts in the ward calendar against the plan.
    plan = json.loads(subprocess.run([args.ahsct, "plan", args.cohort, "--now", NOW, "--format", "json"],
                                     capture_output=True, text=True, check=True).stdout)
    ward = icalendar.Calendar.from_ical((args.calendars / "ward.ics").read_bytes())
    occurrences = recurring_ical_events.of(ward).between(datetime.date(2000, 1, 1), datetime.date(2100, 1, 1))
    counted: dict[str, list[datetime.date]] = {}
    for event in occurrences:
        summary = str(event["SUMMARY"])
        if summary.endswith(": Bloedafname"):
            start = event["DTSTART"].dt  # all-day (a date) unless the site gives the counts an hour
            counted.setdefault(summary.split(":")[0], []).append(start.date() if isinstance(start, datetime.datetime) else start)
    for patient in plan["patients"]:
        isolation = next(step for step in patient["steps"] if step["step"] == "isolation")
        first = datetime.date.fromisoformat(isolation["start"]["expected"])
        last = datetime.date.fromisoformat(isolation["end"]["expected"])
        weekdays = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}
        wanted = {weekdays[day] for day in isolation.get("blood-counts", [])}
        expected = [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)
                    if (first + datetime.timedelta(days=n)).weekday() in wanted]
        got = sorted(counted.get(patient["id"], []))
        check(f"recurring-ical-events: {patient['id']} blood counts = plan ({len(expected)} days)", got == expected,
              f"got {got[:3]}… expected {expected[:3]}…")

    # 2. radicale over CalDAV.
    with tempfile.TemporaryDirectory() as scratch:
        port = free_port()
        config = pathlib.Path(scratch) / "config"
        config.write_text(f"""[server]
hosts = 127.0.0.1:{port}
[auth]
type = none
[storage]
filesystem_folder = {scratch}/collections
[logging]
level = warning
""", encoding="utf-8")
        server = subprocess.Popen([sys.executable, "-m", "radicale", "--config", str(config)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(100):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    time.sleep(0.1)
            check_radicale(base, args.calendars, check)
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        check("radicale server stopped", server.poll() is not None)
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


def check_radicale(base: str, folder: pathlib.Path, check) -> None:
    status, _ = request("MKCOL", f"{base}/test/")
    check("radicale MKCOL /test/", status == 201, f"status {status}")
    for path in sorted((folder / "patients").glob("*.ics")):
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        collection = f"{base}/test/{path.stem.lower()}-{uuid.uuid4().hex[:8]}/"
        status, _ = request("MKCALENDAR", collection)
        if status not in (201,):
            check(f"radicale MKCALENDAR for {path.name}", False, f"status {status}")
            continue
        # Split our own bytes (not a re-serialization): the header, the VTIMEZONEs, then one VEVENT per resource.
        text = path.read_text(encoding="utf-8")
        header = text.split("BEGIN:VTIMEZONE")[0].split("BEGIN:VEVENT")[0]
        zones = "".join("BEGIN:VTIMEZONE" + part.split("END:VTIMEZONE")[0] + "END:VTIMEZONE\r\n"
                        for part in text.split("BEGIN:VTIMEZONE")[1:])
        blocks = ["BEGIN:VEVENT" + part.split("END:VEVENT")[0] + "END:VEVENT\r\n" for part in text.split("BEGIN:VEVENT")[1:]]
        put_ok, found_ok, count = True, True, 0
        for block, event in zip(blocks, calendar.walk("VEVENT")):
            count += 1
            body_text = header + zones + block + "END:VCALENDAR\r\n"
            uid = str(event["UID"])
            resource = collection + uid.split("@")[0] + ".ics"
            status, body = request("PUT", resource, body_text.encode("utf-8"), {"Content-Type": "text/calendar; charset=utf-8"})
            if status not in (201, 204):
                put_ok = False
                check(f"radicale PUT {path.name} {uid}", False, f"status {status}: {body[:200]!r}")
                continue
            start = event["DTSTART"].dt
            day = start if isinstance(start, datetime.date) and not isinstance(start, datetime.datetime) else start.date()
            begin = (day - datetime.timedelta(days=1)).strftime("%Y%m%dT000000Z")
            end = (day + datetime.timedelta(days=2)).strftime("%Y%m%dT000000Z")
            query = f"""<?xml version="1.0" encoding="utf-8"?>
<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><C:calendar-data/></D:prop>
  <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">
    <C:time-range start="{begin}" end="{end}"/>
  </C:comp-filter></C:comp-filter></C:filter>
</C:calendar-query>""".encode()
            status, body = request("REPORT", collection, query, {"Depth": "1", "Content-Type": "application/xml; charset=utf-8"})
            if status != 207 or f"UID:{uid}".encode() not in body.replace(b"\r\n ", b""):
                found_ok = False
                check(f"radicale REPORT finds {path.name} {uid}", False, f"status {status}")
        check(f"radicale accepts {path.name}: {count} events PUT", put_ok)
        check(f"radicale time-range REPORT finds every event of {path.name}", found_ok)


if __name__ == "__main__":
    sys.exit(main())
