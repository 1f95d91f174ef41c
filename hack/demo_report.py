#!/usr/bin/env python3
"""Prints the end of `make demo`: run status, results per cluster, claim verdicts.

Reads `kubectl get ... -o json` on stdin; the first argument says which part to print:
  status   a BenchmarkRun: phase, conditions and one line per (cluster, Go version) job
  results  a BenchmarkResult list: per cluster, arch/nodeArch/map implementation, then medians
  claims   a BenchmarkRun: every claim with its verdict per (cluster, Go version)
Standard library only.
"""
import json
import sys

MAX_ROWS = 15  # benchmark rows shown per result; the rest are in the BenchmarkResult


def table(rows, headers):
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows)] if rows else [len(h) for h in headers]
    line = "  ".join("{:<%d}" % w for w in widths)
    print(line.format(*headers))
    for r in rows:
        print(line.format(*[str(x) for x in r]))


def status(run):
    st = run.get("status", {})
    print(f"run {run['metadata']['namespace']}/{run['metadata']['name']}: phase {st.get('phase')}, "
          f"jobs {st.get('jobsSummary')}, policy {st.get('policy', {}).get('decision')}")
    table([[c["type"], c["status"], c.get("reason", ""), c.get("message", "")[:90]] for c in st.get("conditions", [])],
          ["CONDITION", "STATUS", "REASON", "MESSAGE"])
    print()
    table([[j.get("cluster"), j.get("goVersion"), j.get("phase"), j.get("node", ""), j.get("nodeArch", ""),
            j.get("arch", ""), j.get("attempts", ""), (j.get("resultName") or j.get("message") or "")[:70]]
           for j in st.get("jobs", [])],
          ["CLUSTER", "GO", "PHASE", "NODE", "NODEARCH", "ARCH", "ATTEMPTS", "RESULT/MESSAGE"])


def fmt(x):
    return "-" if x is None else ("%.1f" % x if x >= 10 else "%.3f" % x)


def results(lst):
    items = sorted(lst.get("items", []), key=lambda r: (r["spec"]["cluster"], r["spec"]["goVersion"]))
    if not items:
        print("no BenchmarkResults")
        return
    table([[r["spec"]["cluster"], r["spec"]["goVersion"], r["spec"]["arch"], r["spec"].get("nodeArch", ""),
            r["spec"].get("mapImpl", ""), r["spec"].get("emulation") or "native",
            len(r["spec"]["result"].get("benchmarks", [])), r["metadata"]["name"]] for r in items],
          ["CLUSTER", "GO", "ARCH", "NODEARCH", "MAP", "EMULATION", "BENCHMARKS", "BENCHMARKRESULT"])
    for r in items:
        s = r["spec"]
        print(f"\n{s['cluster']}  go{s['goVersion']}  arch={s['arch']} nodeArch={s.get('nodeArch')} "
              f"map={s.get('mapImpl')} emulation={s.get('emulation') or 'native'}")
        rows = []
        for b in s["result"].get("benchmarks", []):
            stats = b.get("stats", {})
            ns = stats.get("nsPerOp", {})
            ne = stats.get("nsPerElem", {})
            rows.append([b.get("scenario"), b.get("variant", ""), b.get("keyType", ""), b.get("valueType", ""),
                         b.get("size", ""), fmt(ns.get("median")),
                         "[%s, %s]" % (fmt(ns.get("ciLow")), fmt(ns.get("ciHigh"))), fmt(ne.get("median"))])
        table(rows[:MAX_ROWS], ["SCENARIO", "VARIANT", "KEY", "VALUE", "SIZE", "NS/OP", "95% CI", "NS/ELEM"])
        if len(rows) > MAX_ROWS:
            print(f"... {len(rows) - MAX_ROWS} more: kubectl get benchmarkresult {r['metadata']['name']} -o yaml")


def claims(run):
    rows = []
    for c in run.get("status", {}).get("claims", []):
        verdicts = ", ".join(f"{r.get('cluster')}/go{r.get('goVersion')}={r.get('verdict')}" for r in c.get("results", []))
        rows.append([c.get("id"), verdicts])
    if not rows:
        print("no claim verdicts (the run's scenarios carry no seed claims)")
        return
    table(rows, ["CLAIM", "VERDICTS (cluster/go=verdict)"])


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in ("status", "results", "claims"):
        sys.exit("usage: demo_report.py status|results|claims < kubectl-json")
    doc = json.load(sys.stdin)
    {"status": status, "results": results, "claims": claims}[sys.argv[1]](doc)
