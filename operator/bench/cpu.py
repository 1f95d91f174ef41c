#!/usr/bin/env python3
"""CPU seconds of the local clusters' components and the operator between two snapshots.

usage: cpu.py snapshot CLUSTERS_DIR OPERATOR_PID  -> prints one JSON object {"<cluster> <component>": seconds}
       cpu.py diff BEFORE_JSON AFTER_JSON          -> prints seconds per component, largest first, and the total
Used by dispatch-latency.sh: on a 2-core machine the hub's and members' API servers, etcds and
controllers share the CPU with the operator, so a burst's latency depends on the work it causes
everywhere, not only on the operator's own CPU.
"""
import json
import os
import sys

HZ = os.sysconf("SC_CLK_TCK")


def seconds(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / HZ  # utime, stime
    except (OSError, ValueError, IndexError):
        return None


def with_children(pid):
    """A component's CPU: the process and its children (controller-manager and scheduler run under a supervisor)."""
    own = seconds(pid)
    if own is None:
        return None
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        tasks = []
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children") as f:
                own += sum(with_children(child) or 0 for child in f.read().split())
        except OSError:
            pass
    return own


def snapshot(clusters_dir, operator_pid):
    cpu = {"operator": seconds(operator_pid)}
    for cluster in sorted(os.listdir(clusters_dir)):
        directory = os.path.join(clusters_dir, cluster)
        for name in sorted(os.listdir(directory)) if os.path.isdir(directory) else []:
            if name.endswith(".pid"):
                with open(os.path.join(directory, name)) as f:
                    pid = f.read().strip()
                cpu[f"{cluster} {name[:-4]}"] = with_children(pid)
    return {k: v for k, v in cpu.items() if v is not None}


def diff(before, after):
    used = {k: after[k] - before[k] for k in after if k in before}
    for k, v in sorted(used.items(), key=lambda kv: -kv[1]):
        if v >= 0.05:
            print(f"    {v:6.1f} s  {k}")
    print(f"    {sum(used.values()):6.1f} s  total")


if __name__ == "__main__":
    if sys.argv[1:2] == ["snapshot"] and len(sys.argv) == 4:
        print(json.dumps(snapshot(sys.argv[2], sys.argv[3])))
    elif sys.argv[1:2] == ["diff"] and len(sys.argv) == 4:
        diff(json.loads(sys.argv[2]), json.loads(sys.argv[3]))
    else:
        sys.exit(__doc__)
