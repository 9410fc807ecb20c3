"""Cross-checks `ahsct holidays` against the independent Python `holidays` package, 1990-2100.

The planner closes: New Year, Easter Monday, King's/Queen's Day, Liberation Day (years divisible by 5),
Ascension, Whit Monday, Christmas and Boxing Day. `holidays` also lists Good Friday (open by our protocol) and
two Sundays (Easter, Whit Sunday), which are closed anyway; those are left out of the comparison.
Prints one line per disagreeing year and a closing `N passed, M failed`; exits 1 on any failure.
"""
import argparse
import json
import subprocess
import sys

import holidays

LEFT_OUT = {"Good Friday", "Easter Sunday", "Pentecost"}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ahsct", required=True)
    parser.add_argument("--from-year", type=int, default=1990)
    parser.add_argument("--to-year", type=int, default=2100)
    args = parser.parse_args()
    out = subprocess.run([args.ahsct, "holidays", "--from-year", str(args.from_year), "--to-year", str(args.to_year),
                          "--format", "json"], check=True, capture_output=True, text=True).stdout
    ours: dict[int, set[str]] = {}
    for row in json.loads(out):
        ours.setdefault(int(row["date"][:4]), set()).add(row["date"])
    passed = failed = 0
    for year in range(args.from_year, args.to_year + 1):
        theirs = {d.isoformat() for d, name in holidays.Netherlands(years=year).items() if name not in LEFT_OUT}
        mine = ours.get(year, set())
        if mine == theirs:
            passed += 1
        else:
            failed += 1
            print(f"FAIL holidays {year}: only ahsct {sorted(mine - theirs)}, only python-holidays {sorted(theirs - mine)}")
    print(f"ok   holidays: {passed} of {passed + failed} years {args.from_year}-{args.to_year} agree with python-holidays "
          f"{holidays.__version__}" if failed == 0 else f"FAIL holidays: {failed} years disagree")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
