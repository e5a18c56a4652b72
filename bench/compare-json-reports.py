#!/usr/bin/env python3
# Usage: bench/compare-json-reports.py BEFORE.json AFTER.json  (exit 1 on a real difference)
import json, sys
# Compares two JSON reports: every string/bool/null/structure exactly; numbers exactly or, when they
# differ, within a relative 1e-12 (the last digits of a double); prints the paths that differ.
a, b = (json.load(open(f)) for f in sys.argv[1:3])
exact = close = 0; bad = []
def walk(x, y, path):
    global exact, close
    if isinstance(x, dict):
        if not isinstance(y, dict) or list(x) != list(y): bad.append(path + " keys"); return
        for k in x: walk(x[k], y[k], path + "." + k)
    elif isinstance(x, list):
        if not isinstance(y, list) or len(x) != len(y): bad.append(path + " len"); return
        for i, (u, v) in enumerate(zip(x, y)): walk(u, v, f"{path}[{i}]")
    elif isinstance(x, (int, float)) and not isinstance(x, bool) and isinstance(y, (int, float)):
        if x == y: exact += 1
        elif abs(x - y) <= 1e-12 * max(abs(x), abs(y)): close += 1; last[path.split('.')[-1]] = last.get(path.split('.')[-1], 0) + 1
        else: bad.append(f"{path}: {x} vs {y}")
    elif x != y: bad.append(f"{path}: {x!r} vs {y!r}")
last = {}
walk(a, b, "$")
print(f"{exact} numbers identical, {close} differ in the last digits only {last}, {len(bad)} real differences")
for p in bad[:20]: print("  ", p)
sys.exit(1 if bad else 0)
