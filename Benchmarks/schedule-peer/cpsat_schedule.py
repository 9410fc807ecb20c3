"""The CP-SAT peer of `ahsct schedule`: the same problem, from the instance ahsct exports, as an OR-Tools model.

    cpsat_schedule.py INSTANCE.json TIME_LIMIT WORKERS

Per patient: an integer admission A (domain: the open admission days of its day-1 options), one Boolean per day-1
option (exactly one), A restricted to that option's admissions when chosen. Every booking is an interval: the stay
and its visits move with A; day 1's chair and apheresis are optional fixed intervals present with their option.
One cumulative per limited resource, with capacity C = the most free on any day, and fixed intervals taking the
rest on days with less (the recorded bookings). Objective: total delay (A − earliest) × 1000 + maximum delay, i.e.
total first, then maximum. Prints one line: status, total and maximum delay, the bound on the total, wall time.
"""
import json
import sys
import time

from ortools.sat.python import cp_model


def main():
    path, time_limit, workers = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
    started = time.perf_counter()
    data = json.load(open(path, encoding="utf-8"))
    first = data["first_day"]
    free = data["free"]
    limited = [r for r, values in enumerate(free) if values is not None]
    model = cp_model.CpModel()
    usage = {r: [] for r in limited}
    delays = []
    unfit = 0
    horizon_end = first + len(free[limited[0]]) if limited else first
    for patient in data["patients"]:
        allowed = sorted({a for option in patient["options"] for a in option["admissions"]})
        if not allowed:
            unfit += 1
            continue
        admission = model.NewIntVarFromDomain(cp_model.Domain.FromValues(allowed), f"A_{patient['id']}")
        chosen = []
        for number, option in enumerate(patient["options"]):
            if not option["admissions"]:
                continue
            use = model.NewBoolVar(f"o_{patient['id']}_{number}")
            chosen.append(use)
            model.AddLinearExpressionInDomain(admission, cp_model.Domain.FromValues(option["admissions"])).OnlyEnforceIf(use)
            if option["day1"] is not None:
                for piece in patient["day1_pieces"]:
                    if piece["resource"] in usage:
                        start = option["day1"] + piece["from"]
                        size = piece["to"] - piece["from"] + 1
                        usage[piece["resource"]].append(
                            (model.NewOptionalFixedSizeIntervalVar(start, size, use, ""), piece["amount"]))
        model.AddExactlyOne(chosen)
        for piece in patient["stay_pieces"]:
            if piece["resource"] in usage:
                size = piece["to"] - piece["from"] + 1
                start = model.NewIntVar(allowed[0] + piece["from"], allowed[-1] + piece["from"], "")
                model.Add(start == admission + piece["from"])
                usage[piece["resource"]].append((model.NewFixedSizeIntervalVar(start, size, ""), piece["amount"]))
        delays.append(admission - patient["earliest"])
    for resource in limited:
        values = free[resource]
        capacity = max(0, max(values))
        blocked = [capacity - max(0, v) for v in values]
        # Runs of equal blocking become one fixed interval each.
        day = 0
        while day < len(blocked):
            end = day
            while end + 1 < len(blocked) and blocked[end + 1] == blocked[day]:
                end += 1
            if blocked[day] > 0:
                usage[resource].append((model.NewFixedSizeIntervalVar(first + day, end - day + 1, ""), blocked[day]))
            day = end + 1
        # Nothing may run past the tables' end.
        usage[resource].append((model.NewFixedSizeIntervalVar(horizon_end, 1000, ""), capacity))
        if usage[resource]:
            model.AddCumulative([i for i, _ in usage[resource]], [d for _, d in usage[resource]], capacity)
    total = sum(delays)
    worst = model.NewIntVar(0, 10_000, "max_delay")
    for delay in delays:
        model.Add(worst >= delay)
    model.Minimize(total * 1000 + worst)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = 1
    status = solver.Solve(model)
    took = time.perf_counter() - started
    name = solver.StatusName(status)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        total_value = sum(solver.Value(d) for d in delays)
        bound = int(solver.BestObjectiveBound()) // 1000
        print(f"cpsat status={name} total={total_value} max={solver.Value(worst)} bound={bound} "
              f"seconds={took:.2f} unfit={unfit}")
    else:
        print(f"cpsat status={name} total=- max=- bound=- seconds={took:.2f} unfit={unfit}")


if __name__ == "__main__":
    main()
