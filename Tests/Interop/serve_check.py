#!/usr/bin/env python3
"""Checks `ahsct serve` (calendar subscription feeds over HTTP) with third-party clients, not with ahsct's own code.

On a copy of the example cohort, `ahsct feeds issue` makes a feed for one patient and `ahsct serve --port 0` serves
it on 127.0.0.1. Then:
1. a real subscriber: vdirsyncer (`http` storage → `filesystem` vdir) syncs the feed and khal lists the vdir; the
   events khal shows are the feed's own (icalendar + recurring-ical-events). The patient's admission is moved with
   `ahsct record`; once the feed's ETag changes, a second sync leaves one file per event, no duplicates, and khal
   shows the moved events at their new dates and nothing at the old ones;
2. Thunderbird-style polling with httpx: conditional GETs (If-None-Match, If-Modified-Since), HEAD, and the
   privacy headers a feed must carry, never compressed;
3. hostile requests on a second server (`--idle-timeout 2`): path traversal sent raw, a 100 kB header and URI,
   requests without (or with two) Host headers, other methods than GET and HEAD,
   10,000 wrong secrets (rate limited with 429, none of them, nor the real secret, ever logged), slow clients closed
   after the idle timeout, /healthz still answering;
4. `ahsct feeds revoke` turns the feed into 410 Gone; SIGTERM stops the servers with exit 0 within 5 s.
Every wait is bounded; the servers are killed at the end whatever happens.

Quirks of the clients, found while writing this:
- vdirsyncer's `http` storage replaces each item's UID with a hash of its content (`_ignore_uids`), so the vdir's
  files are matched to the feed's events by content (every property but UID and DTSTAMP), not by UID.
- vdirsyncer's `verify` takes only a CA file path (`verify = false` is refused) and is not needed for plain
  http://127.0.0.1; its `http` storage needs `collections = null` in the pair and reads proxies from the
  environment (aiohttp, trust_env), so NO_PROXY is set for it here.
- khal's `list --once` drops recurrences (it keeps one line per UID), so it is not used: multi-day events are listed
  on every day they span and folded here.

Usage: serve_check.py --ahsct .build/debug/ahsct [--cohort calendars/cohort.yaml]
"""
import argparse
import collections
import datetime
import email.utils
import itertools
import json
import os
import pathlib
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import zoneinfo

import httpx
import icalendar
import recurring_ical_events
import yaml

NOW = "2026-11-22"
PATIENT = "P-0001"  # the patient whose feed is subscribed to
ZONE = zoneinfo.ZoneInfo("Europe/Amsterdam")
# The admission moved to: P-0001's harvest ended on 2026-11-11 and the admission may start up to 56 days later
# (2027-01-06); it is booked for 2027-01-04, so this moves the admission and everything after it by two days.
NEW_ADMISSION = "2027-01-06"
RANGE = ("2026-01-01", "2028-12-31")  # khal's and the expansion's window: the whole plan and more
SECRET = re.compile(r"[A-Za-z0-9_-]{43}")
WRONG_SECRETS = 10_000
TIMEOUT = 10  # seconds for any one HTTP exchange


class Failed(Exception):
    """A check that cannot go on; its message says what was asked and what came back."""


def run(command, timeout=120, env=None):
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env,
                          stdin=subprocess.DEVNULL)


# ---------------------------------------------------------------------------------------------------------------
# The server under test


class Server:
    """`ahsct serve` on 127.0.0.1, port 0; stdout and stderr are drained by threads into lists so no pipe fills."""

    def __init__(self, ahsct, cohort, *extra):
        self.command = [ahsct, "serve", str(cohort), "--host", "127.0.0.1", "--port", "0", "--now", NOW, *extra]
        self.proc = subprocess.Popen(self.command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     stdin=subprocess.DEVNULL)
        self.out, self.err = [], []
        first_line = threading.Event()
        threading.Thread(target=self._drain, args=(self.proc.stdout, self.out, first_line), daemon=True).start()
        threading.Thread(target=self._drain, args=(self.proc.stderr, self.err, None), daemon=True).start()
        if not first_line.wait(30) or not self.out:
            self.kill()
            raise Failed(f"`{' '.join(self.command[1:])}` printed no first line within 30 s "
                         f"(exit {self.proc.poll()}); stderr: {''.join(self.err)[-500:]!r}")
        match = re.fullmatch(r"listening on http://127\.0\.0\.1:(\d+)", self.out[0].rstrip("\r\n"))
        if not match:
            self.kill()
            raise Failed(f"first stdout line is {self.out[0]!r}, not 'listening on http://127.0.0.1:PORT'")
        self.port = int(match.group(1))
        self.url = f"http://127.0.0.1:{self.port}"

    @staticmethod
    def _drain(pipe, lines, first_line):
        for raw in iter(pipe.readline, b""):
            lines.append(raw.decode("utf-8", "replace"))
            if first_line:
                first_line.set()
        if first_line:
            first_line.set()  # end of output: stop waiting

    def output(self):
        return "".join(self.out) + "".join(self.err)

    def terminate(self, within=5.0):
        """SIGTERM; (exit status or None if still running after `within` seconds, seconds taken)."""
        start = time.monotonic()
        self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(within)
        except subprocess.TimeoutExpired:
            code = None
        return code, time.monotonic() - start

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)


def client(server):
    # trust_env=False: no proxy from the environment may stand between us and 127.0.0.1.
    return httpx.Client(base_url=server.url, timeout=TIMEOUT, trust_env=False)


def raw_exchange(port, data, timeout=5.0):
    """Sends bytes as they are (httpx would normalise the path) and reads until the server closes or `timeout`.
    Returns (bytes received, closed by the server)."""
    received = b""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        try:
            sock.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server may stop reading and close: that is an answer too
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            sock.settimeout(max(0.01, deadline - time.monotonic()))
            try:
                chunk = sock.recv(65536)
            except socket.timeout:
                return received, False
            except ConnectionResetError:
                return received, True
            if not chunk:
                return received, True
            received += chunk
    return received, False


def status_of(response_bytes):
    match = re.match(rb"HTTP/1\.[01] (\d{3})", response_bytes)
    return int(match.group(1)) if match else None


# ---------------------------------------------------------------------------------------------------------------
# Reading calendars


def feed_occurrences(body):
    """Counter of (start date in Europe/Amsterdam, summary) over every occurrence in RANGE, each event once."""
    calendar = icalendar.Calendar.from_ical(body)
    start, end = (datetime.date.fromisoformat(d) for d in RANGE)
    seen = set()
    for event in recurring_ical_events.of(calendar).between(start, end + datetime.timedelta(days=1)):
        begin = event["DTSTART"].dt
        if isinstance(begin, datetime.datetime):
            begin = (begin.astimezone(ZONE) if begin.tzinfo else begin).date()
        seen.add((begin.isoformat(), str(event["SUMMARY"]), str(event["UID"])))
    return collections.Counter((date, summary) for date, summary, _ in seen)


def event_signature(component):
    """An event's content lines, unfolded and sorted, without UID and DTSTAMP (which vdirsyncer rewrites)."""
    lines = component.to_ical().decode().replace("\r\n ", "").split("\r\n")
    return tuple(sorted(line for line in lines if line and not line.startswith(("UID", "DTSTAMP"))))


def feed_items(body):
    """{UID: frozenset of event signatures} (a master and its overrides share a UID)."""
    items = collections.defaultdict(set)
    for event in icalendar.Calendar.from_ical(body).walk("VEVENT"):
        items[str(event["UID"])].add(event_signature(event))
    return {uid: frozenset(signatures) for uid, signatures in items.items()}


def event_dates(body):
    """{UID: DTSTART as text} of the feed's VEVENTs."""
    return {str(e["UID"]): e["DTSTART"].to_ical().decode() for e in icalendar.Calendar.from_ical(body).walk("VEVENT")}


# ---------------------------------------------------------------------------------------------------------------
# The subscriber: vdirsyncer + khal


class Subscriber:
    def __init__(self, folder, feed_url):
        self.folder = folder
        self.vdir = folder / "vdir"
        self.vdir.mkdir()
        self.env = dict(os.environ, HOME=str(folder), NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost",
                        LC_ALL="C.UTF-8", XDG_CONFIG_HOME=str(folder / "config"), XDG_DATA_HOME=str(folder / "data"))
        self.vdirsyncer_config = folder / "vdirsyncer.conf"
        self.vdirsyncer_config.write_text(f"""\
[general]
status_path = "{folder / 'vdirsyncer-status'}/"

[pair feed]
a = "feed_remote"
b = "feed_local"
collections = null
conflict_resolution = "a wins"

[storage feed_remote]
type = "http"
url = "{feed_url}"

[storage feed_local]
type = "filesystem"
path = "{self.vdir}/"
fileext = ".ics"
""")
        self.khal_config = folder / "khal.conf"
        self.khal_config.write_text(f"""\
[calendars]
[[feed]]
path = {self.vdir}
type = calendar

[sqlite]
path = {folder / 'khal.db'}

[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
firstweekday = 0
local_timezone = Europe/Amsterdam
default_timezone = Europe/Amsterdam
""")

    def vdirsyncer(self, *arguments):
        result = run([sys.executable, "-m", "vdirsyncer", "-c", str(self.vdirsyncer_config), *arguments],
                     timeout=60, env=self.env)
        if result.returncode != 0:
            raise Failed(f"vdirsyncer {' '.join(arguments)}: exit {result.returncode}: "
                         f"{(result.stderr + result.stdout)[-800:]}")

    def khal(self):
        """Counter of (start date, title) over khal's events in RANGE, each event once (not once per day it spans)."""
        result = run([shutil.which("khal", path=str(pathlib.Path(sys.executable).parent)) or "khal",
                      "-c", str(self.khal_config), "list", "--day-format", "DAY {date}",
                      "--format", "EVENT|{start-date}|{uid}|{title}", *RANGE], timeout=60, env=self.env)
        if result.returncode != 0:
            raise Failed(f"khal list: exit {result.returncode}: {result.stderr[-800:]}")
        text = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)  # no colours, whatever khal decides
        seen, lines = set(), 0
        for line in text.splitlines():
            if line.startswith("EVENT|"):
                _, date, uid, title = line.split("|", 3)
                seen.add((date, uid, title))
                lines += 1
        if lines and not seen:
            raise Failed(f"khal printed nothing parseable: {text[:300]!r}")
        return collections.Counter((date, title) for date, _, title in seen)

    def files(self):
        """[(file name, {UIDs of its VEVENTs}, frozenset of event signatures)] of the vdir."""
        rows = []
        for path in sorted(self.vdir.glob("*.ics")):
            events = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
            rows.append((path.name, {str(e["UID"]) for e in events}, frozenset(event_signature(e) for e in events)))
        return rows


def compare_vdir(subscriber, body, problems, when):
    """One file per feed event (UID), each with one UID, no UID twice, same content as the feed."""
    files, items = subscriber.files(), feed_items(body)
    if len(files) != len(items):
        problems.append(f"{when}: {len(files)} files in the vdir, the feed has {len(items)} UIDs")
    several = [name for name, uids, _ in files if len(uids) != 1]
    if several:
        problems.append(f"{when}: files with other than one UID: {several[:5]}")
    uids = collections.Counter(uid for _, file_uids, _ in files for uid in file_uids)
    twice = [uid for uid, count in uids.items() if count > 1]
    if twice:
        problems.append(f"{when}: UIDs in more than one file: {twice[:5]}")
    theirs = collections.Counter(signature for _, _, signature in files)
    mine = collections.Counter(items.values())
    if theirs != mine:
        problems.append(f"{when}: vdir content differs from the feed: {sum((theirs - mine).values())} extra, "
                        f"{sum((mine - theirs).values())} missing event(s)")


def compare_khal(listed, expected, problems, when):
    if listed != expected:
        extra, missing = sorted((listed - expected).elements()), sorted((expected - listed).elements())
        problems.append(f"{when}: khal lists {sum(listed.values())} events, the feed has {sum(expected.values())}; "
                        f"extra {extra[:4]}, missing {missing[:4]}")


def check_subscriber(ahsct, cohort, server, feed_path):
    """Rule: a real CalDAV/webcal client subscribed to the feed sees exactly the feed's events, and after the plan
    changes it sees every event at its new date, once, with nothing left at the old dates."""
    problems = []
    folder = pathlib.Path(tempfile.mkdtemp(prefix="subscriber-", dir=cohort.parent))
    subscriber = Subscriber(folder, server.url + feed_path)
    with client(server) as http:
        first = http.get(feed_path)
    if first.status_code != 200:
        raise Failed(f"GET {{feed}} → {first.status_code}, expected 200")
    subscriber.vdirsyncer("discover")
    subscriber.vdirsyncer("sync")
    compare_vdir(subscriber, first.content, problems, "first sync")
    before_khal, before_feed = subscriber.khal(), feed_occurrences(first.content)
    compare_khal(before_khal, before_feed, problems, "first sync")

    # Move the admission; the server re-plans when the cohort file changes.
    old_etag = first.headers.get("etag")
    recorded = run([ahsct, "record", str(cohort), "--patient", PATIENT, "conditioning", NEW_ADMISSION,
                    "--now", NOW, "--by", "serve-check"])
    if recorded.returncode != 0:
        raise Failed(f"ahsct record … conditioning {NEW_ADMISSION}: exit {recorded.returncode}: {recorded.stderr}")
    start, second = time.monotonic(), None
    with client(server) as http:
        while time.monotonic() - start < 10:
            response = http.get(feed_path, headers={"If-None-Match": old_etag} if old_etag else {})
            if response.status_code == 200 and response.headers.get("etag") != old_etag:
                second = response
                break
            time.sleep(0.2)
    if second is None:
        raise Failed(f"the feed's ETag was still {old_etag} 10 s after `ahsct record` changed the cohort")
    waited = time.monotonic() - start

    subscriber.vdirsyncer("sync")
    compare_vdir(subscriber, second.content, problems, "after the move")
    after_khal, after_feed = subscriber.khal(), feed_occurrences(second.content)
    compare_khal(after_khal, after_feed, problems, "after the move")
    moved_in = after_feed - before_feed   # occurrences at new dates
    moved_out = before_feed - after_feed  # occurrences only at old dates
    if not moved_in or not moved_out:
        problems.append("the feed did not change its events after the admission moved")
    if any(after_khal[key] < count for key, count in moved_in.items()):
        problems.append(f"khal misses moved events at their new dates: {sorted(moved_in - after_khal)[:4]}")
    leftover = [key for key in moved_out if after_khal[key] > after_feed[key]]
    if leftover:
        problems.append(f"khal still shows events at their old dates: {sorted(leftover)[:4]}")
    # The admission itself, by its UID: at the new date in the feed, keeping its UID (an update, not a new event).
    old_dates, new_dates = event_dates(first.content), event_dates(second.content)
    admission = [uid for uid in new_dates if "admission" in uid]
    if not admission or NEW_ADMISSION.replace("-", "") not in new_dates[admission[0]]:
        problems.append(f"no admission event starting {NEW_ADMISSION} in the feed: {admission}")
    if set(old_dates) != set(new_dates):
        gone, new = sorted(set(old_dates) - set(new_dates)), sorted(set(new_dates) - set(old_dates))
        problems.append(f"moving the admission changed the feed's UIDs: {len(gone)} gone (e.g. {gone[:2]}), "
                        f"{len(new)} new (e.g. {new[:2]})")
    moved_uids = sorted(uid for uid in old_dates if uid in new_dates and old_dates[uid] != new_dates[uid])
    return problems, (f"vdirsyncer + khal: {sum(before_feed.values())} events match; admission moved to "
                      f"{NEW_ADMISSION}, ETag changed after {waited:.1f} s, {len(moved_uids)} events moved, "
                      f"{len(subscriber.files())} files, no duplicates, nothing left at old dates")


# ---------------------------------------------------------------------------------------------------------------
# Thunderbird-style polling


PRIVACY_HEADERS = {"referrer-policy": "no-referrer", "x-robots-tag": "noindex", "x-content-type-options": "nosniff"}


def header_problems(response, label):
    """Every feed response: not cacheable by shared caches, never indexed or referred, never compressed."""
    problems = []
    directives = {d.strip().lower() for d in response.headers.get("cache-control", "").split(",") if d.strip()}
    if directives != {"private", "no-cache"}:
        problems.append(f"{label}: Cache-Control {response.headers.get('cache-control')!r}, expected 'private, no-cache'")
    for name, value in PRIVACY_HEADERS.items():
        if response.headers.get(name, "").strip().lower() != value:
            problems.append(f"{label}: {name} {response.headers.get(name)!r}, expected {value!r}")
    if "content-encoding" in response.headers:
        problems.append(f"{label}: Content-Encoding {response.headers['content-encoding']!r} (asked with gzip)")
    return problems


def check_polling(server, feed_path):
    """Rule: a polling client (Thunderbird, Apple Calendar) revalidates cheaply: a strong ETag and Last-Modified,
    304 with no body when nothing changed (RFC 9110 §13), HEAD = GET's headers without a body."""
    problems = []
    gzip = {"Accept-Encoding": "gzip, deflate"}
    with client(server) as http:
        full = http.get(feed_path, headers=gzip)
        if full.status_code != 200:
            raise Failed(f"GET {{feed}} → {full.status_code}, expected 200")
        problems += header_problems(full, "GET")
        etag, modified = full.headers.get("etag"), full.headers.get("last-modified")
        content_type = full.headers.get("content-type", "")
        if content_type.replace(" ", "").lower() != "text/calendar;charset=utf-8":
            problems.append(f"GET: Content-Type {content_type!r}, expected 'text/calendar; charset=utf-8'")
        if not etag or not re.fullmatch(r'"[\x21\x23-\x7e]*"', etag):
            problems.append(f"GET: ETag {etag!r} is not a strong entity tag")
        if not modified or email.utils.parsedate_to_datetime(modified) is None:
            problems.append(f"GET: Last-Modified {modified!r} is not an HTTP date")
        for line in ("REFRESH-INTERVAL;VALUE=DURATION:PT1H", "X-PUBLISHED-TTL:PT1H"):
            if line not in full.text.replace("\r\n ", "").splitlines():
                problems.append(f"GET: the calendar has no line {line}")
        icalendar.Calendar.from_ical(full.content)  # parses, or the check fails with icalendar's error

        def conditional(label, headers, expected):
            response = http.get(feed_path, headers={**gzip, **headers})
            if response.status_code != expected:
                problems.append(f"{label}: {headers} → {response.status_code}, expected {expected}")
            elif expected == 304:
                if response.content:
                    problems.append(f"{label}: 304 with a {len(response.content)}-byte body")
                if response.headers.get("etag") != etag:
                    problems.append(f"{label}: 304 with ETag {response.headers.get('etag')!r}, not {etag!r}")
                length = response.headers.get("content-length")
                if length is not None and length != str(len(full.content)):  # RFC 9110 §8.6
                    problems.append(f"{label}: 304 with Content-Length {length}; if sent it must be the 200's "
                                    f"{len(full.content)} (RFC 9110 §8.6)")
            elif response.content != full.content:
                problems.append(f"{label}: 200 with another body than the plain GET")
            problems.extend(header_problems(response, label))

        if etag:
            conditional("If-None-Match", {"If-None-Match": etag}, 304)
            conditional("If-None-Match list", {"If-None-Match": f'"not-it", {etag}'}, 304)
            conditional("If-None-Match weak", {"If-None-Match": "W/" + etag}, 304)  # weak comparison, §13.1.2
            conditional("If-None-Match stale", {"If-None-Match": '"not-it"'}, 200)
            if modified:  # If-None-Match wins over If-Modified-Since (§13.2.2)
                conditional("If-None-Match stale + If-Modified-Since", {"If-None-Match": '"not-it"',
                                                                        "If-Modified-Since": modified}, 200)
        if modified:
            conditional("If-Modified-Since", {"If-Modified-Since": modified}, 304)
            earlier = email.utils.format_datetime(email.utils.parsedate_to_datetime(modified)
                                                  - datetime.timedelta(hours=1), usegmt=True)
            conditional("If-Modified-Since an hour earlier", {"If-Modified-Since": earlier}, 200)
        conditional("If-Modified-Since garbage", {"If-Modified-Since": "yesterday, around noon"}, 200)

    # HEAD, raw, so that a body sent after the headers cannot hide in a client's connection handling.
    received, closed = raw_exchange(server.port, f"HEAD {feed_path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                                 "Accept-Encoding: gzip\r\nConnection: close\r\n\r\n".encode())
    head, _, body = received.partition(b"\r\n\r\n")
    headers = {}
    for line in head.decode("latin-1").split("\r\n")[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if status_of(received) != 200:
        problems.append(f"HEAD: status {status_of(received)}, expected 200")
    if body:
        problems.append(f"HEAD: {len(body)} bytes of body after the headers")
    if not closed:
        problems.append("HEAD with Connection: close: the server kept the connection open")
    for name in ("etag", "last-modified", "content-type", "cache-control", *PRIVACY_HEADERS):
        if headers.get(name) != full.headers.get(name):
            problems.append(f"HEAD: {name} {headers.get(name)!r}, GET has {full.headers.get(name)!r}")
    if "content-length" in headers and headers["content-length"] != str(len(full.content)):  # RFC 9110 §8.6
        problems.append(f"HEAD {{feed}}: Content-Length {headers['content-length']}, but GET's body is "
                        f"{len(full.content)} bytes; a HEAD response may only send the length GET would send "
                        f"(RFC 9110 §8.6, §9.3.2)")
    return problems, (f"200 with strong ETag, 304 on If-None-Match (exact, list, weak) and If-Modified-Since, 200 on "
                      f"stale or garbage validators, HEAD = GET without body, private/no-cache, no-referrer, "
                      f"noindex, nosniff, never gzip ({len(full.content)} bytes)")


# ---------------------------------------------------------------------------------------------------------------
# Hostile requests


TRAVERSALS = [
    "/feeds/../../etc/passwd",
    "/feeds/%2e%2e/%2e%2e/etc/passwd",
    "/feeds/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/feeds/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/feeds/%252e%252e%252f%252e%252e%252fetc%252fpasswd",
    "/feeds/..%5c..%5c..%5cetc%5cpasswd",
    "/feeds/....//....//etc/passwd",
    "/feeds/../../../../../../etc/passwd%00.ics",
    "/../../../../etc/passwd",
    "/report/../../etc/passwd",
    "/feeds/..%2f..%2fcohort.yaml",
    "/feeds/%2e%2e%2fcohort.yaml",
    "/feeds/../cohort.yaml",
    "/feeds/..%2f.ahsct%2ffeeds.json",
    "//etc/passwd",
]


def check_traversal(server, cohort):
    """Rule: only the routes exist; no path, however encoded, reaches a file (/etc/passwd, the cohort with names,
    the state folder)."""
    problems = []
    names = [p["name"] for p in yaml.safe_load(cohort.read_text())["patients"] if p.get("name")]
    for path in TRAVERSALS:
        received, _ = raw_exchange(server.port, f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                                "Connection: close\r\n\r\n".encode())
        status = status_of(received)
        text = received.decode("utf-8", "replace")
        if status == 200 or "root:" in text or "patients:" in text or any(n in text for n in names):
            problems.append(f"GET {path} → {status}: {text[:200]!r}")
    return problems, f"{len(TRAVERSALS)} traversal paths sent raw: none 200, no file contents"


def healthy(server):
    with client(server) as http:
        response = http.get("/healthz")
    if response.status_code != 200:
        return f"/healthz → {response.status_code}"
    try:
        json.loads(response.text)
    except ValueError:
        return f"/healthz is not JSON: {response.text[:100]!r}"
    return None


def check_big_request(server, feed_path):
    """Rule: an oversized request is refused (4xx, e.g. 431/414) or the connection closed, and the server lives on."""
    problems, outcomes = [], []
    big = "a" * 100_000
    for label, request in [
        ("100 kB header", f"GET {feed_path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: {big}\r\nConnection: close\r\n\r\n"),
        ("100 kB URI", f"GET /feeds/{big}.ics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"),
    ]:
        received, closed = raw_exchange(server.port, request.encode(), timeout=10)
        status = status_of(received)
        if status is None and not closed:
            problems.append(f"{label}: no answer and the connection still open after 10 s")
        elif status is not None and not 400 <= status < 500:
            problems.append(f"{label}: → {status} {received[:120]!r}, expected 4xx or a closed connection")
        outcomes.append(f"{label} → {status or 'closed'}")
    if (problem := healthy(server)) is not None:
        problems.append(f"after the big requests: {problem}")
    return problems, ", ".join(outcomes) + ", still healthy"


def check_malformed(server, feed_path):
    """Rule: HTTP/1.1 framing is enforced (RFC 9112 §3.2: no Host, or two, is 400) and no other method than GET
    and HEAD does anything to a feed."""
    problems, outcomes = [], []

    def send(label, request, acceptable, describe):
        received, closed = raw_exchange(server.port, request.encode())
        status = status_of(received)
        if not acceptable(status, closed):
            problems.append(f"{label}: {request.splitlines()[0]!r} → {status or 'no answer'}"
                            f"{' (closed)' if closed else ''}, expected {describe}")
        outcomes.append(f"{label} {status or 'closed'}")

    send("no Host", "GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n", lambda s, c: s == 400, "400")
    send("two Hosts", "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: example.org\r\nConnection: close\r\n\r\n",
         lambda s, c: s == 400, "400")
    # HTTP/1.0 does not require Host: answering it or refusing it are both allowed, as long as it answers.
    send("HTTP/1.0 without Host", "GET /healthz HTTP/1.0\r\n\r\n", lambda s, c: s in (200, 400), "200 or 400")
    send("garbage request line", "HELLO\r\n\r\n", lambda s, c: s == 400 or (s is None and c), "400 or close")
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        send(method, f"{method} {feed_path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n"
                     "Connection: close\r\n\r\n", lambda s, c: s in (405, 501), "405 or 501")
    with client(server) as http:
        after = http.get(feed_path).status_code
    if after != 200:
        problems.append(f"GET {{feed}} after POST/PUT/DELETE/PATCH → {after}, expected 200 (unchanged)")
    return problems, ", ".join(outcomes) + "; the feed unchanged"


def check_slow_clients(server):
    """Rule: a client that stops sending (mid request line, mid headers, or idle between requests) is
    disconnected after the idle timeout (2 s here), so it cannot hold a connection for ever."""
    problems, outcomes, threads = [], {}, []

    def hold(label, data):
        start = time.monotonic()
        with socket.create_connection(("127.0.0.1", server.port), timeout=12) as sock:
            sock.sendall(data)
            try:
                while sock.recv(4096):
                    pass
            except (socket.timeout, TimeoutError):
                outcomes[label] = None
                return
            except ConnectionResetError:
                pass
        outcomes[label] = time.monotonic() - start

    cases = {
        "partial request line": b"GET /feeds/",
        "partial headers": b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n",
        "idle keep-alive": b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    }
    for label, data in cases.items():
        threads.append(threading.Thread(target=hold, args=(label, data), daemon=True))
        threads[-1].start()
    for thread in threads:
        thread.join(15)
    for label in cases:
        taken = outcomes.get(label)
        if taken is None or taken > 10:
            problems.append(f"{label}: still open after {12 if taken is None else round(taken)} s")
    summary = ", ".join(f"{label} closed after {outcomes[label]:.1f} s" for label in cases
                        if outcomes.get(label) is not None)
    return problems, summary


def check_flood(server, feed_path, real_secret):
    """Rule: guessing secrets does not scale: after a limit, unknown secrets from one address get 429, never 200;
    and no secret, wrong or right, is ever written to the server's output."""
    problems = []
    wrong = [secrets.token_urlsafe(32) for _ in range(WRONG_SECRETS)]
    assert all(len(s) == 43 for s in wrong) and real_secret not in wrong
    order = itertools.count()
    results, errors = [], collections.Counter()
    deadline = time.monotonic() + 60
    workers = 8

    def worker(chunk):
        with client(server) as http:
            for secret in chunk:
                if time.monotonic() > deadline:
                    return
                try:
                    status = http.get(f"/feeds/{secret}.ics").status_code
                except httpx.HTTPError as error:
                    errors[type(error).__name__] += 1
                    status = None
                results.append((next(order), status))

    start = time.monotonic()
    threads = [threading.Thread(target=worker, args=(wrong[i::workers],), daemon=True) for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(70)
    taken = time.monotonic() - start
    statuses = [status for _, status in sorted(results)]
    counts = collections.Counter(statuses)
    if len(statuses) < WRONG_SECRETS:
        problems.append(f"only {len(statuses)} of {WRONG_SECRETS} requests done in {taken:.0f} s")
    if counts[200]:
        problems.append(f"{counts[200]} wrong secrets → 200")
    if 429 not in counts:
        problems.append(f"no 429 at all: {dict(counts)}")
    else:
        first = statuses.index(429)
        after = statuses[first:]
        share = after.count(429) / len(after)
        if share < 0.9:
            problems.append(f"after the first 429 (request {first + 1}) only {share:.0%} are 429: "
                            f"{dict(collections.Counter(after))}")
    if sum(errors.values()) > len(statuses) // 10:
        problems.append(f"{sum(errors.values())} requests got no HTTP answer: {dict(errors)}")
    # Output is drained by threads: give them a moment to catch up with the last log lines.
    time.sleep(0.5)
    output = server.output()
    leaked = set(SECRET.findall(output)) & set(wrong)
    if leaked:
        problems.append(f"{len(leaked)} wrong secrets appear in the server's output, e.g. {sorted(leaked)[0][:8]}…")
    if real_secret in output:
        problems.append("the real secret appears in the server's output")
    if (problem := healthy(server)) is not None:
        problems.append(f"after the flood: {problem}")
    with client(server) as http:
        real_after = http.get(feed_path).status_code  # informative: is the real subscriber locked out too?
    first_429 = statuses.index(429) + 1 if 429 in counts else None
    return problems, (f"{len(statuses)} wrong secrets in {taken:.1f} s: {dict(sorted(counts.items(), key=str))}, "
                      f"first 429 at request {first_429}; none logged; /healthz 200; "
                      f"the real secret from the same address then → {real_after}")


# ---------------------------------------------------------------------------------------------------------------
# Revocation and shutdown


def check_revoke(ahsct, cohort, servers, feed_path):
    """Rule: a revoked feed is gone for good (410, the page too), at once, without restarting the server."""
    problems = []
    page = feed_path[:-len(".ics")] + ".html"
    server = servers[0]
    with client(server) as http:
        before = http.get(page)
        if before.status_code != 200 or not before.headers.get("content-type", "").startswith("text/html"):
            problems.append(f"GET {{feed}}.html before revoking → {before.status_code} "
                            f"{before.headers.get('content-type')!r}, expected 200 text/html")
        revoked = run([ahsct, "feeds", "revoke", str(cohort), "--patient", PATIENT])
        if revoked.returncode != 0:
            raise Failed(f"feeds revoke: exit {revoked.returncode}: {revoked.stderr}")
        start, status = time.monotonic(), None
        while time.monotonic() - start < 5:
            status = http.get(feed_path).status_code
            if status == 410:
                break
            time.sleep(0.2)
        taken = time.monotonic() - start
        if status != 410:
            problems.append(f"GET {{feed}}.ics after revoking → {status} for 5 s, expected 410")
        page_status = http.get(page).status_code
        if page_status != 410:
            problems.append(f"GET {{feed}}.html after revoking → {page_status}, expected 410")
    listing = run([ahsct, "feeds", "list", str(cohort), "--format", "json"])
    if feed_path.split("/")[-1][:-4] in listing.stdout + listing.stderr:
        problems.append("feeds list shows the secret")
    return problems, f"410 after {taken:.1f} s, the page too"


def check_shutdown(servers):
    """Rule: SIGTERM stops the server cleanly: exit 0 within 5 s."""
    problems, outcomes = [], []
    for server in servers:
        code, taken = server.terminate(5)
        if code != 0:
            problems.append(f"server on port {server.port}: exit {code} {taken:.1f} s after SIGTERM "
                            f"(stderr tail {''.join(server.err)[-300:]!r})")
        outcomes.append(f"exit {code} in {taken:.1f} s")
    return problems, ", ".join(outcomes)


# ---------------------------------------------------------------------------------------------------------------


def copy_cohort(source, folder):
    """The cohort file and every file it names (relative to it) into folder."""
    shutil.copy(source, folder / "cohort.yaml")
    referenced = []

    def walk(value):
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str) and value.endswith(".ics") and (source.parent / value).is_file():
            referenced.append(value)

    walk(yaml.safe_load(source.read_text()))
    for relative in referenced:
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source.parent / relative, folder / relative)
    return folder / "cohort.yaml"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ahsct", required=True)
    parser.add_argument("--cohort", default="calendars/cohort.yaml", type=pathlib.Path)
    parser.add_argument("--pages", type=pathlib.Path,
                        help="save the served patient page as PAGES/patients/<id>.html (for own_words_check.py)")
    args = parser.parse_args()
    ahsct = str(pathlib.Path(args.ahsct).resolve())
    failures, servers = [], []

    def report(name, check, *arguments):
        try:
            problems, summary = check(*arguments)
        except Failed as failure:
            problems, summary = [str(failure)], ""
        except Exception as error:  # a client error or timeout is a failure of the check, not a crash of the run
            problems, summary = [f"{type(error).__name__}: {error}"], ""
        if problems:
            failures.append(name)
            for problem in problems:
                print(f"FAIL {name}: {problem}", flush=True)
        else:
            print(f"ok   {name}: {summary}", flush=True)

    with tempfile.TemporaryDirectory(prefix="serve-check-") as tmp:
        try:
            cohort = copy_cohort(args.cohort, pathlib.Path(tmp))
            issued = run([ahsct, "feeds", "issue", str(cohort), "--patient", PATIENT, "--format", "json"])
            if issued.returncode != 0:
                raise Failed(f"feeds issue: exit {issued.returncode}: {issued.stderr}")
            feed = json.loads(issued.stdout)
            feed_path = feed.get("path", "")
            match = re.fullmatch(r"/feeds/([A-Za-z0-9_-]{43})\.ics", feed_path)
            if feed.get("kind") != "patient" or feed.get("id") != PATIENT or not match:
                raise Failed(f"feeds issue printed {issued.stdout.strip()!r}")
            real_secret = match.group(1)
            servers.append(Server(ahsct, cohort))
            print(f"ok   setup: feed issued for {PATIENT}, `ahsct serve` listening on port {servers[0].port}")

            if args.pages:
                # The page with the subscribe steps exists only on the server: kept for the own-words check.
                with client(servers[0]) as http:
                    page = http.get(feed_path[:-len(".ics")] + ".html")
                if page.status_code != 200:
                    raise Failed(f"GET {{feed}}.html → {page.status_code}")
                (args.pages / "patients").mkdir(parents=True, exist_ok=True)
                (args.pages / "patients" / f"{PATIENT}.html").write_bytes(page.content)
            report("subscriber", check_subscriber, ahsct, cohort, servers[0], feed_path)
            report("polling", check_polling, servers[0], feed_path)
            # The hostile requests go to a second server on the same cohort and state, with a short idle timeout;
            # the rate limit it applies to this address then cannot disturb the first one's checks.
            servers.append(Server(ahsct, cohort, "--idle-timeout", "2"))
            report("traversal", check_traversal, servers[1], cohort)
            report("big requests", check_big_request, servers[1], feed_path)
            report("malformed requests", check_malformed, servers[1], feed_path)
            report("slow clients", check_slow_clients, servers[1])
            report("wrong secrets", check_flood, servers[1], feed_path, real_secret)
            report("healthz", lambda: ([p for p in map(healthy, servers) if p], "/healthz 200 on both servers"))
            report("revoke", check_revoke, ahsct, cohort, servers, feed_path)
            report("log", lambda: ([f"the server on port {s.port} wrote the real secret" for s in servers
                                    if real_secret in s.output()]
                                   + [f"the server on port {s.port} logged no '/feeds/{{secret}}.ics' route"
                                      for s in servers if "/feeds/{secret}.ics" not in "".join(s.err)],
                                   "access logs name the route template, never the secret"))
            report("SIGTERM", check_shutdown, servers)
        except Failed as failure:
            print(f"FAIL setup: {failure}")
            failures.append("setup")
        finally:
            for server in servers:
                server.kill()
    print(f"serve: {'all checks passed' if not failures else 'failed: ' + ', '.join(failures)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
