"""The NumPy peer of capacity-bench: a straightforward sweep over the same intervals.

    numpy_sweep.py INTERVALS_FILE CAPACITY REPEAT

Per resource: the endpoints (+amount on the first day, -amount on the day after the last) are sorted with
np.argsort, summed with np.cumsum, reduced to the demand of each day where it changes, and compared with the
capacity to find the runs of over-full days. Prints the best time and the same counts as the Swift side
(runs, over-full days) so the run can check that both found the same thing. A second line times the counting
sweep the Swift ledger uses, written in NumPy (np.bincount), as a stronger reference.
"""
import sys
import time

import numpy as np


def sweep(data, capacity):
    runs = 0
    overfull = 0
    for resource in np.unique(data[:, 0]):
        rows = data[data[:, 0] == resource]
        days = np.concatenate([rows[:, 1], rows[:, 2] + 1])
        deltas = np.concatenate([rows[:, 3], -rows[:, 3]])
        order = np.argsort(days, kind="stable")
        days = days[order]
        level = np.cumsum(deltas[order])
        # The demand from each distinct endpoint day until the next one: the last running sum of that day.
        last = np.r_[days[1:] != days[:-1], True]
        change_days = days[last]
        demand = level[last]
        over = demand > capacity
        lengths = np.diff(change_days)  # the last segment (after the final end) has demand 0
        overfull += int(lengths[over[:-1]].sum())
        # A run: consecutive over-full segments.
        starts = over & ~np.r_[False, over[:-1]]
        runs += int(starts.sum())
    return runs, overfull


def bincount_sweep(data, capacity):
    """The same counting sweep as the Swift ledger, in NumPy: endpoints bucketed by day with np.bincount."""
    low = int(data[:, 1].min())
    days = int(data[:, 2].max()) - low + 2
    runs = 0
    overfull = 0
    for resource in np.unique(data[:, 0]):
        rows = data[data[:, 0] == resource]
        delta = np.bincount(rows[:, 1] - low, weights=rows[:, 3], minlength=days)
        delta -= np.bincount(rows[:, 2] + 1 - low, weights=rows[:, 3], minlength=days)
        over = np.cumsum(delta) > capacity
        overfull += int(over.sum())
        runs += int((over & ~np.r_[False, over[:-1]]).sum())
    return runs, overfull


def main():
    path, capacity, repeat = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    data = np.fromfile(path, dtype="<i4").reshape(-1, 4).astype(np.int64)
    best = float("inf")
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = sweep(data, capacity)
        best = min(best, time.perf_counter() - start)
    print(f"numpy  intervals={len(data)} capacity={capacity} ledger+runs={best:.6f}s runs={result[0]} overfull_days={result[1]}")
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        counted = bincount_sweep(data, capacity)
        best = min(best, time.perf_counter() - start)
    print(f"numpy-bincount  ledger+runs={best:.6f}s runs={counted[0]} overfull_days={counted[1]}")


if __name__ == "__main__":
    main()
