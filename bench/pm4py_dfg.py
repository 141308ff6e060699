"""Run inside bench/pm4py-venv only (pm4py is AGPL and never a dependency of sopgen): pm4py's DFG of a CSV log.

Writes {"from -> to": [count, mean minutes, median minutes]} to the output file; pm4py prints a
banner on stdout, so the result goes to a file.
"""

import json
import sys

import pandas as pd
import pm4py

log, out = sys.argv[1], sys.argv[2]
frame = pd.read_csv(log)
frame = pm4py.format_dataframe(frame, case_id="case:concept:name", activity_key="concept:name", timestamp_key="time:timestamp")
frequency, _starts, _ends = pm4py.discover_dfg(frame)
performance, _starts, _ends = pm4py.discover_performance_dfg(frame)
edges = {f"{a} -> {b}": [count, performance[(a, b)]["mean"] / 60, performance[(a, b)]["median"] / 60] for (a, b), count in frequency.items()}
with open(out, "w", encoding="utf-8") as stream:
    json.dump(edges, stream)
