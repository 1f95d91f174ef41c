#!/usr/bin/env bash
# Writes seeded synthetic benchmark text and the real benchstat's CSV for it to
# operator/src/test/resources/comparison-synthetic/: the sample sizes and ties that the real result
# documents of comparison/ do not have (n > 30: normal approximation of the median interval;
# n > 50: asymptotic U test; ties with n <= 25: tie-exact U; ties with n > 25: asymptotic U;
# unequal n; n = 43/44 where the approximation picks other orders than the exact walk), so
# BenchstatAgreementTest covers every branch benchmath takes.
#   hack/gen-comparison-synthetic.sh           regenerate
#   hack/gen-comparison-synthetic.sh --check   change nothing; exit 1 when a fixture is stale
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dst="$repo/operator/src/test/resources/comparison-synthetic"
benchstat="$("$repo/hack/tools/benchstat.sh" | tail -n1)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp" <<'PY'
import random, sys
out = sys.argv[1]
rng = random.Random(12)
# name, base n, candidate n, base level, candidate level, relative spread, rounding step (ties)
rows = [
    ("N35Shift", 35, 35, 10000, 10300, 0.02, 1),
    ("N35Same", 35, 35, 10000, 10000, 0.02, 1),
    ("N60Shift", 60, 60, 5000, 5100, 0.03, 1),
    ("N60Same", 60, 60, 5000, 5000, 0.03, 1),
    ("N10Ties", 10, 10, 2000, 2040, 0.01, 20),
    ("N10TiesSame", 10, 10, 2000, 2000, 0.01, 20),
    ("N30Ties", 30, 30, 3000, 3060, 0.01, 30),
    ("N7vs12", 7, 12, 8000, 7600, 0.02, 1),
    ("N5vs6", 5, 6, 8000, 8800, 0.02, 1),
    ("N8Equal", 8, 8, 4000, 4000, 0.0, 1),
]
# n = 43 and 44: the normal approximation's band ends one order further out than the exact walk's
# (right end at 43, left end at 44); a jump at that order makes the difference show in "±".
fixed = {
    "N43vs44Orders": ([100 + 0.001 * i for i in range(1, 29)] + [200 + i for i in range(29, 44)],
                      [50 + i for i in range(1, 16)] + [100 + 0.001 * i for i in range(16, 45)]),
}
def sample(level, spread, step):
    v = level * (1 + rng.gauss(0, spread))
    return max(step, round(v / step) * step)
for side, idx, lvl in (("base", 1, 3), ("candidate", 2, 4)):
    with open(f"{out}/{side}.txt", "w") as f:
        f.write("goos: linux\ngoarch: amd64\npkg: synthetic\n")
        for r in rows:
            for _ in range(r[idx]):
                f.write(f"Benchmark{r[0]} \t1000\t{sample(r[lvl], r[5], r[6])} ns/op\n")
        for name, sides in fixed.items():
            for v in sides[idx - 1]:
                f.write(f"Benchmark{name} \t1000\t{v:.3f} ns/op\n")
PY
mkdir -p "$tmp/out"
cp "$tmp/base.txt" "$tmp/candidate.txt" "$tmp/out/"
(cd "$tmp/out" && "$benchstat" -format csv base.txt candidate.txt >benchstat.csv 2>benchstat.csv.warnings)
if [[ "${1:-}" == "--check" ]]; then
  diff -r "$tmp/out" "$dst" >&2 || { echo "gen-comparison-synthetic.sh: $dst is stale" >&2; exit 1; }
  exit 0
fi
rm -rf "$dst"; mkdir -p "$dst"; cp "$tmp/out"/* "$dst/"
echo "gen-comparison-synthetic.sh: wrote $dst" >&2
