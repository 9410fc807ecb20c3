"""Writes a synthetic cohort file of N patients for the report and conflict benchmarks (standard library only).

    make-cohort.py N OUT.yaml [--seed S] [--days D]

Second opinions spread over the year around 2026-11-22 on weekdays (public holidays not avoided: a few land on
one, which the conflict report lists as closed_day); a third with the committee's answer recorded three weeks
later; nine in ten with a complete eligibility checklist. The site is sized for the load (beds, machines, chairs and nurses scale with N),
so the report shows a realistic handful of over-full days rather than a solid wall.
"""
import datetime
import random
import sys


ITEMS = ["relapsing-remitting", "second-line-6-months", "relapses-despite-therapy", "new-mri-lesions", "not-pregnant",
         "age-18-55"]


def main():
    count, out = int(sys.argv[1]), sys.argv[2]
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 2026
    # --days spreads the second opinions over more (or fewer) days than a year; the site is sized for the same load.
    spread = int(sys.argv[sys.argv.index("--days") + 1]) if "--days" in sys.argv else 365
    rng = random.Random(seed)
    start = datetime.date(2026, 5, 25)
    beds = max(2, count * 27 // 330) if spread == 365 else max(2, round(count * 27 * 365 / (330 * spread)))
    lines = [
        f"# {count} synthetic patients (Benchmarks/make-cohort.py, seed {seed})",
        "site:",
        "  name: Benchmark site",
        f"  resources: {{isolation-beds: {beds}, apheresis-machines: {max(1, beds // 5)}, daycare-chairs: {max(2, beds // 3)}}}",
        f"  staff: {{roles: {{apheresis-nurses: {max(1, beds // 5)}}}, needs: {{apheresis: {{apheresis-nurses: 1}}}}}}",
        f"  committee: {{weekday: tuesday, cases: {max(2, count // 40)}}}",
        "patients:",
    ]
    for index in range(count):
        day = start + datetime.timedelta(days=rng.randrange(spread))
        while day.weekday() >= 5:
            day += datetime.timedelta(days=1)
        answer = day + datetime.timedelta(days=21)
        checklist = ", ".join(f"{item}: true" for item in ITEMS) if rng.random() < 0.9 else "relapsing-remitting: true"
        lines.append(f"  - {{id: B-{index + 1:05d}, second-opinion: {day.isoformat()}"
                     + (f", committee-answer: {answer.isoformat()}" if rng.random() < 0.33 else "")
                     + f", eligibility: {{{checklist}}}}}")
    with open(out, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
