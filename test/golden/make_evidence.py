#!/usr/bin/env python3
"""Golden values for evidence, the gate and the alert budget (`kpi-lamp lamps --json`).

Applies the rules of shared/spec/kpi-tree.md, section "Evidence: can this
lamp be trusted?" (with "Lamps", "Backtest" and "Command line"), literally
and independently of the TypeScript code, and writes test/golden/evidence.json
next to this script. The verdicts come from make_verdicts.py and the lamps
and backtests from make_backtest.py (the reference implementations of those
sections); what is new here is written out below.

Every case holds
  - "name", "workbook" (a key of the document's "workbooks": {sheet:
    {"header", "rows"}}: Accounts, and where the case has them Snapshots and
    History; cases share a workbook), "tree" (kpi-lamp/tree@1) and
    "horizon" (`--horizon N`, which may differ from the tree's own),
  - "expected":
      "backtest": per lamp node, in tree order: {"node", "horizon_months",
        "considered", "lit", "churned", "lit_churned", "lift", "lift_ci95",
        "evidence"} at the report's horizon (evidence at the tree's);
      "lamps": every Accounts row, in sheet order: {"id", "severity",
        "lamps": [{"node", "state", "evidence", "gated"}]};
      "budget": the contract's budget object, every field;
      "evidence": per lamp node: {"node", "evidence", "warnings",
        "tree_ci95", "churned_accounts", "lit_churned_accounts",
        "small_sample"}: the verdict's contradicting warnings (reverse_causation,
        wrong_direction) and the tree-horizon backtest's interval
        it was judged on, and the sample counts the screens judge a small
        sample on (different accounts that churned within the horizon, in
        all and with the lamp on; small when either is below 10).

The rules as applied here:
  evidence     contradicted when the verdict's warnings hold reverse_causation
               or wrong_direction, or the tree-horizon lift_ci95's upper end
               is below 1; else proven when its lower end is above 1; else
               unproven (no Snapshots, nothing considered, nobody churned, a
               null interval, an interval containing 1).
  gated        settings.evidence == "gate" and the node is contradicted; every
               lamp of that node (ok ones too).
  severity     the worst lamp that is not gated (alert > warn > unknown > ok);
               ok when every lamp is gated.
  budget       accounts = Accounts rows; lit = accounts whose severity is warn
               or alert; lit_share = lit / accounts (null when no account);
               over = lit_share > alert_budget. Per lamp node: lit = accounts
               whose lamp there is warn or alert (gated or not), lit_share the
               same share; budget_cutoff null unless the node's lit_share >
               alert_budget; then, among the node's numeric account values (a
               composite's own computed value; floors play no part), the
               largest value c (higher_is_better; lower: the smallest) such
               that (number of values at or past c) / accounts <=
               alert_budget; null when no value qualifies. Written as a brute
               force over every distinct value.
  small sample fewer than 10 different churned accounts with the lamp on, or
               in all (null when nothing is considered).

Re-run from the repository root with:
    python3 test/golden/make_evidence.py
"""

import json
import os
import re
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "evidence.json")
sys.path.insert(0, HERE)

from tree_reference import HIGHER, LOWER, Sheet, Tree, clean, month_index  # noqa: E402
from make_backtest import (RANK, backtest as reference_backtest, build_workbook, considered_rows, lamp,  # noqa: E402
                           past, simulate, composite_parts)
from make_verdicts import ar, check_doc, history, months, rnd  # noqa: E402

MIN_CHURNED_ACCOUNTS = 10


# ---------------------------------------------------------------------------
# The rules
# ---------------------------------------------------------------------------

def evidence_of(warnings, ci):
    if "reverse_causation" in warnings or "wrong_direction" in warnings:
        return "contradicted"
    if ci is not None and ci[1] < 1:
        return "contradicted"
    if ci is not None and ci[0] > 1:
        return "proven"
    return "unproven"


def sample_counts(tree, wb, node, h):
    """Different accounts churned within the horizon: in all, and with the lamp on."""
    cols = tree.settings["columns"]
    snap = wb["snapshots"]
    churned, lit_churned = set(), set()
    for r, plan, out in considered_rows(tree, wb, h):
        if not out:
            continue
        a = snap.get(r, cols["id"])
        churned.add(a)
        if lamp(tree, node, snap, r, plan)[0] in ("warn", "alert"):
            lit_churned.add(a)
    return len(churned), len(lit_churned)


def budget_of(tree, accounts, lamps_by_account):
    st = tree.settings
    budget = st["alert_budget"]
    n = len(accounts.rows)
    lit = sum(1 for a in lamps_by_account if a["severity"] in ("warn", "alert"))
    share = (lit / n) if n else None
    nodes = []
    for k, node in enumerate(tree.lamp_nodes()):
        node_lit = sum(1 for a in lamps_by_account if a["lamps"][k]["state"] in ("warn", "alert"))
        node_share = (node_lit / n) if n else None
        cutoff = None
        if node_share is not None and node_share > budget:
            d = tree.direction(node)
            values = []
            for row in accounts.rows:
                if node["type"] == "composite":
                    v = composite_parts(tree, node, accounts, row)[0]
                else:
                    v = lamp(tree, node, accounts, row, None)[1]
                if v is not None:
                    values.append(v)
            ok = [c for c in set(values) if sum(1 for v in values if past(v, c, d)) / n <= budget]
            if ok:
                cutoff = max(ok) if d == HIGHER else min(ok)
        nodes.append({"node": node["id"], "lit": node_lit, "lit_share": node_share, "budget_cutoff": cutoff})
    return {"alert_budget": budget, "accounts": n, "lit": lit, "lit_share": share,
            "over": share is not None and share > budget, "nodes": nodes}


AGAINST = ("reverse_causation", "wrong_direction")


def verdicts_against(case):
    """The verdict warnings that contradict a lamp, per kpi / composite node.

    make_verdicts.py's check@1 reference gives them. Its Snapshots fallback
    reads either the node's history_column or its accounts_column (the two
    readings of its interpretation 3); the cases are built so that both give
    the same contradicting warnings (checked). Without a KGI series there is
    no inferred kind, so neither warning can arise."""
    tree = Tree(case["tree"])
    w = case["workbook"]
    hist = tree.settings["history_sheet"]
    col = tree.root.get("history_column")
    if hist not in w or col not in w[hist]["header"]:
        return {n["id"]: [] for n in tree.order() if n["type"] in ("kpi", "composite")}
    out = {}
    for fallback in ("history_column", "accounts_column"):
        got = {n["id"]: [x for x in n["warnings"] if x in AGAINST]
               for n in check_doc(w, case["tree"], fallback=fallback)["nodes"]}
        assert not out or got == out, (case["name"], out, got)
        out = got
    return out


def expected_of(case):
    tree = Tree(case["tree"])
    st = tree.settings
    st.setdefault("evidence", "show")
    st.setdefault("alert_budget", 0.2)
    w = case["workbook"]
    accounts = Sheet(w[st["accounts_sheet"]])
    snap = Sheet(w[st["snapshots_sheet"]]) if st["snapshots_sheet"] in w else Sheet({"header": [], "rows": []})
    wb = {"snapshots": snap, "accounts": accounts}
    warnings = verdicts_against(case)
    lamp_nodes = tree.lamp_nodes()
    th = st["horizon_months"]
    tree_bt = reference_backtest(tree, wb, th) if snap.rows else [None] * len(lamp_nodes)
    evidence = []
    for node, b in zip(lamp_nodes, tree_bt):
        ci = b["lift_ci95"] if b else None
        e = evidence_of(warnings[node["id"]], ci)
        considered = b["considered"] if b else 0
        ca, lca = sample_counts(tree, wb, node, th) if considered else (0, 0)
        evidence.append({"node": node["id"], "evidence": e, "verdict_against": warnings[node["id"]], "tree_ci95": ci,
                         "churned_accounts": ca, "lit_churned_accounts": lca,
                         "small_sample": None if not considered else (lca < MIN_CHURNED_ACCOUNTS or ca < MIN_CHURNED_ACCOUNTS)})
    ev = {e["node"]: e["evidence"] for e in evidence}
    gated = {n for n, e in ev.items() if st["evidence"] == "gate" and e == "contradicted"}
    # The backtest at the report's horizon, each entry with the node's evidence.
    h = case["horizon"]
    bt = reference_backtest(tree, wb, h) if snap.rows else []
    backtest = []
    for k, node in enumerate(lamp_nodes):
        if snap.rows:
            b = bt[k]
            backtest.append({"node": node["id"], "horizon_months": h, "considered": b["considered"], "lit": b["lit"],
                             "churned": b["churned"], "lit_churned": b["lit_churned"], "lift": b["lift"],
                             "lift_ci95": b["lift_ci95"], "evidence": ev[node["id"]]})
        else:
            backtest.append({"node": node["id"], "horizon_months": h, "considered": 0, "lit": 0, "churned": 0,
                             "lit_churned": 0, "lift": None, "lift_ci95": None, "evidence": ev[node["id"]]})
    # Every account, gated lamps left out of its severity.
    cols = st["columns"]
    lamps = []
    for row in accounts.rows:
        plan = accounts.get(row, cols["plan"])
        ls = []
        for node in lamp_nodes:
            state = lamp(tree, node, accounts, row, plan)[0]
            ls.append({"node": node["id"], "state": state, "evidence": ev[node["id"]], "gated": node["id"] in gated})
        counted = [lp["state"] for lp in ls if not lp["gated"]]
        severity = max(counted, key=lambda s: RANK[s]) if counted else "ok"
        lamps.append({"id": accounts.get(row, cols["id"]), "severity": severity, "lamps": ls})
    return {"backtest": backtest, "lamps": lamps, "budget": budget_of(tree, accounts, lamps), "evidence": evidence}


# ---------------------------------------------------------------------------
# The cases
# ---------------------------------------------------------------------------

KGI = {"id": "kgi", "parent": None, "type": "kgi", "name": "Monthly churn", "history_column": "churn_rate",
       "direction": LOWER}


def with_history(rng, wb, start, n):
    """History over the Snapshots months: churn led by login (2 months); exec meetings follow churn (1 month)."""
    login = 0.70 + ar(rng, n + 2, 0.5, 0.03)
    churn = 0.025 - 0.05 * (login[:-2] - 0.70) + rng.normal(0, 0.0008, n)
    execm = 60 + 3000 * (np.concatenate([[churn[0]], churn[:-1]]) - 0.025) + rng.normal(0, 2, n)
    noise = 0.5 + ar(rng, n, 0.2, 0.05)
    wb["History"] = history(months(start, n), [("churn_rate", rnd(churn, 4)), ("login_rate", rnd(login[2:], 3)),
                                               ("exec_meetings", rnd(execm, 0)), ("noise_rate", rnd(noise, 3))])


def main_tree(mode, budget, horizon=3):
    return {"format": "kpi-lamp/tree@1",
            "settings": {"horizon_months": horizon, "evidence": mode, "alert_budget": budget},
            "nodes": [
                KGI,
                {"id": "login", "parent": "kgi", "type": "kpi", "name": "30-day login rate", "kind": "leading",
                 "accounts_column": "login_rate_30d", "history_column": "login_rate", "direction": HIGHER,
                 "warn": 0.55, "alert": 0.4, "action": "Usage review"},
                {"id": "tickets", "parent": "kgi", "type": "kpi", "name": "Open tickets", "kind": "leading",
                 "accounts_column": "open_tickets", "direction": LOWER, "warn": 4, "alert": 7, "action": "Escalate"},
                {"id": "exec", "parent": "kgi", "type": "kpi", "name": "Executive meetings", "kind": "leading",
                 "accounts_column": "exec_meetings_90d", "history_column": "exec_meetings", "direction": HIGHER,
                 "warn": 1, "alert": 0, "action": "Executive review"},
                {"id": "quiet", "parent": "kgi", "type": "kpi", "name": "Days since login (read backwards)",
                 "accounts_column": "days_since_login", "direction": HIGHER, "warn": 6, "action": "Check in"},
                {"id": "noise", "parent": "kgi", "type": "kpi", "name": "A coin", "accounts_column": "coin",
                 "direction": HIGHER, "warn": 0.3, "action": "Nothing"},
                {"id": "depth", "parent": "kgi", "type": "composite", "name": "Login × feature", "method": "product",
                 "direction": HIGHER, "warn": 0.3, "alert": 0.2, "action": "Workshop"},
                {"id": "d_login", "parent": "depth", "type": "kpi", "name": "Login", "accounts_column": "login_rate_30d",
                 "floor": 0.25},
                {"id": "d_feature", "parent": "depth", "type": "kpi", "name": "Feature",
                 "accounts_column": "key_feature_usage", "floor": 0.12},
            ]}


def main_workbook(seed):
    rng = np.random.default_rng(seed)
    n_months = 24
    rows, accts = simulate(rng, 120, n_months, "2024-11", 0.4, ["Growth"])
    # Columns the simulation has no notion of: meetings that follow trouble, and a coin.
    for r in rows:
        r["exec_meetings_90d"] = int(rng.poisson(0.8 + (1.2 if (r["login_rate_30d"] or 1) < 0.55 else 0.0)))
        r["coin"] = round(float(rng.random()), 3)
    kpis = ["login_rate_30d", "open_tickets", "key_feature_usage", "days_since_login", "exec_meetings_90d", "coin"]
    wb = build_workbook(rows, accts, kpis)
    with_history(rng, wb, "2024-11", n_months)
    return wb


def case_gate(cases):
    wb = main_workbook(41001)
    cases.append({"name": "gate: a lagging KPI and a lamp that lights healthy accounts are contradicted and on watch",
                  "workbook": wb, "tree": main_tree("gate", 0.25), "horizon": 3,
                  "_plant": {"login": "proven", "tickets": "proven", "exec": "contradicted", "quiet": "contradicted",
                             "noise": "unproven"}, "_gated_matters": True})


def case_show(cases):
    wb = main_workbook(41001)
    cases.append({"name": "show: the same evidence, reported, gating nothing",
                  "workbook": wb, "tree": main_tree("show", 0.25), "horizon": 3,
                  "_plant": {"login": "proven", "exec": "contradicted", "quiet": "contradicted", "noise": "unproven"}})


def case_other_horizon(cases):
    wb = main_workbook(41001)
    cases.append({"name": "a report at horizon 2 still judges evidence at the tree's horizon (3)",
                  "workbook": wb, "tree": main_tree("gate", 0.3), "horizon": 2,
                  "_plant": {"login": "proven", "exec": "contradicted"}})


def budget_tree(budget, evidence="gate"):
    return {"format": "kpi-lamp/tree@1", "settings": {"alert_budget": budget, "evidence": evidence},
            "nodes": [
                KGI,
                {"id": "edge", "parent": "kgi", "type": "kpi", "name": "Ties just at the budget",
                 "accounts_column": "edge", "direction": HIGHER, "warn": 0.5},
                {"id": "boolean", "parent": "kgi", "type": "kpi", "name": "Ties beyond the budget",
                 "accounts_column": "done", "alert": 0},
                {"id": "tickets", "parent": "kgi", "type": "kpi", "name": "Tickets (lower is better)",
                 "accounts_column": "tickets", "direction": LOWER, "warn": 3, "alert": 6},
                {"id": "partial", "parent": "kgi", "type": "kpi", "name": "Ties straddle the budget",
                 "accounts_column": "partial", "direction": HIGHER, "warn": 0.9},
                {"id": "calm", "parent": "kgi", "type": "kpi", "name": "Within the budget",
                 "accounts_column": "calm", "direction": HIGHER, "warn": 0.1},
                {"id": "blanks", "parent": "kgi", "type": "kpi", "name": "Mostly blank",
                 "accounts_column": "blanks", "direction": HIGHER, "warn": 0.5},
                {"id": "combo", "parent": "kgi", "type": "composite", "name": "Product with floors",
                 "method": "product", "direction": HIGHER, "warn": 0.3},
                {"id": "c_a", "parent": "combo", "type": "kpi", "name": "A", "accounts_column": "a", "floor": 0.2},
                {"id": "c_b", "parent": "combo", "type": "kpi", "name": "B", "accounts_column": "b", "floor": 0.2},
            ]}


def budget_workbook():
    """20 accounts, hand-made values: ties at, beyond and across the budget's count, blanks, floors."""
    header = ["account_id", "account_name", "plan", "arr", "edge", "done", "tickets", "partial", "calm", "blanks", "a", "b"]
    edge = [0.1, 0.1, 0.1, 0.1, 0.2, 0.3, 0.3, 0.4, 0.5, 0.6] + [0.9] * 10          # 4 ties at 0.1: exactly 20% of 20
    done = [False] * 5 + [True] * 15                                                  # 5 ties at 0: 25%
    tickets = [9, 9, 8, 7, 7, 7, 5, 3, 3, 2] + [0] * 10                               # lower_is_better
    partial = [0.1, 0.2, 0.2, 0.2, 0.2, 0.3, 0.4, 0.5, 0.8, 0.9] + [1.0] * 10         # ties across the count
    calm = [0.05, 0.05] + [0.8] * 18
    blanks = [0.1, None, 0.2, None, None, 0.3, 0.4, None, None, 0.45] + [None] * 10   # 5 numbers, 5 lit of 20
    a = [0.1, 0.9, 0.9, 0.6, 0.5, 0.6, 0.7, 0.4, 0.9, 0.5] + [0.9] * 10
    b = [0.9, 0.1, 0.3, 0.4, 0.5, 0.4, 0.3, 0.8, 0.35, 0.55] + [0.9] * 10
    rows = []
    for i in range(20):
        rows.append([f"B{i + 1:02d}", f"Budget {i + 1}", "Growth", 1000000 + 10000 * i, edge[i], done[i], tickets[i],
                     partial[i], calm[i], blanks[i], a[i], b[i]])
    return {"Accounts": {"header": header, "rows": rows}}


def case_budget(cases):
    cases.append({"name": "budget 20% of 20 accounts: ties at, beyond and across the count; lower_is_better; blanks; a composite's own value",
                  "workbook": budget_workbook(), "tree": budget_tree(0.2), "horizon": 3, "_plant": {}})


def case_budget_zero(cases):
    cases.append({"name": "budget 0: every node that lights an account is over, and no cut-off qualifies",
                  "workbook": budget_workbook(), "tree": budget_tree(0.0), "horizon": 3, "_plant": {}})


def case_budget_one(cases):
    cases.append({"name": "budget 1: never over, no cut-off",
                  "workbook": budget_workbook(), "tree": budget_tree(1.0), "horizon": 3, "_plant": {}})


def case_nobody_churned(cases):
    rng = np.random.default_rng(43003)
    rows, accts = simulate(rng, 40, 12, "2025-11", 0.0, ["Growth"])
    wb = build_workbook(rows, accts, ["login_rate_30d", "open_tickets"])
    tree = {"format": "kpi-lamp/tree@1", "settings": {"evidence": "gate"}, "nodes": [
        KGI,
        {"id": "login", "parent": "kgi", "type": "kpi", "name": "Login", "accounts_column": "login_rate_30d",
         "warn": 0.6, "alert": 0.4, "action": "Call"},
        {"id": "tickets", "parent": "kgi", "type": "kpi", "name": "Tickets", "accounts_column": "open_tickets",
         "direction": LOWER, "warn": 3, "action": "Escalate"}]}
    cases.append({"name": "nobody churned and no History: every lamp unproven, none gated, all counted",
                  "workbook": wb, "tree": tree, "horizon": 3, "_plant": {"login": "unproven", "tickets": "unproven"}})


# ---------------------------------------------------------------------------

def self_check(case):
    exp = case["expected"]
    ev = {e["node"]: e["evidence"] for e in exp["evidence"]}
    for node, want in case["_plant"].items():
        assert ev[node] == want, (case["name"], node, ev[node], want)
    tree = Tree(case["tree"])
    mode = tree.settings.get("evidence", "show")
    for a in exp["lamps"]:
        for lp in a["lamps"]:
            assert lp["gated"] == (mode == "gate" and lp["evidence"] == "contradicted")
        # Gating never raises a severity.
        ungated = max((lp["state"] for lp in a["lamps"]), key=lambda s: RANK[s]) if a["lamps"] else "ok"
        assert RANK[a["severity"]] <= RANK[ungated]
    if case.get("_gated_matters"):
        # The gate changes some account's severity, or the case would not test it.
        assert any(a["severity"] != max((lp["state"] for lp in a["lamps"]), key=lambda s: RANK[s]) for a in exp["lamps"])
    b = exp["budget"]
    budget = b["alert_budget"]
    for n in b["nodes"]:
        if n["budget_cutoff"] is not None:
            assert n["lit_share"] > budget
    # Interesting shapes are present where planted.
    if case["name"].startswith("budget 20%"):
        cut = {n["node"]: n["budget_cutoff"] for n in b["nodes"]}
        assert cut["edge"] == 0.1 and cut["boolean"] is None and cut["calm"] is None, cut
        assert cut["partial"] == 0.1 and cut["tickets"] is not None and cut["combo"] is not None, cut


def summary(i, case):
    exp = case["expected"]
    print(f"\n[{i}] {case['name']}")
    for e in exp["evidence"]:
        ci = "-" if e["tree_ci95"] is None else f"[{e['tree_ci95'][0]:.2f}, {e['tree_ci95'][1]:.2f}]"
        print(f"  {e['node']:<8} {e['evidence']:<13} ci {ci:<14} against {','.join(e['verdict_against']) or '-':<36} "
              f"churned accounts {e['churned_accounts']:>3} (lit {e['lit_churned_accounts']:>3}) small {e['small_sample']}")
    b = exp["budget"]
    print(f"  budget {b['alert_budget']}: {b['lit']}/{b['accounts']} lit, over {b['over']}; " +
          ", ".join(f"{n['node']} {n['lit']} cut {n['budget_cutoff']}" for n in b["nodes"]))
    sev = {}
    for a in exp["lamps"]:
        sev[a["severity"]] = sev.get(a["severity"], 0) + 1
    print("  severities: " + ", ".join(f"{k} {sev.get(k, 0)}" for k in ("alert", "warn", "unknown", "ok")))


def main():
    cases = []
    for build in (case_gate, case_show, case_other_horizon, case_budget, case_budget_zero, case_budget_one,
                  case_nobody_churned):
        build(cases)
    out = []
    books = {}
    for i, c in enumerate(cases, 1):
        c["workbook"] = json.loads(json.dumps(clean(c["workbook"])))   # exactly what is written
        c["expected"] = expected_of(c)
        self_check(c)
        summary(i, c)
        # Cases on the same workbook share one copy of it.
        key = next((k for k, w in books.items() if w == c["workbook"]), None)
        if key is None:
            key = f"book{len(books) + 1}"
            books[key] = c["workbook"]
        out.append({"name": c["name"], "workbook": key, "tree": c["tree"], "horizon": c["horizon"],
                    "expected": c["expected"]})
    doc = {"generated_by": "test/golden/make_evidence.py", "numpy": np.__version__, "workbooks": books, "cases": out}
    text = json.dumps(clean(doc), indent=1, ensure_ascii=False, allow_nan=False)
    # Arrays of plain values (sheet rows, headers, intervals) on one line each.
    text = re.sub(r"\[\s*([^\[\]{}]*?)\s*\]", lambda m: "[" + re.sub(r",\s+", ", ", m.group(1)) + "]", text)
    with open(OUT, "w") as fh:
        fh.write(text + "\n")
    print(f"\nwrote {OUT}: {len(out)} cases")


if __name__ == "__main__":
    main()
