#!/usr/bin/env python3
"""Golden values for KPI Lamp's lamps and backtest (`kpi-lamp lamps --json`).

Computes reference lamp states and backtests independently of the TypeScript
code, with plain numpy (random inputs) and Python arithmetic, by applying
the rules of shared/spec/kpi-tree.md (sections "Tree JSON", "Lamps",
"Backtest" and "Command line") literally, and writes them to
test/golden/backtest.json next to this script.

Every case holds
  - "name": what the case plants,
  - "workbook": {"Accounts": {"header": [...], "rows": [...]},
    "Snapshots": {...}}; cells are numbers, booleans (TRUE/FALSE), text
    (months as "yyyy-mm") or null for a blank cell,
  - "tree": a kpi-lamp/tree@1 document,
  - "horizon": the horizon in months to back-test with (`--horizon N`; it
    equals the tree's settings.horizon_months unless the case name says
    it overrides it),
  - "expected":
      "backtest": the "backtest" list of `kpi-lamp lamps --json`, one entry
        per lamp node in tree order, exactly as the contract lists it;
      "lamps": every Accounts row, in sheet order, as
        {"id", "severity", "lamps": [{"node", "state", "value", "warn",
        "alert"}]} (the contract's account entry without the text fields
        reason / action and without name / owner / plan / arr / renewal;
        compare it with the output of `--all`, which sorts the accounts).
  Floats (base_rate, precision, recall, lift, lift_ci95, cutoff, a
  composite's value) are compared with a relative tolerance (1e-9 is
  ample); counts, states and thresholds exactly.

The rules as applied here:
  lamp nodes  kpi and composite nodes with their own warn or alert, in tree
              order (depth-first from the root, children in "nodes" order).
  a state     kpi: blank / non-numeric -> unknown (value null);
              higher_is_better: value <= alert -> alert, else <= warn ->
              warn, else ok; lower_is_better the same with >=. composite:
              a child at/past its floor -> alert (whatever the others);
              else a child unknown -> unknown; else its value (product, or
              sum(weight * value) / sum(weight)) against its thresholds;
              its value is reported whenever no child is unknown. The plan
              (trimmed; blank -> the node's own thresholds) picks a by_plan
              entry, which replaces both thresholds (one left out is none).
              TRUE / FALSE count as 1 / 0. "warn" / "alert" in the output are
              the thresholds that applied (null if none).
  severity    the worst lamp: alert > warn > unknown > ok.
  backtest    every Snapshots row (account-month m) before the account's
              churn month (the month of its churned TRUE row) with m + h <=
              the sheet's last month; lit = warn or alert at m (plan from
              the Snapshots plan column when the sheet has one, else from
              the account's Accounts row); churned = churn month within
              m+1 .. m+h. base_rate, precision, recall, lift and the log-
              method lift_ci95 as in the contract, null where a
              denominator is 0 or an input is null.
  curve       v = the node's numeric values over the considered rows, sorted
              (m = len(v)); cut-offs v[ceil(k*m/10)] (1-based, integer
              arithmetic) for k = 1..9, each distinct cut-off once, in
              increasing order; lit at a cut-off = value at or past it in
              the node's direction, or (composite) a child at/past its floor.

Interpretations of points the contract leaves open:
  1. "m" in the curve's rule is the number of numeric values v (considered
     rows whose value is blank, or whose composite has an unknown child,
     have no value and are left out of v); an empty curve when it is 0.
  2. A lamp node is a kpi / composite with its own warn or alert; by_plan
     entries alone do not make one (no case has by_plan without them). The
     cut-offs replace the thresholds of every plan (by_plan is ignored on
     the curve).
  3. lift is null when base_rate is 0 or null or precision is null; with
     lit_churned = 0 (and lit, churned > 0) lift is 0.0 and lift_ci95 null.
  4. A Snapshots row whose plan cell is blank uses the node's own thresholds
     even when the account's Accounts row names a plan (the sheet has the
     plan column, so the plan is read from it). In the case whose Snapshots
     has no plan column, Accounts lists every account (churned ones too), so
     every account-month has a plan row to read.
  5. Thresholds a composite's computed value could tie with are chosen so
     that no computed value lies within 1e-9 of one (checked), so the order
     of floating-point operations cannot flip a state; raw kpi values do
     reach thresholds and floors exactly on purpose.

The random inputs use fixed numpy seeds, so the output is reproducible.

Re-run from the repository root with:
    python3 test/golden/make_backtest.py
"""

import json
import math
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "backtest.json")

from tree_reference import HIGHER, LOWER, Sheet, Tree, clean, month_index, month_label, num  # noqa: E402,F401

RANK = {"alert": 3, "warn": 2, "unknown": 1, "ok": 0}


def plan_text(v):
    if v is None:
        return ""
    return str(v).strip()


# ---------------------------------------------------------------------------
# Lamps
# ---------------------------------------------------------------------------

def past(v, th, direction):
    """At or past a threshold in the node's direction (reaching it counts)."""
    return v <= th if direction == HIGHER else v >= th


def thresholds(node, plan):
    p = plan_text(plan)
    bp = node.get("by_plan") or {}
    if p != "" and p in bp:
        e = bp[p]
        return e.get("warn"), e.get("alert")   # an entry replaces both
    return node.get("warn"), node.get("alert")


def kpi_value(node, sheet, row):
    return num(sheet.get(row, node.get("accounts_column")))


def composite_parts(tree, node, sheet, row):
    """(value or None, any child unknown, a child at/past its floor)."""
    d = tree.direction(node)
    kids = tree.children[node["id"]]
    vals = [kpi_value(c, sheet, row) if c["type"] == "kpi" else None for c in kids]
    assert all(c["type"] == "kpi" for c in kids), "no nested composites in these cases"
    floored = any(v is not None and c.get("floor") is not None and past(v, c["floor"], d)
                  for c, v in zip(kids, vals))
    unknown = any(v is None for v in vals)
    if unknown or not kids:
        return None, True, floored
    if node.get("method") == "weighted_mean":
        tot = wsum = 0.0
        for c, v in zip(kids, vals):
            w = float(c.get("weight", 1))
            tot += w * v
            wsum += w
        value = tot / wsum
    else:
        value = 1.0
        for v in vals:
            value *= v
    return value, False, floored


def judge(value, warn, alert, direction):
    if alert is not None and past(value, alert, direction):
        return "alert"
    if warn is not None and past(value, warn, direction):
        return "warn"
    return "ok"


def lamp(tree, node, sheet, row, plan):
    """(state, value, floored) of one lamp node for one row."""
    d = tree.direction(node)
    warn, alert = thresholds(node, plan)
    if node["type"] == "composite":
        value, unknown, floored = composite_parts(tree, node, sheet, row)
        if floored:
            return "alert", value, True
        if unknown:
            return "unknown", None, False
        return judge(value, warn, alert, d), value, False
    value = kpi_value(node, sheet, row)
    if value is None:
        return "unknown", None, False
    return judge(value, warn, alert, d), value, False


def account_lamps(tree, accounts):
    cols = tree.settings["columns"]
    out = []
    for row in accounts.rows:
        plan = accounts.get(row, cols["plan"])
        lamps = []
        for n in tree.lamp_nodes():
            state, value, _ = lamp(tree, n, accounts, row, plan)
            warn, alert = thresholds(n, plan)
            lamps.append({"node": n["id"], "state": state, "value": value, "warn": warn, "alert": alert})
        severity = max((lp["state"] for lp in lamps), key=lambda s: RANK[s])
        out.append({"id": accounts.get(row, cols["id"]), "severity": severity, "lamps": lamps})
    return out


# ---------------------------------------------------------------------------
# Backtest
# ---------------------------------------------------------------------------

def figures(considered, lit, churned, lit_churned):
    base = churned / considered if considered else None
    precision = lit_churned / lit if lit else None
    recall = lit_churned / churned if churned else None
    lift = precision / base if (precision is not None and base) else None   # interpretation 3
    return base, precision, recall, lift


def lift_ci(lift, considered, lit, churned, lit_churned):
    if not lit_churned or not churned or lift is None:
        return None
    se = math.sqrt(1 / lit_churned - 1 / lit + 1 / churned - 1 / considered)
    return [math.exp(math.log(lift) - 1.96 * se), math.exp(math.log(lift) + 1.96 * se)]


def considered_rows(tree, wb, h):
    """[(row, plan, churned within the horizon)] for the considered account-months."""
    st = tree.settings
    cols = st["columns"]
    snap, acc = wb["snapshots"], wb["accounts"]
    months = [month_index(snap.get(r, cols["month"])) for r in snap.rows]
    last = max(months)
    churn_at = {}
    for r, m in zip(snap.rows, months):
        if num(snap.get(r, cols["churned"])) == 1.0:
            a = snap.get(r, cols["id"])
            churn_at[a] = min(m, churn_at.get(a, m))
    acc_plan = {}
    if acc is not None:
        for r in acc.rows:
            acc_plan[acc.get(r, cols["id"])] = acc.get(r, cols["plan"])
    plan_in_snap = snap.has(cols["plan"])
    out = []
    for r, m in zip(snap.rows, months):
        a = snap.get(r, cols["id"])
        c = churn_at.get(a)
        if c is not None and m >= c:
            continue
        if m + h > last:
            continue
        plan = snap.get(r, cols["plan"]) if plan_in_snap else acc_plan.get(a)   # interpretation 4
        out.append((r, plan, c is not None and m + 1 <= c <= m + h))
    return out


def backtest(tree, wb, h):
    snap = wb["snapshots"]
    result = []
    for n in tree.lamp_nodes():
        d = tree.direction(n)
        rows = considered_rows(tree, wb, h)
        evals = [(lamp(tree, n, snap, r, plan), out) for r, plan, out in rows]
        considered = len(evals)
        churned = sum(1 for _, out in evals if out)
        lit = sum(1 for (st, _, _), _ in evals if st in ("warn", "alert"))
        lit_churned = sum(1 for (st, _, _), out in evals if st in ("warn", "alert") and out)
        base, precision, recall, lift = figures(considered, lit, churned, lit_churned)
        ci = lift_ci(lift, considered, lit, churned, lit_churned)
        # The curve (interpretation 1).
        v = sorted(val for (_, val, _), _ in evals if val is not None)
        m = len(v)
        cutoffs = sorted(set(v[(k * m + 9) // 10 - 1] for k in range(1, 10))) if m else []
        curve = []
        for cut in cutoffs:
            if n["type"] == "composite":
                def on(e):
                    (_, val, _), _ = e
                    return e[0][2] or (val is not None and past(val, cut, d))
            else:
                def on(e):
                    (_, val, _), _ = e
                    return val is not None and past(val, cut, d)
            c_lit = sum(1 for e in evals if on(e))
            c_lc = sum(1 for e in evals if on(e) and e[1])
            _, c_prec, c_rec, c_lift = figures(considered, c_lit, churned, c_lc)
            curve.append({"cutoff": cut, "lit": c_lit, "lit_churned": c_lc,
                          "precision": c_prec, "recall": c_rec, "lift": c_lift})
        result.append({"node": n["id"], "name": n["name"], "horizon_months": h,
                       "considered": considered, "lit": lit, "churned": churned,
                       "lit_churned": lit_churned, "base_rate": base, "precision": precision,
                       "recall": recall, "lift": lift, "lift_ci95": ci, "curve": curve})
    return result


def expected_of(case):
    tree = Tree(case["tree"])
    st = tree.settings
    wbj = case["workbook"]
    wb = {"snapshots": Sheet(wbj[st["snapshots_sheet"]]),
          "accounts": Sheet(wbj[st["accounts_sheet"]]) if st["accounts_sheet"] in wbj else None}
    return {"backtest": backtest(tree, wb, case["horizon"]),
            "lamps": account_lamps(tree, wb["accounts"])}


# ---------------------------------------------------------------------------
# A second, independent count of the backtest (self-check): per account,
# from its own month list, with the windows written out month by month.
# ---------------------------------------------------------------------------

def recount(case, node_id):
    tree = Tree(case["tree"])
    st = tree.settings
    cols = st["columns"]
    snap = Sheet(case["workbook"][st["snapshots_sheet"]])
    acc = Sheet(case["workbook"][st["accounts_sheet"]])
    n = tree.by_id[node_id]
    h = case["horizon"]
    per = {}
    for r in snap.rows:
        per.setdefault(snap.get(r, cols["id"]), []).append(r)
    allm = [month_index(snap.get(r, cols["month"])) for r in snap.rows]
    lo, hi = min(allm), max(allm)
    aplan = {acc.get(r, cols["id"]): acc.get(r, cols["plan"]) for r in acc.rows}
    cons = lit = ch = lc = 0
    for a, rows in per.items():
        churn_months = [month_index(snap.get(r, cols["month"])) for r in rows if snap.get(r, cols["churned"]) is True]
        for r in rows:
            m = month_index(snap.get(r, cols["month"]))
            if churn_months and m >= churn_months[0]:
                continue
            window = [m + i for i in range(1, h + 1)]
            if not all(lo <= w <= hi for w in window):
                continue
            plan = snap.get(r, cols["plan"]) if snap.has(cols["plan"]) else aplan.get(a)
            state = lamp(tree, n, snap, r, plan)[0]
            out = bool(churn_months) and churn_months[0] in window
            cons += 1
            lit += state in ("warn", "alert")
            ch += out
            lc += out and state in ("warn", "alert")
    return cons, lit, ch, lc


# ---------------------------------------------------------------------------
# Building the cases
# ---------------------------------------------------------------------------

def months(start, n):
    m0 = month_index(start)
    return [month_label(m0 + i) for i in range(n)]


NAMES = ["Aoba", "Birch", "Cedar", "Daikoku", "Elm", "Fuji", "Granite", "Hinoki", "Iris", "Jade",
         "Kaede", "Lumen", "Maple", "Nagi", "Onyx", "Pine", "Quartz", "Ran", "Sakura", "Teak",
         "Umi", "Vale", "Wisteria", "Yuzu", "Zelkova"]


def simulate(rng, n_acc, n_months, start, churn_frac, plans, plan_change=False, late_frac=0.2,
             blank=0.04):
    """Account-months driven by a latent health that falls before churn.

    Returns (snapshot rows as dicts, accounts as dicts)."""
    ms = months(start, n_months)
    rows, accts = [], []
    for i in range(n_acc):
        aid = f"A{i + 1:03d}"
        join = 0 if rng.random() > late_frac else int(rng.integers(1, max(2, n_months // 2)))
        churns = rng.random() < churn_frac and join + 2 < n_months
        c = int(rng.integers(join + 2, n_months)) if churns else None
        h0 = float(rng.normal(0.68, 0.11))
        plan = plans[int(rng.integers(0, len(plans)))]
        upgrade = int(rng.integers(join + 1, n_months)) if (plan_change and rng.random() < 0.3) else None
        onboard = bool(rng.random() < (0.5 if churns else 0.85))
        arr = int(rng.integers(3, 60)) * 100000
        walk = 0.0
        last = c if c is not None else n_months - 1
        for t in range(join, last + 1):
            walk += float(rng.normal(0, 0.03))
            decline = 0.09 * max(0, 4 - (c - t)) if c is not None else 0.0
            hlt = h0 + walk - decline
            p = plans[(plans.index(plan) + 1) % len(plans)] if (upgrade is not None and t >= upgrade) else plan

            def maybe(v):
                return None if rng.random() < blank else v
            rows.append({
                "month": ms[t], "account_id": aid, "plan": p,
                "login_rate_30d": maybe(round(float(np.clip(hlt + rng.normal(0, 0.05), 0, 1)), 2)),
                "open_tickets": maybe(int(rng.poisson(max(0.2, 9 * (0.9 - hlt))))),
                "onboarding_completed": maybe(onboard),
                "key_feature_usage": maybe(round(float(np.clip(0.75 * hlt + rng.normal(0, 0.07), 0, 1)), 2)),
                "days_since_login": maybe(int(max(0, round(30 * (0.95 - hlt) + rng.normal(0, 3))))),
                "churned": t == c,
            })
        accts.append({"account_id": aid, "account_name": f"{NAMES[i % len(NAMES)]} {i + 1}", "plan": plan,
                      "arr": arr, "churned": c is not None})
    rows.sort(key=lambda r: (r["month"], r["account_id"]))
    return rows, accts


def sheet(dict_rows, header):
    return {"header": header, "rows": [[r.get(h) for h in header] for r in dict_rows]}


def build_workbook(rows, accts, kpis, snap_plan=True, accounts_all=False, edits=None):
    """Snapshots + Accounts; Accounts = each (current) account's latest row.

    edits: {account_id: {column: value}} applied to the account's latest
    Snapshots row (and so to its Accounts row); "plan" edits only touch
    Accounts."""
    edits = edits or {}
    latest = {}
    for r in rows:
        latest[r["account_id"]] = r
    for aid, ed in edits.items():
        for k, v in ed.items():
            if k != "plan":
                latest[aid][k] = v
    snap_header = ["month", "account_id"] + (["plan"] if snap_plan else []) + kpis + ["churned"]
    acc_rows = []
    for a in accts:
        if a["churned"] and not accounts_all:
            continue
        r = latest[a["account_id"]]
        row = {"account_id": a["account_id"], "account_name": a["account_name"],
               "plan": r["plan"] if snap_plan else a["plan"], "arr": a["arr"]}
        row.update({k: r[k] for k in kpis})
        if "plan" in edits.get(a["account_id"], {}):
            row["plan"] = edits[a["account_id"]]["plan"]
        acc_rows.append(row)
    return {"Accounts": sheet(acc_rows, ["account_id", "account_name", "plan", "arr"] + kpis),
            "Snapshots": sheet(rows, snap_header)}


def kgi():
    return {"id": "kgi", "parent": None, "type": "kgi", "name": "Monthly churn",
            "history_column": "churn_rate", "direction": LOWER}


def tree_doc(nodes, horizon):
    return {"format": "kpi-lamp/tree@1", "settings": {"horizon_months": horizon}, "nodes": nodes}


def ids_of(accts, churned):
    return [a["account_id"] for a in accts if a["churned"] == churned]


def case_both_directions(cases):
    rng = np.random.default_rng(31001)
    rows, accts = simulate(rng, 26, 14, "2025-01", 0.35, ["Growth"])
    cur = ids_of(accts, False)
    edits = {cur[0]: {"login_rate_30d": 0.5, "open_tickets": 3},           # exactly at warn: warn
             cur[1]: {"login_rate_30d": 0.3, "open_tickets": 5},           # exactly at alert: alert
             cur[2]: {"login_rate_30d": None, "open_tickets": 0, "onboarding_completed": True},
             cur[3]: {"onboarding_completed": False, "login_rate_30d": 0.9, "open_tickets": 1},
             cur[4]: {"login_rate_30d": 0.51, "open_tickets": 2, "onboarding_completed": True}}
    kpis = ["login_rate_30d", "open_tickets", "onboarding_completed"]
    wb = build_workbook(rows, accts, kpis, snap_plan=False, edits=edits)
    tree = tree_doc([
        kgi(),
        {"id": "usage", "parent": "kgi", "type": "csf", "name": "Usage"},
        {"id": "login", "parent": "usage", "type": "kpi", "name": "30-day login rate",
         "accounts_column": "login_rate_30d", "direction": HIGHER, "warn": 0.5, "alert": 0.3,
         "action": "Usage review"},
        {"id": "tickets", "parent": "usage", "type": "kpi", "name": "Open tickets",
         "accounts_column": "open_tickets", "direction": LOWER, "warn": 3, "alert": 5,
         "action": "Support escalation"},
        {"id": "onboarding", "parent": "kgi", "type": "kpi", "name": "Onboarding completed",
         "accounts_column": "onboarding_completed", "alert": 0, "action": "Finish onboarding"},
    ], 3)
    cases.append({"name": "kpi lamps in both directions, TRUE/FALSE as 1/0, values reaching thresholds",
                  "workbook": wb, "tree": tree, "horizon": 3,
                  "_plant": {"login": "lift>1", "tickets": "lift>1"}})


def case_by_plan_snapshots(cases):
    rng = np.random.default_rng(32002)
    rows, accts = simulate(rng, 30, 18, "2024-07", 0.3, ["Starter", "Growth", "Enterprise"], plan_change=True)
    # A few blank plan cells in Snapshots (node's own thresholds there).
    for r in rows[5::37]:
        r["plan"] = None
    cur = ids_of(accts, False)
    edits = {cur[0]: {"plan": None, "login_rate_30d": 0.45, "open_tickets": 4},       # blank plan: own
             cur[1]: {"plan": " Enterprise ", "login_rate_30d": 0.45, "open_tickets": 4},  # trimmed
             cur[2]: {"plan": "Enterprise", "login_rate_30d": 0.2, "open_tickets": 2},
             cur[3]: {"plan": "Starter", "login_rate_30d": 0.45, "open_tickets": 7},
             cur[4]: {"plan": "Starter", "login_rate_30d": 0.25, "open_tickets": 0},
             cur[5]: {"plan": "Unknown plan", "login_rate_30d": 0.29, "open_tickets": 6}}
    kpis = ["login_rate_30d", "open_tickets"]
    wb = build_workbook(rows, accts, kpis, snap_plan=True, edits=edits)
    tree = tree_doc([
        kgi(),
        {"id": "login", "parent": "kgi", "type": "kpi", "name": "30-day login rate",
         "accounts_column": "login_rate_30d", "direction": HIGHER, "warn": 0.5, "alert": 0.3,
         "by_plan": {"Enterprise": {"warn": 0.6}, "Starter": {"warn": 0.4, "alert": 0.25}},
         "action": "Usage review"},
        {"id": "tickets", "parent": "kgi", "type": "kpi", "name": "Open tickets",
         "accounts_column": "open_tickets", "direction": LOWER, "warn": 3, "alert": 6,
         "by_plan": {"Enterprise": {"alert": 5}}, "action": "Support escalation"},
    ], 3)
    cases.append({"name": "by_plan read from the Snapshots plan column (plans change, blank plans, an entry leaving a threshold out)",
                  "workbook": wb, "tree": tree, "horizon": 3, "_plant": {"login": "lift>1"},
                  "_matters": ["by_plan"]})


def case_by_plan_accounts(cases):
    rng = np.random.default_rng(33003)
    rows, accts = simulate(rng, 22, 12, "2025-03", 0.35, ["Starter", "Enterprise"])
    cur = ids_of(accts, False)
    edits = {cur[0]: {"plan": None, "login_rate_30d": 0.55},
             cur[1]: {"plan": "Enterprise", "login_rate_30d": 0.55},
             cur[2]: {"plan": "Starter", "login_rate_30d": 0.35}}
    kpis = ["login_rate_30d"]
    # The plans of the Accounts rows are what the backtest reads, so apply
    # the plan edits to the accounts themselves.
    for a in accts:
        if a["account_id"] in edits:
            a["plan"] = edits[a["account_id"]]["plan"]
    wb = build_workbook(rows, accts, kpis, snap_plan=False, accounts_all=True, edits=edits)
    tree = tree_doc([
        kgi(),
        {"id": "login", "parent": "kgi", "type": "kpi", "name": "30-day login rate",
         "accounts_column": "login_rate_30d", "warn": 0.5, "alert": 0.3,
         "by_plan": {"Enterprise": {"warn": 0.6, "alert": 0.4}}, "action": "Usage review"},
    ], 2)
    cases.append({"name": "by_plan read from Accounts (Snapshots has no plan column; Accounts lists churned accounts too), horizon 2",
                  "workbook": wb, "tree": tree, "horizon": 2, "_plant": {"login": "lift>1"},
                  "_matters": ["by_plan"]})


def case_composite_product(cases):
    rng = np.random.default_rng(34004)
    rows, accts = simulate(rng, 28, 16, "2024-11", 0.3, ["Growth", "Enterprise"], blank=0.05)
    cur = ids_of(accts, False)
    edits = {
        # a child at its floor (exactly) lights alert although the other is unknown
        cur[0]: {"login_rate_30d": 0.4, "key_feature_usage": None},
        # a child unknown, the other fine: unknown
        cur[1]: {"login_rate_30d": 0.8, "key_feature_usage": None},
        # both above floors, product below alert: alert (value 0.45 * 0.4 = 0.18)
        cur[2]: {"login_rate_30d": 0.45, "key_feature_usage": 0.4},
        # a child under its floor while the product is fine: alert, value reported
        cur[3]: {"login_rate_30d": 0.95, "key_feature_usage": 0.12},
        # product between alert and warn: warn (0.6 * 0.45 = 0.27)
        cur[4]: {"login_rate_30d": 0.6, "key_feature_usage": 0.45},
        # Enterprise thresholds: 0.7 * 0.46 = 0.322 is warn for Enterprise only
        cur[5]: {"login_rate_30d": 0.7, "key_feature_usage": 0.46, "plan": "Enterprise"},
        cur[6]: {"login_rate_30d": 0.7, "key_feature_usage": 0.46, "plan": "Growth"},
    }
    kpis = ["login_rate_30d", "key_feature_usage"]
    wb = build_workbook(rows, accts, kpis, snap_plan=True, edits=edits)
    tree = tree_doc([
        kgi(),
        {"id": "depth", "parent": "kgi", "type": "composite", "name": "Login × key-feature usage",
         "method": "product", "direction": HIGHER, "warn": 0.301, "alert": 0.201,
         "by_plan": {"Enterprise": {"warn": 0.351, "alert": 0.251}}, "action": "Value workshop"},
        {"id": "depth_login", "parent": "depth", "type": "kpi", "name": "Login rate (in composite)",
         "accounts_column": "login_rate_30d", "floor": 0.4, "warn": 0.45, "action": "Usage review"},
        {"id": "depth_feature", "parent": "depth", "type": "kpi", "name": "Key-feature usage",
         "accounts_column": "key_feature_usage", "floor": 0.2},
    ], 3)
    cases.append({"name": "product composite with floors (a child at its floor lights alert whatever the others), by_plan on the composite",
                  "workbook": wb, "tree": tree, "horizon": 3, "_plant": {"depth": "lift>1"},
                  "_matters": ["by_plan", "floor"]})


def case_composite_weighted_lower(cases):
    rng = np.random.default_rng(35005)
    rows, accts = simulate(rng, 24, 15, "2025-01", 0.3, ["Growth"], blank=0.05)
    cur = ids_of(accts, False)
    edits = {cur[0]: {"open_tickets": 8, "days_since_login": 2},     # tickets at its floor: alert
             cur[1]: {"open_tickets": 1, "days_since_login": 40},    # days past its floor: alert
             cur[2]: {"open_tickets": 5, "days_since_login": None},  # unknown
             cur[3]: {"open_tickets": 4, "days_since_login": 6},     # (8 + 6) / 3 = 4.67: warn
             cur[4]: {"open_tickets": 1, "days_since_login": 3}}     # (2 + 3) / 3 = 1.67: ok
    kpis = ["open_tickets", "days_since_login"]
    wb = build_workbook(rows, accts, kpis, snap_plan=False, edits=edits)
    tree = tree_doc([
        kgi(),
        {"id": "risk", "parent": "kgi", "type": "composite", "name": "Friction risk",
         "method": "weighted_mean", "direction": LOWER, "warn": 4.1, "alert": 6.2,
         "action": "Health check call"},
        {"id": "risk_tickets", "parent": "risk", "type": "kpi", "name": "Open tickets",
         "accounts_column": "open_tickets", "weight": 2, "floor": 8},
        {"id": "risk_days", "parent": "risk", "type": "kpi", "name": "Days since last login",
         "accounts_column": "days_since_login", "floor": 30},
    ], 2)
    cases.append({"name": "weighted_mean composite, lower_is_better, weights 2:1, floors at or past (>=), horizon 2",
                  "workbook": wb, "tree": tree, "horizon": 2, "_plant": {"risk": "lift>1"},
                  "_matters": ["floor"]})


def case_horizon_override(cases):
    rng = np.random.default_rng(36006)
    rows, accts = simulate(rng, 18, 10, "2025-05", 0.4, ["Growth"])
    kpis = ["login_rate_30d", "open_tickets"]
    wb = build_workbook(rows, accts, kpis, snap_plan=False)
    tree = tree_doc([
        kgi(),
        {"id": "login", "parent": "kgi", "type": "kpi", "name": "30-day login rate",
         "accounts_column": "login_rate_30d", "warn": 0.5, "alert": 0.3, "action": "Usage review"},
        {"id": "never", "parent": "kgi", "type": "kpi", "name": "Tickets (threshold never reached)",
         "accounts_column": "open_tickets", "direction": LOWER, "alert": 1000, "action": "x"},
    ], 3)
    cases.append({"name": "horizon 6 given in place of the tree's 3 (--horizon 6); a lamp that never lights (nulls)",
                  "workbook": wb, "tree": tree, "horizon": 6, "_plant": {"never": "lit0"}})


def case_nothing_considered(cases):
    rng = np.random.default_rng(37007)
    rows, accts = simulate(rng, 8, 5, "2025-08", 0.3, ["Growth"], blank=0.0)
    kpis = ["login_rate_30d"]
    wb = build_workbook(rows, accts, kpis, snap_plan=False)
    tree = tree_doc([
        kgi(),
        {"id": "login", "parent": "kgi", "type": "kpi", "name": "30-day login rate",
         "accounts_column": "login_rate_30d", "warn": 0.5, "alert": 0.3, "action": "Usage review"},
    ], 5)
    cases.append({"name": "5 months of Snapshots and horizon 5: no account-month has a full window (all null, empty curve)",
                  "workbook": wb, "tree": tree, "horizon": 5, "_plant": {"login": "empty"}})


# ---------------------------------------------------------------------------

def self_check(case):
    exp = case["expected"]
    tree = Tree(case["tree"])
    for b in exp["backtest"]:
        # The second count agrees.
        assert recount(case, b["node"]) == (b["considered"], b["lit"], b["churned"], b["lit_churned"]), b["node"]
        assert b["lit_churned"] <= min(b["lit"], b["churned"]) and max(b["lit"], b["churned"]) <= b["considered"]
        d = tree.direction(tree.by_id[b["node"]])
        cuts = [c["cutoff"] for c in b["curve"]]
        assert cuts == sorted(set(cuts))
        lits = [c["lit"] for c in b["curve"]]
        assert lits == (sorted(lits) if d == HIGHER else sorted(lits, reverse=True)), (b["node"], lits)
        assert len(b["curve"]) <= 9
        plant = case["_plant"].get(b["node"])
        if plant == "lift>1":
            assert b["lift"] is not None and b["lift"] > 1 and b["lift_ci95"] is not None, (case["name"], b)
        elif plant == "lit0":
            assert b["lit"] == 0 and b["precision"] is None and b["lift"] is None and b["lift_ci95"] is None
        elif plant == "empty":
            assert b["considered"] == 0 and b["curve"] == [] and b["base_rate"] is None
    # Composite values never within 1e-9 of a threshold (interpretation 5);
    # kpi values may equal thresholds exactly.
    thr = []
    for n in tree.lamp_nodes():
        if n["type"] == "composite":
            thr += [t for t in (n.get("warn"), n.get("alert")) if t is not None]
            for e in (n.get("by_plan") or {}).values():
                thr += [t for t in (e.get("warn"), e.get("alert")) if t is not None]
            st = tree.settings
            snap = Sheet(case["workbook"][st["snapshots_sheet"]])
            acc = Sheet(case["workbook"][st["accounts_sheet"]])
            for sh in (snap, acc):
                for r in sh.rows:
                    v = composite_parts(tree, n, sh, r)[0]
                    if v is not None:
                        assert all(abs(v - t) > 1e-9 for t in thr), (n["id"], v)
    # What the case plants changes the result: without by_plan (or without
    # the floors) the backtest's lit counts (thresholds or curve) differ.
    for what in case.get("_matters", []):
        alt = json.loads(json.dumps(case))
        for n in alt["tree"]["nodes"]:
            n.pop(what, None)
        alt_bt = backtest(Tree(alt["tree"]), {
            "snapshots": Sheet(alt["workbook"][tree.settings["snapshots_sheet"]]),
            "accounts": Sheet(alt["workbook"][tree.settings["accounts_sheet"]])}, alt["horizon"])
        def lits(bt):
            return [(b["lit"], [c["lit"] for c in b["curve"]]) for b in bt]
        assert lits(alt_bt) != lits(exp["backtest"]), (case["name"], what)
    # Severity is the worst lamp.
    for a in exp["lamps"]:
        assert RANK[a["severity"]] == max(RANK[lp["state"]] for lp in a["lamps"])


def fmt(v, spec):
    return "-" if v is None else format(v, spec)


def print_case(i, case):
    exp = case["expected"]
    print(f"\n[{i}] {case['name']}")
    snap = case["workbook"]["Snapshots"]
    ms = sorted({r[0] for r in snap["rows"]})
    print(f"  Snapshots {len(snap['rows'])} rows, {len({r[1] for r in snap['rows']})} accounts, "
          f"{ms[0]}..{ms[-1]}; Accounts {len(case['workbook']['Accounts']['rows'])} rows; horizon {case['horizon']}")
    print(f"  {'node':<14} {'cons':>5} {'lit':>4} {'chr':>4} {'l&c':>4} {'base':>7} {'prec':>7} {'recall':>7} "
          f"{'lift':>6} {'ci95':<15} curve")
    for b in exp["backtest"]:
        ci = "-" if b["lift_ci95"] is None else f"[{b['lift_ci95'][0]:.2f}, {b['lift_ci95'][1]:.2f}]"
        curve = " ".join(f"{c['cutoff']:.3g}:{c['lit']}/{c['lit_churned']}" for c in b["curve"])
        print(f"  {b['node']:<14} {b['considered']:>5} {b['lit']:>4} {b['churned']:>4} {b['lit_churned']:>4} "
              f"{fmt(b['base_rate'], '.4f'):>7} {fmt(b['precision'], '.4f'):>7} {fmt(b['recall'], '.4f'):>7} "
              f"{fmt(b['lift'], '.2f'):>6} {ci:<15} {curve or '(empty)'}")
    counts = {}
    for a in exp["lamps"]:
        counts[a["severity"]] = counts.get(a["severity"], 0) + 1
    print("  lamps: " + ", ".join(f"{k} {counts.get(k, 0)}" for k in ("alert", "warn", "unknown", "ok")))
    for a in exp["lamps"][:8]:
        parts = [f"{lp['node']}={lp['state']}({fmt(lp['value'], '.4g')}; w {lp['warn']}, a {lp['alert']})"
                 for lp in a["lamps"]]
        print(f"    {a['id']:<5} {a['severity']:<8} " + "  ".join(parts))


def main():
    cases = []
    for build in (case_both_directions, case_by_plan_snapshots, case_by_plan_accounts, case_composite_product,
                  case_composite_weighted_lower, case_horizon_override, case_nothing_considered):
        build(cases)
    out = []
    for i, c in enumerate(cases, 1):
        c["workbook"] = json.loads(json.dumps(clean(c["workbook"])))   # exactly what is written
        c["expected"] = expected_of(c)
        self_check(c)
        print_case(i, c)
        out.append({"name": c["name"], "workbook": c["workbook"], "tree": c["tree"], "horizon": c["horizon"],
                    "expected": c["expected"]})
    doc = {"generated_by": "test/golden/make_backtest.py", "numpy": np.__version__, "cases": out}
    with open(OUT, "w") as fh:
        json.dump(clean(doc), fh, indent=1, ensure_ascii=False, allow_nan=False)
        fh.write("\n")
    print(f"\nwrote {OUT}: {len(out)} cases")


if __name__ == "__main__":
    main()
