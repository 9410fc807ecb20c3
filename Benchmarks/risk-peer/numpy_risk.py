#!/usr/bin/env python3
"""The NumPy peer of the risk benchmark: the same per-day chances (written by risk-bench), each day's demand
distribution by convolution (np.convolve of [1 - p, p]), expected demand, the 90th percentile and P(demand > capacity);
timed (best of REPEAT), then compared with ahsct's results to 1e-9.

Usage: numpy_risk.py OUT.json REPEAT
"""
import json
import sys
import time

import numpy as np


def compute(chances, rows):
    results = {}
    for row in rows:
        ps = chances.get(row["resource"], {}).get(row["day"], [])
        pmf = np.array([1.0])
        for p in ps:
            pmf = np.convolve(pmf, [1.0 - p, p])
        over = float(pmf[row["capacity"] + 1:].sum())
        p90 = int(np.searchsorted(np.cumsum(pmf), 0.9 - 1e-12)) if ps else 0
        results[(row["resource"], row["day"])] = (float(sum(ps)), p90, over)
    return results


def main():
    path, repeat = sys.argv[1], int(sys.argv[2])
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    chances, rows = data["chances"], data["rows"]
    best = float("inf")
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        results = compute(chances, rows)
        best = min(best, time.perf_counter() - start)
    mismatches = 0
    for row in rows:
        expected, p90, over = results[(row["resource"], row["day"])]
        if abs(expected - row["expected"]) > 1e-9 or abs(over - row["p_over"]) > 1e-9 or p90 != row["p90"]:
            mismatches += 1
    print(f"numpy rows={len(rows)} mismatches={mismatches} seconds={best:.4f}")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
