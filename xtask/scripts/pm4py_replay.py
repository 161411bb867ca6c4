"""pm4py's side of the reality-check benchmark: read an XES log, read a BPMN model, convert
it to a Petri net and replay the log with token-based replay. Prints one JSON line:
cases, fitting traces, and the seconds spent reading and replaying.

A trace with an activity the model does not have is counted as not fitting (pm4py's own
switch for that keeps state from one trace to the next, so it is checked here). Only
`complete` events are replayed, as the Handoff engine does.

usage: python pm4py_replay.py MODEL.bpmn LOG.xes
"""
import json
import sys
import time

import pm4py
from pm4py.algo.conformance.tokenreplay import algorithm as token_replay


def main(bpmn_path, log_path):
    started = time.time()
    log = pm4py.read_xes(log_path, return_legacy_log_object=False)
    if "lifecycle:transition" in log.columns:
        life = log["lifecycle:transition"].fillna("complete").str.lower()
        log = log[life == "complete"]
    read = time.time() - started
    started = time.time()
    net, im, fm = pm4py.convert_to_petri_net(pm4py.read_bpmn(bpmn_path))
    traces = pm4py.convert_to_event_log(log)
    results = token_replay.apply(traces, net, im, fm, parameters={"show_progress_bar": False})
    labels = {t.label for t in net.transitions if t.label is not None}
    fitting = sum(
        1
        for trace, r in zip(traces, results)
        if r["trace_is_fit"] and all(e["concept:name"] in labels for e in trace)
    )
    replay = time.time() - started
    print(json.dumps({"cases": len(results), "fitting": fitting, "read_s": read, "replay_s": replay}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
