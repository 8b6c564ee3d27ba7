#!/usr/bin/env python3
"""Golden values for KPI Lamp's custom functions (=NPS, =LTV, =LTV_SBG, =LEADLAG).

Computes reference results independently of the TypeScript code, with plain
numpy and scipy, following the contract in shared/spec/custom-functions.md,
and writes them to test/golden/functions.json next to this script.

Every case holds
  - "args": the positional arguments exactly as Google Sheets passes them to a
    custom function (a range is a 2-D array of rows, a single cell a bare
    value, a blank cell "", an omitted trailing argument left out), and
  - "expected": exactly what the function must return (a bare number, or a
    2-D table whose first row is the contract's header, blanks as "").
  - optionally "tol": a relative tolerance, where the reference itself comes
    from a numerical optimiser (the sBG fit); otherwise tests use 1e-9.

How each function's reference is computed:
  NPS      counts of promoters (>= 9), detractors (< 7) and passives with
           numpy; margin95 = 1.96*100*sqrt((p + d - (p - d)^2) / n).
  LTV      value*margin*(1+d)/(d+churn) - acquisition_cost, row by row.
  LTV_SBG  maximum-likelihood fit of the shifted-beta-geometric model
           (Fader & Hardie 2007) with scipy.optimize on log-parameters from
           several starting points, polished with the analytic gradient;
           expected_lifetime = 2F1(1, beta; alpha+beta; 1/(1+d))
           (scipy.special.hyp2f1), cross-checked against a truncated direct
           sum of S(t)/(1+d)^t. Constant-share cohorts: alpha, beta blank and
           DEL = (1+d)/(d+p), p = total lost / total exposures.
  LEADLAG  scipy.stats.pearsonr / spearmanr on the pairs at every lag.

The random inputs use a fixed numpy seed, so the output is reproducible.

Re-run from the repository root with:
    python3 test/golden/make_golden.py
"""

import json
import math
import os
import warnings

import numpy as np
import scipy
from scipy import optimize, special, stats

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "functions.json")

rng = np.random.default_rng(20240611)


# ---------------------------------------------------------------------------
# Helpers: reading arguments the way Sheets passes them
# ---------------------------------------------------------------------------

def is_blank(v):
    return isinstance(v, str) and v == ""


def is_range(v):
    return isinstance(v, list)


def cells(v):
    """Cells of a range read row by row, left to right (a bare value: itself)."""
    if is_range(v):
        return [c for row in v for c in row]
    return [v]


def col(values):
    """A single column range."""
    return [[v] for v in values]


def row(values):
    """A single row range."""
    return [list(values)]


def pyval(v):
    """Convert numpy scalars to plain Python for JSON."""
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.floating,)):
        return float(v)
    if isinstance(v, (np.bool_,)):
        return bool(v)
    return v


def js_text(v):
    """A group cell as text, the way JavaScript's String() shows it."""
    if isinstance(v, bool):
        raise ValueError("no booleans as groups in the golden cases")
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if v.is_integer() and abs(v) < 1e21:
            return str(int(v))
        return repr(v)
    return v


# ---------------------------------------------------------------------------
# NPS
# ---------------------------------------------------------------------------

NPS_HEADER = ["group", "nps", "responses", "promoters", "passives",
              "detractors", "margin95"]


def nps_counts(scores):
    s = np.asarray(scores, dtype=float)
    promoters = int(np.count_nonzero(s >= 9))
    detractors = int(np.count_nonzero(s < 7))
    passives = int(s.size - promoters - detractors)
    return s.size, promoters, passives, detractors


def nps_ref(scores, groups=None):
    sc = cells(scores)
    if groups is None:
        vals = [v for v in sc if not is_blank(v)]
        n, p, _, d = nps_counts(vals)
        assert n > 0
        return 100.0 * (p - d) / n
    gr = cells(groups)
    assert len(gr) == len(sc)
    order = []
    by_group = {}
    for s, g in zip(sc, gr):
        if is_blank(s):
            continue
        key = "(blank)" if is_blank(g) else js_text(g)
        if key not in by_group:
            by_group[key] = []
            order.append(key)
        by_group[key].append(s)
    assert order
    table = [NPS_HEADER]
    for key in order:
        n, p, pa, d = nps_counts(by_group[key])
        ps, ds = p / n, d / n
        nps = 100.0 * (p - d) / n
        margin = 1.96 * 100.0 * math.sqrt((ps + ds - (ps - ds) ** 2) / n)
        table.append([key, nps, n, p, pa, d, margin])
    return table


def survey(n, weights=None):
    """Integer 0-10 answers with a realistic, skewed distribution."""
    if weights is None:
        weights = [2, 1, 1, 1, 2, 3, 4, 8, 12, 14, 10]
    w = np.asarray(weights, dtype=float)
    return [int(x) for x in rng.choice(11, size=n, p=w / w.sum())]


def nps_cases():
    cases = []

    # Boundaries, including 6.5 (detractor) and 8.5 (passive).
    s = [10, 9, 8.5, 8, 7, 6.5, 6, 0, 9.5, 7.25]
    cases.append({"name": "boundaries 6.5 detractor, 8.5 passive",
                  "args": [col(s)]})

    s = survey(57)
    cases.append({"name": "57 answers, single column", "args": [col(s)]})

    s = survey(40)
    for i in (0, 7, 8, 21, 39):
        s[i] = ""
    cases.append({"name": "blanks are skipped", "args": [col(s)]})

    s = survey(30)
    rng2 = [s[i:i + 2] for i in range(0, 30, 2)]
    rng2[3][1] = ""
    rng2[9][0] = ""
    cases.append({"name": "two-column range read row by row, with blanks",
                  "args": [rng2]})

    s = [10, 9, 10, 9, 9]
    cases.append({"name": "all promoters", "args": [col(s)]})

    s = [3, 0, 6, 5.5, 1]
    cases.append({"name": "all detractors", "args": [row(s)]})

    s = survey(25, weights=[1, 1, 1, 1, 1, 2, 3, 5, 5, 3, 2])
    cases.append({"name": "single row of answers", "args": [row(s)]})

    # --- with groups ---
    plans = ["Starter", "Pro", "Enterprise"]
    n = 48
    s = survey(n)
    g = [plans[i] for i in rng.choice(3, size=n, p=[0.5, 0.35, 0.15])]
    cases.append({"name": "groups by plan", "args": [col(s), col(g)]})

    # Number 1 and text "1" are one group, numbers as groups, blank groups.
    s = [9, 10, 6, 8, 7, 3, 10, 9, "", 5, 9, 8.5, 6.5, 10, 2, 9]
    g = [1, "1", 2, "2", 1, "", 3, "", 4, 2, 1, "", 3, 1, "1", 2]
    cases.append({"name": "numeric groups: 1 and \"1\" are one group; blank group; blank score skipped (group 4 gets no row)",
                  "args": [col(s), col(g)]})

    # Order of first appearance among rows that have a score.
    s = ["", "", 9, 7, 2, 10, "", 9, 6, 8]
    g = ["EMEA", "APAC", "AMER", "EMEA", "AMER", "APAC", "LATAM", "EMEA", "", "APAC"]
    cases.append({"name": "order of first appearance among scored rows",
                  "args": [col(s), col(g)]})

    # 2-column ranges for both scores and groups.
    n = 36
    s = survey(n)
    g = [["SMB", "Mid-market", "Enterprise"][i] for i in rng.choice(3, size=n)]
    for i in (4, 17, 30):
        s[i] = ""
    for i in (5, 22):
        g[i] = ""
    s2 = [s[i:i + 2] for i in range(0, n, 2)]
    g2 = [g[i:i + 2] for i in range(0, n, 2)]
    cases.append({"name": "two-column scores and groups, row by row",
                  "args": [s2, g2]})

    # Years as numeric groups, a single group, and a group of one response.
    s = survey(20) + [10]
    g = [int(x) for x in rng.choice([2023, 2024], size=20)] + [2025]
    cases.append({"name": "year numbers as groups, group with one response",
                  "args": [col(s), col(g)]})

    s = survey(15)
    g = ["Pro"] * 15
    cases.append({"name": "single group", "args": [row(s), row(g)]})

    for c in cases:
        c["expected"] = nps_ref(*c["args"])
    return cases


# ---------------------------------------------------------------------------
# LTV
# ---------------------------------------------------------------------------

def ltv_one(value, margin, churn, d, acq):
    if is_blank(value) or is_blank(margin) or is_blank(churn):
        return ""
    d = 0.0 if (d is None or is_blank(d)) else float(d)
    acq = 0.0 if (acq is None or is_blank(acq)) else float(acq)
    return float(value) * float(margin) * (1.0 + d) / (d + float(churn)) - acq


def ltv_ref(*args):
    args = list(args) + [None] * (5 - len(args))
    shape = None
    for a in args:
        if is_range(a):
            sh = (len(a), len(a[0]))
            assert shape is None or shape == sh
            shape = sh
    if shape is None:
        return ltv_one(*args)
    out = []
    for i in range(shape[0]):
        r = []
        for j in range(shape[1]):
            vals = [a[i][j] if is_range(a) else a for a in args]
            r.append(ltv_one(*vals))
        out.append(r)
    return out


def ltv_cases():
    cases = [
        {"name": "scalar, no discount", "args": [49, 0.8, 0.03]},
        {"name": "scalar with discount and acquisition cost",
         "args": [99.5, 0.72, 0.025, 0.01, 450]},
        {"name": "scalar, blank discount cell takes default 0",
         "args": [29, 0.9, 0.05, "", 120]},
        {"name": "scalar, churn 1 (one period only)",
         "args": [1200, 0.65, 1, 0.08]},
        {"name": "scalar, zero value and margin 0",
         "args": [0, 0, 0.2, 0.1, 35]},
        {"name": "scalar, annual", "args": [12000, 0.78, 0.12, 0.09, 8000]},
    ]

    n = 8
    value = [float(round(x, 2)) for x in rng.uniform(20, 400, n)]
    margin = [float(round(x, 3)) for x in rng.uniform(0.55, 0.9, n)]
    churn = [float(round(x, 4)) for x in rng.uniform(0.01, 0.08, n)]
    disc = [0.01] * n
    acq = [float(round(x, 0)) for x in rng.uniform(100, 1500, n)]
    cases.append({"name": "vectorised columns, all five as ranges",
                  "args": [col(value), col(margin), col(churn), col(disc), col(acq)]})

    v, m, c, d, a = (list(value), list(margin), list(churn), list(disc), list(acq))
    v[2] = ""          # blank value -> ""
    m[4] = ""          # blank margin -> ""
    c[6] = ""          # blank churn -> ""
    d[1] = ""          # blank discount -> 0
    a[3] = ""          # blank acquisition cost -> 0
    v += ["", ""]      # empty rows below the data
    m += ["", ""]
    c += ["", ""]
    d += ["", ""]
    a += ["", ""]
    cases.append({"name": "vectorised columns with blanks in every argument and empty rows below",
                  "args": [col(v), col(m), col(c), col(d), col(a)]})

    churn2 = [0.02, 0.035, 0.05, 0.08, 0.12, 0.2, 1]
    cases.append({"name": "single value and margin broadcast against a churn column",
                  "args": [79, 0.82, col(churn2), 0.015]})

    cases.append({"name": "broadcast scalars, churn and acquisition as columns, trailing argument omitted",
                  "args": [250, 0.7, col([0.04, 0.06, "", 0.1]), 0.02, col([900, "", 400, 100])]})

    cases.append({"name": "row ranges",
                  "args": [row([49, 99, 249]), 0.8, row([0.05, 0.03, 0.015])]})

    cases.append({"name": "2x2 ranges with scalar discount",
                  "args": [[[30, 60], [90, ""]], [[0.8, 0.75], [0.7, 0.7]],
                           [[0.06, 0.04], [0.03, 0.03]], 0.01, [[100, 200], ["", 300]]]})

    for cs in cases:
        cs["expected"] = ltv_ref(*cs["args"])
    return cases


# ---------------------------------------------------------------------------
# LTV_SBG
# ---------------------------------------------------------------------------

SBG_HEADER = ["alpha", "beta", "expected_lifetime", "ltv"]


def sbg_data(active):
    counts = np.asarray([float(v) for v in cells(active) if not is_blank(v)])
    lost = counts[:-1] - counts[1:]          # lost in period t = 1..T
    survivors = counts[-1]                   # censored at T
    return counts, lost, survivors


def sbg_loglik(a, b, lost, survivors):
    T = len(lost)
    t = np.arange(1, T + 1)
    lnB = special.betaln(a, b)
    lnP = special.betaln(a + 1.0, b + t - 1.0) - lnB
    lnS = special.betaln(a, b + T) - lnB
    return float(np.sum(lost * lnP) + survivors * lnS)


def sbg_grad(a, b, lost, survivors):
    """Gradient of the log-likelihood w.r.t. (alpha, beta), via digamma."""
    T = len(lost)
    t = np.arange(1, T + 1)
    psi = special.digamma
    ab = psi(a + b)
    da_P = psi(a + 1.0) - psi(a + b + t) - psi(a) + ab
    db_P = psi(b + t - 1.0) - psi(a + b + t) - psi(b) + ab
    da_S = ab - psi(a + b + T)
    db_S = psi(b + T) - psi(a + b + T) - psi(b) + ab
    ga = float(np.sum(lost * da_P) + survivors * da_S)
    gb = float(np.sum(lost * db_P) + survivors * db_S)
    return np.array([ga, gb])


def sbg_fit(lost, survivors):
    """ML fit on log-parameters, several starts, best one polished."""
    def f(x):
        return -sbg_loglik(math.exp(x[0]), math.exp(x[1]), lost, survivors)

    def g(x):
        a, b = math.exp(x[0]), math.exp(x[1])
        return -sbg_grad(a, b, lost, survivors) * np.array([a, b])

    ends = []
    for a0 in (0.1, 0.5, 1.0, 3.0, 10.0):
        for b0 in (0.1, 1.0, 3.0, 10.0):
            x0 = np.log([a0, b0])
            r1 = optimize.minimize(f, x0, method="Nelder-Mead",
                                   options={"xatol": 1e-13, "fatol": 1e-15,
                                            "maxiter": 20000, "maxfev": 40000})
            r2 = optimize.minimize(f, r1.x, jac=g, method="BFGS",
                                   options={"gtol": 1e-12, "maxiter": 10000})
            ends.append(r2.x if r2.fun <= r1.fun else r1.x)
    best = min(ends, key=f)
    # Newton polish with a finite-difference Hessian of the analytic gradient
    # (full steps: from here Newton converges quadratically to the root of the
    # gradient, whereas comparing f values is limited by rounding near ~1e-12).
    x = best.copy()
    for _ in range(50):
        h = 1e-6
        H = np.column_stack([(g(x + h * e) - g(x - h * e)) / (2 * h)
                             for e in np.eye(2)])
        assert np.all(np.linalg.eigvalsh((H + H.T) / 2) > 0), H  # a maximum
        step = np.linalg.solve(H, -g(x))
        x = x + step
        if np.max(np.abs(step)) < 1e-13:
            break
    a, b = math.exp(x[0]), math.exp(x[1])
    grad = sbg_grad(a, b, lost, survivors)
    assert np.max(np.abs(grad * np.array([a, b]))) < 1e-8, grad
    # Every start ends on the same maximum (no better local maximum elsewhere).
    for e in ends:
        assert np.max(np.abs(np.exp(e) / np.array([a, b]) - 1)) < 1e-4, (np.exp(e), a, b)
    return a, b


def del_closed(a, b, d):
    return float(special.hyp2f1(1.0, b, a + b, 1.0 / (1.0 + d)))


def del_sum(a, b, d, terms=20000):
    t = np.arange(terms)
    S = np.exp(special.betaln(a, b + t) - special.betaln(a, b))
    return float(np.sum(S * np.exp(-t * math.log1p(d))))


def is_constant_share(counts):
    r = counts[1:] / counts[:-1]
    return bool(np.all(r == r[0]))


def sbg_ref(active, value, d):
    counts, lost, survivors = sbg_data(active)
    if is_constant_share(counts):
        p = float(lost.sum() / counts[:-1].sum())   # lost / exposures
        DEL = (1.0 + d) / (d + p)
        t = np.arange(20000)
        direct = float(np.sum(((1.0 - p) / (1.0 + d)) ** t))
        assert abs(direct - DEL) < 1e-10 * DEL
        # The sBG likelihood keeps rising along alpha/(alpha+beta) = p.
        ks = [1e1, 1e2, 1e3, 1e4, 1e5]
        lls = [sbg_loglik(k * p, k * (1 - p), lost, survivors) for k in ks]
        geo = float(np.sum(lost) * math.log(p)
                    + (counts[:-1].sum() - lost.sum()) * math.log(1 - p))
        assert all(x < y for x, y in zip(lls, lls[1:])) and lls[-1] < geo, (lls, geo)
        return [SBG_HEADER, ["", "", DEL, value * DEL]], (None, None, DEL, p)
    a, b = sbg_fit(lost, survivors)
    DEL = del_closed(a, b, d)
    direct = del_sum(a, b, d)
    assert abs(direct - DEL) < 1e-10 * DEL, (DEL, direct)
    return [SBG_HEADER, [a, b, DEL, value * DEL]], (a, b, DEL, None)


HIGH_END = [1000, 869, 743, 653, 593, 551, 517, 491]
REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241]

# Why "tol": 1e-4 on the fitted cases: the sBG log-likelihood is very flat
# along a ridge where alpha and beta grow together. For the F&H High End
# cohort (log-likelihood about -1611) the Hessian in (ln alpha, ln beta) has
# eigenvalues of about 15 and 690; along the flat direction a point whose
# log-likelihood is only 1e-8 below the maximum already differs from the
# maximiser by 2-3e-5 (relative) in alpha and beta. Any optimiser's stopping
# rule (this one or the add-on's in TypeScript) is therefore only meaningful
# to about that level, not to 1e-9. 1e-4 is far tighter than anything that
# matters (F&H publish 3 decimals) and still catches a wrong likelihood,
# a wrong discounting or a fit stuck at a different point. The closed-form
# cases (constant share) keep the default 1e-9.
SBG_TOL = 1e-4


def sbg_cases():
    cases = []
    cases.append({"name": "Fader & Hardie 2007 High End cohort (column)",
                  "args": [col(HIGH_END), 100, 0.1], "tol": SBG_TOL})
    cases.append({"name": "Fader & Hardie 2007 Regular cohort (column)",
                  "args": [col(REGULAR), 100, 0.1], "tol": SBG_TOL})
    cases.append({"name": "Fader & Hardie 2007 High End cohort as a row",
                  "args": [row(HIGH_END), 100, 0.1], "tol": SBG_TOL})
    cases.append({"name": "Fader & Hardie 2007 Regular cohort with trailing blanks",
                  "args": [col(REGULAR + ["", "", ""]), 60, 0.15], "tol": SBG_TOL})

    # Synthetic monthly cohort drawn from an sBG with known alpha, beta.
    true_a, true_b, size = 0.9, 2.4, 4000
    theta = rng.beta(true_a, true_b, size)
    lifetime = rng.geometric(theta)          # period in which each one leaves
    counts = [int(np.count_nonzero(lifetime > t)) for t in range(37)]
    assert counts[-1] > 0
    cases.append({"name": "synthetic 36-month cohort from sBG(alpha=0.9, beta=2.4), n=4000",
                  "args": [col(counts), 45, 0.01], "tol": SBG_TOL,
                  "_true": (true_a, true_b)})

    # Same share lost every period: no finite alpha/beta.
    cases.append({"name": "constant 20% churn every period (alpha, beta blank)",
                  "args": [col([1000, 800, 640, 512, 409.6]), 100, 0.1]})
    cases.append({"name": "constant 25% churn, integer counts, as a row",
                  "args": [row([1024, 768, 576, 432, 324, 243]), 80, 0.05]})

    fits = {}
    for c in cases:
        active, value, d = c["args"]
        c["expected"], fits[c["name"]] = sbg_ref(active, value, d)
        if "_true" in c:
            a, b = fits[c["name"]][:2]
            print(f"  synthetic cohort: true alpha, beta = {c['_true']}, fitted = {a:.4f}, {b:.4f}")
            del c["_true"]

    # Sanity check against the values published by Fader & Hardie (2007).
    a, b = fits[cases[0]["name"]][:2]
    assert round(a, 3) == 0.668 and round(b, 3) == 3.806, (a, b)
    a, b = fits[cases[1]["name"]][:2]
    assert round(a, 3) == 0.704 and round(b, 3) == 1.182, (a, b)
    # Row and column, trailing blanks: same fit.
    assert cases[2]["expected"][1] == cases[0]["expected"][1]
    assert cases[3]["expected"][1][:2] == cases[1]["expected"][1][:2]
    return cases, fits


# ---------------------------------------------------------------------------
# LEADLAG
# ---------------------------------------------------------------------------

LL_HEADER = ["lag", "r", "pairs", "p_value"]


def to_series(v):
    return [None if is_blank(c) else float(c) for c in cells(v)]


def diff(s):
    return [None if (s[t] is None or s[t - 1] is None) else s[t] - s[t - 1]
            for t in range(1, len(s))]


def leadlag_ref(leading, lagging, max_lag=None, method=None, differenced=None):
    x, y = to_series(leading), to_series(lagging)
    assert len(x) == len(y)
    n = len(x)
    if max_lag is None or is_blank(max_lag):
        max_lag = min(12, n - 3)
    method = "pearson" if (method is None or is_blank(method)) else method.lower()
    differenced = False if (differenced is None or is_blank(differenced)) else differenced
    if differenced:
        x, y = diff(x), diff(y)
    m = len(x)
    table = [LL_HEADER]
    stats_seen = []
    for k in range(-max_lag, max_lag + 1):
        px, py = [], []
        for t in range(m):
            if 0 <= t + k < m and x[t] is not None and y[t + k] is not None:
                px.append(x[t])
                py.append(y[t + k])
        npairs = len(px)
        if k == 0:
            assert npairs >= 4
        if npairs < 3 or len(set(px)) == 1 or len(set(py)) == 1:
            table.append([k, "", npairs, ""])
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            if method == "pearson":
                res = stats.pearsonr(px, py)
            else:
                res = stats.spearmanr(px, py)
        r, p = float(res.statistic), float(res.pvalue)
        stats_seen.append((r, p))
        table.append([k, r, npairs, p])
    return table, stats_seen


def ar_noise(n, phi, sd):
    e = rng.normal(0, sd, n)
    out = np.zeros(n)
    for t in range(n):
        out[t] = (phi * out[t - 1] if t else 0.0) + e[t]
    return out


def rnd(a, nd=2):
    return [float(round(float(v), nd)) for v in a]


def leadlag_cases():
    cases = []

    # Planted: x leads y by 3 periods.
    n = 40
    x = 100 + ar_noise(n + 3, 0.3, 8.0)
    y = 20 + 0.6 * x[:-3] + rng.normal(0, 3.0, n)   # y[t] = f(x[t-3])
    xs, ys = rnd(x[3:]), rnd(y)
    cases.append({"name": "planted: leading moves 3 periods before lagging (pearson, default max_lag 12)",
                  "args": [col(xs), col(ys)], "_peak": 3})
    cases.append({"name": "planted lead of 3, spearman, max_lag 6",
                  "args": [col(xs), col(ys), 6, "spearman"], "_peak": 3})

    # Two trending series: levels vs differenced.
    n = 30
    t = np.arange(n)
    lead = 50 + 2.0 * t + ar_noise(n, 0.2, 3.0)
    shock = np.diff(lead, prepend=lead[0])
    lag = 400 + 5.0 * t + np.concatenate([[0, 0], np.cumsum(1.5 * shock)[:-2]]) + rng.normal(0, 2.0, n)
    ls, gs = rnd(lead, 1), rnd(lag, 1)
    cases.append({"name": "trending series, levels (spurious correlation), max_lag 5",
                  "args": [col(ls), col(gs), 5, "pearson", False]})
    cases.append({"name": "trending series, differenced TRUE, max_lag 5",
                  "args": [col(ls), col(gs), 5, "pearson", True]})
    cases.append({"name": "trending series, differenced, spearman (mixed case), default max_lag via blank",
                  "args": [col(ls), col(gs), "", "Spearman", True]})

    # Blanks on either side; default max_lag counts blanks.
    n = 24
    a = 10 + ar_noise(n, 0.5, 2.0)
    b = 5 + 0.8 * np.roll(a, 1) + rng.normal(0, 1.0, n)
    as_, bs = rnd(a), rnd(b)
    as_[4] = ""
    as_[15] = ""
    bs[9] = ""
    bs[10] = ""
    bs[23] = ""
    cases.append({"name": "blanks on both sides, pearson, default max_lag (n counts blanks)",
                  "args": [col(as_), col(bs)]})
    cases.append({"name": "blanks on both sides, differenced (changes next to a blank are blank)",
                  "args": [col(as_), col(bs), 4, "PEARSON", True]})

    # Spearman with ties (integer-valued weekly counts).
    n = 26
    tickets = [int(v) for v in rng.poisson(6, n)]
    churned = [int(v) for v in np.clip(np.round(0.5 * np.roll(tickets, 2) + rng.poisson(1.5, n)), 0, None)]
    cases.append({"name": "spearman with ties (integer counts), max_lag 8",
                  "args": [col(tickets), col(churned), 8, "spearman"]})
    cases.append({"name": "spearman with ties, differenced",
                  "args": [col(tickets), col(churned), 6, "spearman", True]})

    # A column and a row.
    n = 15
    u = rnd(rng.normal(70, 10, n), 1)
    v = rnd(0.4 * np.array(u) + rng.normal(0, 5, n), 1)
    cases.append({"name": "leading as a column, lagging as a row",
                  "args": [col(u), row(v)]})
    cases.append({"name": "leading as a row, lagging as a column, spearman",
                  "args": [row(u), col(v), 4, "spearman", False]})

    # Short: lags with fewer than 3 pairs (and 0 pairs beyond n).
    s1 = [3.2, 4.1, 3.9, 5.0, 4.4, 6.1]
    s2 = [1.1, 1.0, 1.6, 1.4, 2.2, 2.0]
    cases.append({"name": "short series, default max_lag 3", "args": [col(s1), col(s2)]})
    cases.append({"name": "short series, max_lag 7: lags with < 3 pairs blank, some with 0 pairs",
                  "args": [col(s1), col(s2), 7]})
    cases.append({"name": "max_lag 0: only lag 0", "args": [col(s1), col(s2), 0]})

    # One side constant at some lags.
    lead_c = [3, 3, 3, 3, 3, 4, 6, 2]
    lag_c = [7, 7, 7, 7, 7, 8, 10, 9]
    cases.append({"name": "one side constant at some lags (r and p blank)",
                  "args": [col(lead_c), col(lag_c)]})
    cases.append({"name": "one side constant at some lags, spearman",
                  "args": [col(lead_c), col(lag_c), 5, "spearman"]})

    # Linear leading series: its changes are constant when differenced.
    lin = [100, 110, 120, 130, 140, 150, 160, 170, 180]
    other = [5, 9, 4, 8, 12, 7, 11, 6, 10]
    cases.append({"name": "differenced linear series is constant at every lag",
                  "args": [col(lin), col(other), 3, "pearson", True]})

    for c in cases:
        c["expected"], seen = leadlag_ref(*c["args"])
        for r, p in seen:
            # Keep away from values whose relative comparison is meaningless
            # (r that should be 0 or +-1 computed with rounding noise).
            assert 1e-6 < abs(r) < 1 - 1e-9 or abs(r) == 1.0, (c["name"], r)
        if "_peak" in c:
            rows = [rw for rw in c["expected"][1:] if rw[1] != ""]
            peak = max(rows, key=lambda rw: rw[1])[0]
            assert peak == c["_peak"], (c["name"], peak)
            del c["_peak"]
    return cases


# ---------------------------------------------------------------------------

def clean(o):
    if isinstance(o, dict):
        return {k: clean(v) for k, v in o.items()}
    if isinstance(o, (list, tuple)):
        return [clean(v) for v in o]
    o = pyval(o)
    if isinstance(o, float):
        assert math.isfinite(o), o
    return o


def main():
    nps = nps_cases()
    ltv = ltv_cases()
    sbg, fits = sbg_cases()
    ll = leadlag_cases()
    doc = {
        "generated_by": "test/golden/make_golden.py",
        "scipy": scipy.__version__,
        "numpy": np.__version__,
        "NPS": nps,
        "LTV": ltv,
        "LTV_SBG": sbg,
        "LEADLAG": ll,
    }
    with open(OUT, "w") as fh:
        json.dump(clean(doc), fh, indent=1, allow_nan=False)
        fh.write("\n")
    print(f"wrote {OUT}")
    print(f"  NPS: {len(nps)}  LTV: {len(ltv)}  LTV_SBG: {len(sbg)}  LEADLAG: {len(ll)}")
    for name, (a, b, DEL, p) in fits.items():
        if a is None:
            print(f"  {name}: constant share p={p:.6g}, DEL={DEL:.10g}")
        else:
            print(f"  {name}: alpha={a:.10g} beta={b:.10g} DEL={DEL:.10g}")


if __name__ == "__main__":
    main()
