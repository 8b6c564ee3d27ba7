"""The contract's workbook and tree, read the plain way: what the reference
scripts make_verdicts.py and make_backtest.py share (defaults, months,
numbers read from cells, sheets, the tree's order and directions). Written
from ../shared/spec/kpi-tree.md, independently of the TypeScript."""

import json
import math

import numpy as np

DEFAULT_SETTINGS = {
    "accounts_sheet": "Accounts", "snapshots_sheet": "Snapshots", "history_sheet": "History",
    "columns": {"id": "account_id", "name": "account_name", "owner": "csm", "plan": "plan",
                "arr": "arr", "renewal": "renewal_date", "month": "month", "churned": "churned"},
    "significance": 0.05, "max_lag": 6, "horizon_months": 3,
}
HIGHER, LOWER = "higher_is_better", "lower_is_better"


def month_index(v):
    """A "yyyy-mm" month as a month count (the cases store months as text)."""
    s = str(v).strip()
    return int(s[:4]) * 12 + int(s[5:7]) - 1


def month_label(i):
    return f"{i // 12:04d}-{i % 12 + 1:02d}"


def num(v):
    """A cell read as a number: blank -> None, TRUE/FALSE -> 1/0, text -> None."""
    if v is None:
        return None
    if isinstance(v, bool):
        return 1.0 if v else 0.0
    if isinstance(v, (int, float)):
        return float(v)
    return None


class Sheet:
    def __init__(self, d):
        self.header = [str(h).strip() for h in d["header"]]
        self.rows = d["rows"]
        for r in self.rows:
            assert len(r) == len(self.header), (self.header, r)

    def has(self, name):
        return name is not None and name.strip() in self.header

    def col(self, name):
        i = self.header.index(name.strip())
        return [r[i] for r in self.rows]

    def get(self, row, name):
        """The cell of that column, None when the sheet lacks the column."""
        if not self.has(name):
            return None
        return row[self.header.index(name.strip())]


def settings_of(tree):
    s = json.loads(json.dumps(DEFAULT_SETTINGS))
    for k, v in tree.get("settings", {}).items():
        if k == "columns":
            s["columns"].update(v)
        else:
            s[k] = v
    return s


class Tree:
    def __init__(self, doc):
        assert doc["format"] == "kpi-lamp/tree@1"
        self.settings = settings_of(doc)
        self.nodes = doc["nodes"]
        self.by_id = {n["id"]: n for n in self.nodes}
        assert len(self.by_id) == len(self.nodes)
        roots = [n for n in self.nodes if n["parent"] is None]
        assert len(roots) == 1 and roots[0]["type"] == "kgi"
        self.root = roots[0]
        self.children = {n["id"]: [] for n in self.nodes}
        for n in self.nodes:
            if n["parent"] is not None:
                self.children[n["parent"]].append(n)

    def order(self):
        """Depth-first from the root, children in the order they appear."""
        out = []

        def walk(n):
            out.append(n)
            for c in self.children[n["id"]]:
                walk(c)
        walk(self.root)
        assert len(out) == len(self.nodes)
        return out

    def parent(self, n):
        return None if n["parent"] is None else self.by_id[n["parent"]]

    def direction(self, n):
        """Its own, else its composite parent's, else higher_is_better."""
        if "direction" in n:
            return n["direction"]
        p = self.parent(n)
        if p is not None and p["type"] == "composite":
            return self.direction(p)
        return HIGHER

    def lamp_nodes(self):
        """kpi and composite nodes with their own warn or alert, in tree order."""
        return [n for n in self.order() if n["type"] in ("kpi", "composite")
                and (n.get("warn") is not None or n.get("alert") is not None)]


def clean(o):
    """Plain JSON values: numpy scalars as Python ones, and never NaN or infinity."""
    if isinstance(o, dict):
        return {k: clean(v) for k, v in o.items()}
    if isinstance(o, (list, tuple)):
        return [clean(v) for v in o]
    if isinstance(o, (np.bool_,)):
        return bool(o)
    if isinstance(o, (np.integer,)):
        return int(o)
    if isinstance(o, (np.floating,)):
        o = float(o)
    if isinstance(o, float):
        assert math.isfinite(o), o
    return o
