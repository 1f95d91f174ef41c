#!/usr/bin/env python3
"""The least any controller must do for the dispatch benchmark (see dispatch-latency.sh).

It watches BenchmarkRuns in one hub namespace and, for each run it sees added, creates one Job in
every member: no admission, no status, no finalizer, no Events, no budget, no policy. What is
left is the work every operator for this CRD has to do (the user's runs created on the hub, a
watch event per run, one Job write per run and member) on the same machine, so the time from
apply to every Job is a lower bound for any operator measured here, beside the plain-client
floor (Jobs written straight into the members, no hub at all).

Plain HTTPS with the kubeconfigs' client certificates (one kept-alive connection per member, one
thread each), so no process is started per Job.
"""
import base64
import http.client
import json
import queue
import ssl
import tempfile
import threading

import yaml


class Server:
    """An API server reached with a kubeconfig's embedded CA and client certificate."""

    def __init__(self, kubeconfig):
        with open(kubeconfig) as f:
            cfg = yaml.safe_load(f)
        ctx_name = cfg["current-context"]
        ctx = next(c["context"] for c in cfg["contexts"] if c["name"] == ctx_name)
        cluster = next(c["cluster"] for c in cfg["clusters"] if c["name"] == ctx["cluster"])
        user = next(u["user"] for u in cfg["users"] if u["name"] == ctx["user"])
        self.host, self.port = cluster["server"].removeprefix("https://").rsplit(":", 1)
        self.context = ssl.create_default_context(cadata=base64.b64decode(cluster["certificate-authority-data"]).decode())
        # ssl wants the client certificate and key as files.
        with tempfile.NamedTemporaryFile("wb", suffix=".pem") as pem:
            pem.write(base64.b64decode(user["client-certificate-data"]) + b"\n" + base64.b64decode(user["client-key-data"]))
            pem.flush()
            self.context.load_cert_chain(pem.name)

    def connect(self, timeout=None):
        return http.client.HTTPSConnection(self.host, int(self.port), context=self.context, timeout=timeout)


def create_jobs(member, jobs, errors):
    """Creates each Job taken from the queue (None ends) on one kept-alive connection."""
    conn = member.connect(timeout=30)
    while (job := jobs.get()) is not None:
        ns = job["metadata"]["namespace"]
        conn.request("POST", f"/apis/batch/v1/namespaces/{ns}/jobs", body=json.dumps(job),
                     headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        body = response.read()
        if response.status != 201:
            errors.append(f"{response.status} creating job {job['metadata']['name']}: {body[:200]!r}")


def run(hub_kubeconfig, hub_namespace, member_kubeconfigs, job_for_run, prefix, runs, ready, errors):
    """Watches the hub namespace until `runs` runs with the prefix were added; `ready` is set once
    the watch is open. job_for_run(name) gives the Job to create in every member."""
    hub = Server(hub_kubeconfig)
    queues = [queue.Queue() for _ in member_kubeconfigs]
    workers = [threading.Thread(target=create_jobs, args=(Server(kc), q, errors), daemon=True)
               for kc, q in zip(member_kubeconfigs, queues)]
    for w in workers:
        w.start()
    conn = hub.connect()
    conn.request("GET", f"/apis/mapbench.io/v1alpha1/namespaces/{hub_namespace}/benchmarkruns?watch=true"
                        "&allowWatchBookmarks=false")
    response = conn.getresponse()
    if response.status != 200:
        errors.append(f"{response.status} watching runs: {response.read()[:200]!r}")
        ready.set()
        return
    ready.set()
    seen = set()
    while len(seen) < runs:
        line = response.readline()
        if not line:
            errors.append("the hub closed the watch")
            break
        event = json.loads(line)
        name = event["object"]["metadata"]["name"]
        if event["type"] == "ADDED" and name.startswith(prefix) and name not in seen:
            seen.add(name)
            job = job_for_run(name)
            for q in queues:
                q.put(job)
    for q in queues:
        q.put(None)
    for w in workers:
        w.join()
    conn.close()
