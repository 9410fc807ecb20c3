#!/usr/bin/env python3
"""Checks `ahsct capacity --risk` against an independent computation with NumPy, and against sampling.

The model (docs/clinical-rules.md, "The uncertainty model"): a patient without recorded apheresis sessions takes
k = 1, 2 or 3 sessions with chances 0.77, 0.17, 0.06, the first on the plan's expected day and each further one on the
next open machine day; the harvest H is the last. An admission that is not recorded (confirmed, proposed) follows H as
the planner's expected chain does. A bed is held from the admission A through D0 + L, L uniform on 14…28, conditioned
on D0 + L > now when no discharge is recorded. Patients are independent.

Here, without ahsct's risk code:
1. `ahsct plan --format json` of the cohort under a copy of the protocol that holds two tentative repeats gives each
   patient's s1, s2, s3 (the next open machine days); plans of three variants of the cohort, with every undecided
   patient's day 1 and first k sessions recorded, give A_k and D0_k — the planner's expected chain for that H;
2. each patient's daily chances of a bed, a machine and a chair are built from those dates and the model;
3. every day's demand distribution is the convolution of the patients' [1 − p, p] with NumPy (np.convolve);
   expected demand, the 90th percentile and P(demand > capacity) must equal ahsct's to 1e-9;
4. a seeded Monte Carlo of the bed demand (10^5 runs, NumPy) must agree with P(demand > capacity) within four
   standard errors on every day.

Usage: risk_check.py --ahsct .build/debug/ahsct [--cohort calendars/cohort.yaml] [--days 150]
"""
import argparse
import datetime
import json
import math
import pathlib
import shutil
import subprocess
import sys
import tempfile

import numpy as np
import yaml

from cohort_check import DateLoader

NOW = "2026-11-22"
ODDS = [0.77, 0.17, 0.06]
STAY = range(14, 29)


def day(text):
    return datetime.date.fromisoformat(text)


def plan(ahsct, cohort):
    out = subprocess.run([ahsct, "plan", str(cohort), "--now", NOW, "--format", "json"], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"ahsct plan {cohort} failed: {out.stderr}")
    return {p["id"]: {s["step"]: s for s in p["steps"]} for p in json.loads(out.stdout)["patients"]}


def recorded(value):
    return value is not None


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ahsct", required=True)
    parser.add_argument("--cohort", default="calendars/cohort.yaml")
    parser.add_argument("--protocol", default="calendars/protocols/amsterdam-umc.yaml")
    parser.add_argument("--days", type=int, default=150)
    parser.add_argument("--runs", type=int, default=100_000)
    args = parser.parse_args()
    ahsct = str(pathlib.Path(args.ahsct).resolve())
    source = pathlib.Path(args.cohort)
    data = yaml.load(source.read_text(), Loader=DateLoader)
    now = day(NOW)
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = pathlib.Path(tmp)
        shutil.copytree(source.parent / "example", folder / "example")
        protocol = pathlib.Path(args.protocol).read_text().replace("tentative-repeats: 0", "tentative-repeats: 2")
        (folder / "repeats.yaml").write_text(protocol)

        def write(cohort, name):
            cohort = dict(cohort, protocol="repeats.yaml")
            path = folder / name
            path.write_text(yaml.safe_dump(cohort, sort_keys=False))
            return path

        base = plan(ahsct, write(data, "base.yaml"))
        # Who is undecided: no recorded sessions, no recorded admission, not declined.
        patients = {p["id"]: p for p in data["patients"]}
        undecided = [pid for pid, p in patients.items()
                     if "apheresis" not in p and "conditioning" not in p and "conditioning" in base[pid]]
        sessions = {}
        for pid in base:
            if "apheresis" not in base[pid]:
                continue
            listed = base[pid]["apheresis"]["sessions"]
            if "apheresis" in patients[pid]:
                sessions[pid] = [(day(s["date"]["expected"]), 1.0) for s in listed if not s["tentative"]]
            else:
                days = [day(s["date"]["expected"]) for s in listed]
                sessions[pid] = [(d, sum(ODDS[i:])) for i, d in enumerate(days[:len(ODDS)])]
        scenarios = {pid: [] for pid in base}
        for pid in base:
            if "conditioning" in base[pid] and pid not in undecided:
                scenarios[pid] = [(1.0, day(base[pid]["conditioning"]["start"]["expected"]),
                                   day(base[pid]["reinfusion"]["start"]["expected"]))]
        for k in range(1, len(ODDS) + 1):
            variant = json.loads(json.dumps(data))
            for entry in variant["patients"]:
                if entry["id"] in undecided:
                    steps = base[entry["id"]]
                    entry.setdefault("mobilisation", steps["mobilisation"]["start"]["expected"])
                    entry["apheresis"] = [s.isoformat() for s, _ in sessions[entry["id"]][:k]]
            planned = plan(ahsct, write(variant, f"k{k}.yaml"))
            for pid in undecided:
                scenarios[pid].append((ODDS[k - 1], day(planned[pid]["conditioning"]["start"]["expected"]),
                                       day(planned[pid]["reinfusion"]["start"]["expected"])))

        first, last = now, now + datetime.timedelta(days=args.days - 1)
        span = [first + datetime.timedelta(days=i) for i in range((last - first).days + 1)]
        index = {d: i for i, d in enumerate(span)}
        chances = {"isolation-beds": {}, "apheresis-machines": {}, "daycare-chairs": {}}
        stays = {}  # pid -> list of (chance, A, D0, lengths) for the Monte Carlo
        for pid, steps in base.items():
            if "conditioning" not in steps:
                continue  # declined: nothing booked
            bed = np.zeros(len(span))
            discharge = patients[pid].get("discharge")
            for chance, admission, d0 in scenarios[pid]:
                if discharge:
                    lengths = [(day(discharge) - d0).days]
                else:
                    lengths = [l for l in STAY if d0 + datetime.timedelta(days=l) > now] or [(now - d0).days + 1]
                stays.setdefault(pid, []).append((chance, admission, d0, lengths))
                for d in span:
                    if d < admission:
                        continue
                    held = sum(1 for l in lengths if d <= d0 + datetime.timedelta(days=l)) / len(lengths)
                    bed[index[d]] += chance * held
            chances["isolation-beds"][pid] = bed
            machine = np.zeros(len(span))
            for d, chance in sessions.get(pid, []):
                if d in index:
                    machine[index[d]] += chance
            chances["apheresis-machines"][pid] = machine
            chair = np.zeros(len(span))
            day1 = day(steps["mobilisation"]["start"]["expected"])
            if day1 in index:
                chair[index[day1]] = 1
            chances["daycare-chairs"][pid] = chair

        out = subprocess.run([ahsct, "capacity", str(source), "--now", NOW, "--risk", "--format", "json",
                              "--from", first.isoformat(), "--to", last.isoformat()], capture_output=True, text=True)
        if out.returncode != 0:
            raise SystemExit(f"ahsct capacity --risk failed: {out.stderr}")
        theirs = {(r["resource"], r["day"]): r for r in json.loads(out.stdout)["risk"]}
        compared = 0
        for resource, per_patient in chances.items():
            for d in span:
                row = theirs.get((resource, d.isoformat()))
                if row is None:
                    failures.append(f"{resource} {d}: no row")
                    continue
                ps = [p[index[d]] for p in per_patient.values() if p[index[d]] > 0]
                pmf = np.array([1.0])
                for p in ps:
                    pmf = np.convolve(pmf, [1 - p, p])
                capacity = row["capacity"]
                over = float(pmf[capacity + 1:].sum())
                expected = float(sum(ps))
                p90 = int(np.searchsorted(np.cumsum(pmf), 0.9 - 1e-12)) if ps else 0
                if abs(over - row["p_over"]) > 1e-9 or abs(expected - row["expected"]) > 1e-9 or p90 != row["p90"]:
                    failures.append(f"{resource} {d}: NumPy p_over={over} expected={expected} p90={p90}, "
                                    f"ahsct {row['p_over']} {row['expected']} {row['p90']}")
                compared += 1

        # Monte Carlo of the bed demand.
        rng = np.random.default_rng(2026)
        runs = args.runs
        demand = np.zeros((runs, len(span)), dtype=np.int32)
        offsets = np.array([(d - first).days for d in span])
        for pid, options in stays.items():
            pick = rng.choice(len(options), size=runs, p=[o[0] for o in options])
            start = np.empty(runs, dtype=np.int64)
            end = np.empty(runs, dtype=np.int64)
            for which, (_, admission, d0, lengths) in enumerate(options):
                chosen = pick == which
                count = int(chosen.sum())
                start[chosen] = (admission - first).days
                end[chosen] = (d0 - first).days + rng.choice(lengths, size=count)
            demand += (offsets[None, :] >= start[:, None]) & (offsets[None, :] <= end[:, None])
        worst = 0.0
        for d in span:
            row = theirs[("isolation-beds", d.isoformat())]
            sampled = float((demand[:, index[d]] > row["capacity"]).mean())
            exact = row["p_over"]
            error = math.sqrt(max(exact * (1 - exact), 0) / runs)
            if abs(sampled - exact) > 4 * error + 1e-12:
                failures.append(f"Monte Carlo {d}: sampled {sampled}, exact {exact}, 4 SE = {4 * error}")
            if error > 0:
                worst = max(worst, abs(sampled - exact) / error)
    for failure in failures[:20]:
        print("FAIL", failure)
    print(f"risk: {compared} resource-days equal NumPy's convolution to 1e-9; Monte Carlo ({runs} runs) within "
          f"{worst:.2f} standard errors at worst over {len(span)} bed days")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
