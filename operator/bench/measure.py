#!/usr/bin/env python3
"""Measures apply -> remote Jobs created for the dispatch benchmark (see dispatch-latency.sh).

usage: measure.py operator|minimal|floor RUNS NAMESPACE KUBECTL HUB_KC CLOUD_KC EDGE_KC CLOUD_MC EDGE_MC [PREFIX [TIMELINE_TSV]]
operator: applies RUNS BenchmarkRuns on the hub and waits until each run's Job exists in both
members. minimal: applies the same runs into NAMESPACE-minimal on the hub, which no operator
watches, while minimal_controller.py creates one Job per run in both members as it sees the run
added (the least any operator must do; a lower bound beside the floor). floor: applies the same
number of Jobs directly to both members with kubectl (a plain client doing the Job writes; the
operator also writes a budget, status and Events, so the ratio is an upper bound of its overhead)
and waits the same way. Prints p50/p99 seconds (one line, key=value).
Times are first-seen times from a watch on both members (`kubectl get jobs --watch`, started and
synced before the apply), so the resolution is the watch's delivery delay, not a polling period.
"""
import json
import os
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
prefix = sys.argv[10] if len(sys.argv) > 10 else "bench-"  # names of this round's runs (a warm-up round uses another)
TIMELINE = sys.argv[11] if len(sys.argv) > 11 else ""  # where to write each run's timeline (TSV), if given
label = "mapbench.io/run-name" if mode == "operator" else "bench-floor"
hub_ns = ns + "-minimal" if mode == "minimal" else ns  # the minimal round's runs are out of the operator's sight


def floor_job(name):
    return {"apiVersion": "batch/v1", "kind": "Job",
            "metadata": {"name": name, "namespace": ns, "labels": {"bench-floor": name}},
            "spec": {"backoffLimit": 0, "template": {"metadata": {"labels": {"bench-floor": name}},
                     "spec": {"restartPolicy": "Never", "nodeSelector": {"mapbench.io/no-such-node": "true"},
                              "tolerations": [{"key": "mapbench.io/edge", "operator": "Equal", "value": "true",
                                               "effect": "NoSchedule"}],
                              "securityContext": {"runAsNonRoot": True, "runAsUser": 65532,
                                                  "seccompProfile": {"type": "RuntimeDefault"}},
                              "containers": [{"name": "c", "image": "mapbench.local/shell", "args": ["true"],
                                              "securityContext": {"allowPrivilegeEscalation": False,
                                                                  "capabilities": {"drop": ["ALL"]}}}]}}}}


docs = []
if mode in ("operator", "minimal"):
    for i in range(runs):
        docs.append({"apiVersion": "mapbench.io/v1alpha1", "kind": "BenchmarkRun",
                     "metadata": {"name": f"{prefix}{i}", "namespace": hub_ns},
                     "spec": {"suite": "smoke", "goVersions": ["1.26"], "repetitions": 1,
                              "placement": {"clusters": [cloud_mc, edge_mc]},
                              "resources": {"requests": {"cpu": "1", "memory": "512Mi"},
                                            "limits": {"cpu": "1", "memory": "512Mi"}}}})
else:
    docs = [floor_job(f"{prefix}{i}") for i in range(runs)]
manifest = "\n---\n".join(json.dumps(d) for d in docs)

seen = {}  # (run, cluster) -> seconds after t0
admitted = {}  # run -> seconds after t0 (operator mode)
created = {}  # run -> first seen on the hub, seconds after t0 (operator mode)
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
        if run.startswith(prefix):
            with lock:
                seen.setdefault((run, name), time.time() - t0)


def watch_admissions():
    """First time each run's status shows its assignment (splits the latency into admission and dispatch)."""
    proc = subprocess.Popen([KUBECTL, "--kubeconfig", hub_kc, "-n", ns, "get", "benchmarkruns", "--watch", "--no-headers",
                             "-o", "custom-columns=RUN:.metadata.name,ADMITTED:.status.assignment.admittedAt"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, bufsize=1)
    watchers.append(proc)
    synced.append("hub")
    for line in proc.stdout:
        parts = line.split()
        if len(parts) == 2 and parts[0].startswith(prefix):
            with lock:
                created.setdefault(parts[0], time.time() - t0)
                if parts[1] != "<none>":
                    admitted.setdefault(parts[0], time.time() - t0)


t0 = time.time()  # replaced right before the apply; watch threads only read it after that
threads = [threading.Thread(target=watch, args=(name, kc), daemon=True) for name, kc in (("cloud", cloud_kc), ("edge", edge_kc))]
if mode == "operator":
    threads.append(threading.Thread(target=watch_admissions, daemon=True))
for t in threads:
    t.start()
while len(synced) < len(threads):
    time.sleep(0.05)
time.sleep(1.0)  # let both watches establish before anything is written

controller_errors = []
if mode == "minimal":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import minimal_controller
    controller_ready = threading.Event()
    threading.Thread(target=minimal_controller.run, daemon=True,
                     args=(hub_kc, hub_ns, [cloud_kc, edge_kc], floor_job, prefix, runs, controller_ready,
                           controller_errors)).start()
    controller_ready.wait()

t0 = time.time()
if mode in ("operator", "minimal"):
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
        if len(seen) >= 2 * runs or controller_errors:
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
if controller_errors:
    sys.exit("minimal controller: " + "; ".join(controller_errors[:3]))
if len(complete) < runs:
    sys.exit(f"only {len(complete)} of {runs} runs had Jobs in both members after 600s")
split = ""
if mode == "operator" and len(admitted) == runs:
    # apply -> status.assignment seen on the hub, and from there to both Jobs seen in the members
    after = [per_run[r] - admitted[r] for r in per_run if r in admitted]
    split = (f" admit_p50={percentile(list(admitted.values()), 50):.2f}s admit_p99={percentile(list(admitted.values()), 99):.2f}s"
             f" dispatch_p50={percentile(after, 50):.2f}s dispatch_p99={percentile(after, 99):.2f}s")
if mode == "operator" and TIMELINE:
    # Per run: created (first seen on the hub), admitted, Jobs seen in cloud and edge (s after apply).
    with open(TIMELINE, "w") as out:
        out.write("run\tcreated\tadmitted\tcloud\tedge\n")
        for r in sorted(per_run, key=lambda r: int(r[len(prefix):])):
            cells = [created.get(r), admitted.get(r), seen.get((r, "cloud")), seen.get((r, "edge"))]
            out.write(r + "\t" + "\t".join("" if c is None else f"{c:.3f}" for c in cells) + "\n")
print(f"mode={mode} runs={runs} p50={percentile(complete, 50):.2f}s p99={percentile(complete, 99):.2f}s "
      f"last={max(complete):.2f}s{split} method=watch")
