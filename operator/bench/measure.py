#!/usr/bin/env python3
"""Measures apply -> remote Jobs created for the dispatch benchmark (see dispatch-latency.sh).

usage: measure.py operator|floor RUNS NAMESPACE KUBECTL HUB_KC CLOUD_KC EDGE_KC CLOUD_MC EDGE_MC
operator: applies RUNS BenchmarkRuns on the hub and waits until each run's Job exists in both
members. floor: applies the same number of Jobs directly to both members with kubectl (a plain
client doing the Job writes; the operator also writes a record ConfigMap, a budget and status,
so the ratio is an upper bound of its overhead) and waits the same way. Prints p50/p99 seconds (one line, key=value).
Times are first-seen times from a watch on both members (`kubectl get jobs --watch`, started and
synced before the apply), so the resolution is the watch's delivery delay, not a polling period.
"""
import json
import subprocess
import sys
import threading
import time


def kubectl(kc, *args, stdin=None):
    return subprocess.run([KUBECTL, "--kubeconfig", kc, *args], input=stdin, capture_output=True, text=True, check=True).stdout


def percentile(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


mode, runs, ns, KUBECTL, hub_kc, cloud_kc, edge_kc, cloud_mc, edge_mc = sys.argv[1:10]
runs = int(runs)
label = "mapbench.io/run-name" if mode == "operator" else "bench-floor"
docs = []
if mode == "operator":
    for i in range(runs):
        docs.append({"apiVersion": "mapbench.io/v1alpha1", "kind": "BenchmarkRun",
                     "metadata": {"name": f"bench-{i}", "namespace": ns},
                     "spec": {"suite": "smoke", "goVersions": ["1.26"], "repetitions": 1,
                              "placement": {"clusters": [cloud_mc, edge_mc]},
                              "resources": {"requests": {"cpu": "1", "memory": "512Mi"},
                                            "limits": {"cpu": "1", "memory": "512Mi"}}}})
else:
    for i in range(runs):
        docs.append({"apiVersion": "batch/v1", "kind": "Job",
                     "metadata": {"name": f"floor-{i}", "namespace": ns, "labels": {"bench-floor": f"bench-{i}"}},
                     "spec": {"backoffLimit": 0, "template": {"metadata": {"labels": {"bench-floor": f"bench-{i}"}},
                              "spec": {"restartPolicy": "Never", "nodeSelector": {"mapbench.io/no-such-node": "true"},
                                       "tolerations": [{"key": "mapbench.io/edge", "operator": "Equal", "value": "true",
                                                        "effect": "NoSchedule"}],
                                       "securityContext": {"runAsNonRoot": True, "runAsUser": 65532,
                                                           "seccompProfile": {"type": "RuntimeDefault"}},
                                       "containers": [{"name": "c", "image": "mapbench.local/shell", "args": ["true"],
                                                       "securityContext": {"allowPrivilegeEscalation": False,
                                                                           "capabilities": {"drop": ["ALL"]}}}]}}}})
manifest = "\n---\n".join(json.dumps(d) for d in docs)

seen = {}  # (run, cluster) -> seconds after t0
lock = threading.Lock()
watchers = []
synced = []


def watch(name, kc):
    column = label.replace(".", "\\.")
    proc = subprocess.Popen([KUBECTL, "--kubeconfig", kc, "-n", ns, "get", "jobs", "--watch", "--no-headers",
                             "-o", f"custom-columns=RUN:.metadata.labels.{column}"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, bufsize=1)
    watchers.append(proc)
    synced.append(name)  # the initial list of an empty namespace prints nothing; the watch is open once started
    for line in proc.stdout:
        run = line.strip()
        if run and run != "<none>":
            with lock:
                seen.setdefault((run, name), time.time() - t0)


t0 = time.time()  # replaced right before the apply; watch threads only read it after that
threads = [threading.Thread(target=watch, args=(name, kc), daemon=True) for name, kc in (("cloud", cloud_kc), ("edge", edge_kc))]
for t in threads:
    t.start()
while len(synced) < 2:
    time.sleep(0.05)
time.sleep(1.0)  # let both watches establish before anything is written

t0 = time.time()
if mode == "operator":
    procs = [subprocess.Popen([KUBECTL, "--kubeconfig", hub_kc, "apply", "-f", "-"], stdin=subprocess.PIPE,
                              stdout=subprocess.DEVNULL, text=True)]
else:
    procs = [subprocess.Popen([KUBECTL, "--kubeconfig", kc, "apply", "-f", "-"], stdin=subprocess.PIPE,
                              stdout=subprocess.DEVNULL, text=True) for kc in (cloud_kc, edge_kc)]
for p in procs:
    p.stdin.write(manifest)
    p.stdin.close()

deadline = t0 + 600
while time.time() < deadline:
    with lock:
        if len(seen) >= 2 * runs:
            break
    time.sleep(0.1)
for w in watchers:
    w.terminate()
for p in procs:
    p.wait()
per_run = {}
for (run, _), t in seen.items():
    per_run[run] = max(per_run.get(run, 0), t)
complete = [t for r, t in per_run.items() if (r, "cloud") in seen and (r, "edge") in seen]
if len(complete) < runs:
    sys.exit(f"only {len(complete)} of {runs} runs had Jobs in both members after 600s")
print(f"mode={mode} runs={runs} p50={percentile(complete, 50):.2f}s p99={percentile(complete, 99):.2f}s "
      f"last={max(complete):.2f}s method=watch")
