"""Writes a synthetic cohort for the scheduler benchmark (standard library only).

    make-schedule-cohort.py N OUT.yaml [--seed S]

N patients over one year from 2027-01-01 (run with --now 2026-12-31), arriving evenly with a few days' jitter: half
already harvested (day 1 recorded on a
Thursday or Friday, the harvest on day 6, and for ~30 % of them a second session the next weekday), half with the
committee's answer recorded (day 1 and admission still to choose). Beds are sized so that the stays (27 days
each) fill ~85 % of them over the year; day-care chairs and apheresis machines are less loaded. Dutch holidays
apply (the default).
"""
import datetime
import math
import random
import sys

START = datetime.date(2027, 1, 1)
SPAN = 365


def weekday_on_or_after(day, weekdays):
    while day.weekday() not in weekdays:
        day += datetime.timedelta(days=1)
    return day


def main():
    count, out = int(sys.argv[1]), sys.argv[2]
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 2027
    rng = random.Random(seed)
    beds = max(1, round(count * 27 / (0.85 * SPAN)))
    per_day = count / SPAN
    # Day 1 falls on Thursdays and Fridays and harvests on Tuesdays and Wednesdays (the first-fit rule), so a
    # week's chairs and machines are needed on two days: 7 × the daily rate leaves them well below full.
    chairs = max(1, math.ceil(per_day * 7))
    machines = max(1, math.ceil(per_day * 7))
    lines = [
        f"# {count} synthetic patients for the scheduler benchmark (Benchmarks/make-schedule-cohort.py, seed {seed}).",
        "site:",
        "  name: Scheduler benchmark",
        f"  resources: {{isolation-beds: {beds}, apheresis-machines: {machines}, daycare-chairs: {chairs}}}",
        "patients:",
    ]
    harvested = count // 4
    for index in range(count):
        pid = f"S-{index + 1:05d}"
        if index < harvested:
            # A quarter already harvested, spread evenly (their admission window is only 3–8 weeks wide, so random
            # clusters of them could make an instance nobody can fit): day 1 on a Thursday or Friday, the harvest on
            # day 6, and for ~30 % a second session the next weekday.
            day = START + datetime.timedelta(days=int(index * SPAN / harvested) + rng.randrange(4))
            day1 = weekday_on_or_after(day, (3, 4))
            harvest = day1 + datetime.timedelta(days=5)
            sessions = [harvest]
            if rng.random() < 0.3:
                sessions.append(weekday_on_or_after(harvest + datetime.timedelta(days=1), (0, 1, 2, 3, 4)))
            answer = day1 - datetime.timedelta(days=21)
            second = answer - datetime.timedelta(days=21)
            lines.append(f"  - {{id: {pid}, second-opinion: {second}, committee-answer: {answer}, "
                         f"evaluation: {answer + datetime.timedelta(days=7)}, mobilisation: {day1}, "
                         f"apheresis: [{', '.join(str(s) for s in sessions)}]}}")
        else:
            # The rest only referred: a second opinion on a random weekday of the year (clusters happen; day 1 and
            # the admission are theirs to move).
            second = weekday_on_or_after(START + datetime.timedelta(days=rng.randrange(SPAN)) - datetime.timedelta(days=42),
                                         (0, 1, 2, 3, 4))
            lines.append(f"  - {{id: {pid}, second-opinion: {second}}}")
    with open(out, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
