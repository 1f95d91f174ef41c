#!/usr/bin/env python3
"""API requests per resource and verb between two scrapes of kube-apiservers' /metrics.

usage: requests.py snapshot KUBECTL KC...  -> prints one JSON object (counts by server, resource, verb)
       requests.py diff BEFORE_JSON AFTER_JSON RUNS -> prints per-run request counts, largest first
Used by dispatch-latency.sh to say where an operator's round trips go (writes per run on the hub
and on the members, next to the plain client's).
"""
import json
import re
import subprocess
import sys

LINE = re.compile(r'^apiserver_request_total\{(.*)\} (\S+)$')


def labels(text):
    return dict(re.findall(r'(\w+)="([^"]*)"', text))


def snapshot(kubectl, kcs):
    counts = {}
    for kc in kcs:
        name = kc.rstrip("/").split("/")[-2]  # .local/clusters/<name>/kubeconfig
        raw = subprocess.run([kubectl, "--kubeconfig", kc, "get", "--raw", "/metrics"], capture_output=True, text=True,
                             check=True).stdout
        for line in raw.splitlines():
            m = LINE.match(line)
            if not m:
                continue
            lb = labels(m.group(1))
            if lb.get("verb") in ("WATCH", "CONNECT") or not lb.get("resource"):
                continue
            key = f"{name} {lb['verb']} {lb['resource']}{'/' + lb['subresource'] if lb.get('subresource') else ''}"
            counts[key] = counts.get(key, 0) + float(m.group(2))
    return counts


if sys.argv[1] == "snapshot":
    print(json.dumps(snapshot(sys.argv[2], sys.argv[3:])))
else:
    before, after, runs = json.loads(sys.argv[2]), json.loads(sys.argv[3]), int(sys.argv[4])
    delta = {k: v - before.get(k, 0) for k, v in after.items() if v - before.get(k, 0) > 0}
    for k, v in sorted(delta.items(), key=lambda kv: -kv[1]):
        print(f"  {v / runs:6.2f}/run  {k}")
