#!/usr/bin/env python3
"""Golden values for =MRR_MOVEMENTS and =ONBOARDING_RATE.

An independent reference, written from the contract
(shared/spec/custom-functions.md, "Churn, retention, upsell and
onboarding") and not from the TypeScript code: plain Python, exact
arithmetic with fractions.Fraction (every MRR cell is a binary float, which a
Fraction holds exactly, so sums and rates are exact and rounded once, when
written), and the definitions applied literally (for every month and every
account, "was it a customer in any earlier month of the calendar?" is asked
again; nothing is carried over from month to month).

Writes test/golden/mrr_onboarding.json next to this script:
  {"MRR_MOVEMENTS": [case, ...], "ONBOARDING_RATE": [case, ...]}
where a case holds
  - "args": the arguments exactly as Google Sheets passes them (a range is a
    2-D array of rows, a single cell a bare value, a blank cell "", an
    omitted argument null; a date cell is {"$date": "yyyy-mm-dd"} or
    {"$date": "yyyy-mm-ddThh:mm:ss"}: that date (and time) in the
    spreadsheet's time zone, which the test turns into the instant Sheets
    would pass);
  - either "expected": the table the function returns (header row first,
    blanks as ""),
  - or "error": the exact message, where the contract gives it word for
    word, or "error_starts": the start of the message the contract fixes
    (the function's name, the argument, the 1-based position).

The random tables use a fixed seed, so the output is reproducible.
Re-run from the repository root with:
    python3 test/golden/make_mrr_onboarding.py
"""

import json
import os
import random
import re
from datetime import date, timedelta
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "mrr_onboarding.json")

MRR_HEADER = [
    "month", "customers_start", "new_customers", "churned_customers",
    "reactivated_customers", "expanded_customers", "contracted_customers",
    "customers_end", "mrr_start", "new_mrr", "expansion_mrr",
    "contraction_mrr", "churned_mrr", "reactivation_mrr", "mrr_end",
    "logo_churn_rate", "gross_mrr_churn_rate", "net_mrr_churn_rate", "grr",
    "nrr", "upsell_rate",
]
ONBOARDING_HEADER = ["month", "started", "completed_in_time", "still_open", "rate"]


# ---------------------------------------------------------------------------
# Cells as Sheets passes them
# ---------------------------------------------------------------------------

class Problem(Exception):
    """An error the function must raise: its exact text or the start the contract fixes."""

    def __init__(self, starts=None, exact=None):
        super().__init__(exact or starts)
        self.starts = starts
        self.exact = exact


def is_blank(v):
    return v == "" and isinstance(v, str)


def is_date(v):
    return isinstance(v, dict) and "$date" in v


def date_of(v):
    """The calendar date of a date cell (a time of day is ignored)."""
    return date.fromisoformat(v["$date"][:10])


def shape(v):
    if isinstance(v, list):
        return len(v), len(v[0]) if v else 0
    return 1, 1


def flat(v):
    """(cell, position text) of a range, row by row, left to right."""
    if not isinstance(v, list):
        return [(v, "")]
    rows, cols = shape(v)
    out = []
    for r in range(rows):
        for c in range(cols):
            if cols == 1:
                pos = "row %d" % (r + 1)
            elif rows == 1:
                pos = "column %d" % (c + 1)
            else:
                pos = "row %d, column %d" % (r + 1, c + 1)
            out.append((v[r][c], pos))
    return out


def where(name, pos):
    return name + (" " + pos if pos else "")


def js_number_text(x):
    """String(x) in JavaScript, for the whole numbers used as ids here."""
    assert isinstance(x, int) or float(x).is_integer(), x
    return str(int(x))


def col(values):
    return [[v] for v in values]


def dt(text):
    return {"$date": text}


def month_key(y, m):
    return y * 12 + (m - 1)


def month_label(k):
    return "%04d-%02d" % (k // 12, k % 12 + 1)


# ---------------------------------------------------------------------------
# =MRR_MOVEMENTS
# ---------------------------------------------------------------------------

MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def read_mrr_records(accounts, months, mrr=None):
    fn = "MRR_MOVEMENTS"
    for name, arg in (("accounts", accounts), ("months", months), ("mrr", mrr)):
        if arg is None:
            raise Problem(starts="%s: %s " % (fn, name))
    if shape(months) != shape(accounts):
        raise Problem(starts="%s: months " % fn)
    if shape(mrr) != shape(accounts):
        raise Problem(starts="%s: mrr " % fn)
    records = []  # (account text, month key, Fraction mrr, position)
    for (a, pos), (m, _), (x, _) in zip(flat(accounts), flat(months), flat(mrr)):
        if is_blank(x):
            continue
        if isinstance(x, bool) or not isinstance(x, (int, float)) or x < 0:
            raise Problem(starts="%s: %s is " % (fn, where("mrr", pos)))
        if isinstance(a, bool) or is_date(a):
            raise Problem(starts="%s: %s is " % (fn, where("accounts", pos)))
        acc = a.strip() if isinstance(a, str) else js_number_text(a)
        if acc == "":
            raise Problem(starts="%s: %s is blank" % (fn, where("accounts", pos)))
        if is_date(m):
            d = date_of(m)
            mk = month_key(d.year, d.month)
        elif isinstance(m, str):
            t = m.strip()
            if t == "":
                raise Problem(starts="%s: %s is blank" % (fn, where("months", pos)))
            mm = MONTH_RE.match(t)
            if not mm:
                raise Problem(starts="%s: %s is " % (fn, where("months", pos)))
            mk = month_key(int(mm.group(1)), int(mm.group(2)))
        else:
            raise Problem(starts="%s: %s is " % (fn, where("months", pos)))
        records.append((acc, mk, Fraction(x), pos))
    if not records:
        raise Problem(starts="%s: " % fn)
    seen = {}
    for acc, mk, _, pos in records:
        if (acc, mk) in seen:
            raise Problem(exact="%s: accounts %s and %s are both %s in %s" % (
                fn, seen[(acc, mk)], pos, json.dumps(acc, ensure_ascii=False), month_label(mk)))
        seen[(acc, mk)] = pos
    return records


def mrr_ref(accounts, months, mrr=None):
    records = read_mrr_records(accounts, months, mrr)
    value = {(a, m): x for a, m, x, _ in records}
    accts = sorted({a for a, _, _, _ in records})
    first = min(m for _, m, _, _ in records)
    last = max(m for _, m, _, _ in records)
    has_data = {m for _, m, _, _ in records}
    calendar = list(range(first, last + 1))

    def mrr_in(a, m):
        return value.get((a, m), Fraction(0))

    def customer(a, m):
        return mrr_in(a, m) > 0

    table = [MRR_HEADER]
    for m in calendar:
        if m not in has_data:
            table.append([month_label(m)] + [""] * 20)
            continue
        end_c = sum(1 for a in accts if customer(a, m))
        end_m = sum((mrr_in(a, m) for a in accts), Fraction(0))
        if not (m - 1 in has_data and m - 1 >= first):
            row = [month_label(m)] + [""] * 20
            row[7] = end_c
            row[14] = end_m
            table.append(row)
            continue
        start_c = sum(1 for a in accts if customer(a, m - 1))
        start_m = sum((mrr_in(a, m - 1) for a in accts), Fraction(0))
        n = {k: 0 for k in ("new", "churned", "reactivated", "expanded", "contracted")}
        s = {k: Fraction(0) for k in ("new", "expansion", "contraction", "churned", "reactivation")}
        for a in accts:
            before, now = mrr_in(a, m - 1), mrr_in(a, m)
            if before == 0 and now > 0:
                earlier = any(customer(a, e) for e in calendar if e < m)
                if earlier:
                    n["reactivated"] += 1
                    s["reactivation"] += now
                else:
                    n["new"] += 1
                    s["new"] += now
            elif before > 0 and now > before:
                n["expanded"] += 1
                s["expansion"] += now - before
            elif before > 0 and 0 < now < before:
                n["contracted"] += 1
                s["contraction"] += before - now
            elif before > 0 and now == 0:
                n["churned"] += 1
                s["churned"] += before
        # the roll-forward identities hold exactly
        assert end_c == start_c + n["new"] + n["reactivated"] - n["churned"]
        assert end_m == start_m + s["new"] + s["reactivation"] + s["expansion"] - s["contraction"] - s["churned"]
        if start_c == 0:
            assert start_m == 0
            rates = [""] * 6
        else:
            gross = (s["churned"] + s["contraction"]) / start_m
            net = (s["churned"] + s["contraction"] - s["expansion"]) / start_m
            rates = [Fraction(n["churned"], start_c), gross, net, 1 - gross, 1 - net,
                     Fraction(n["expanded"], start_c)]
        table.append([
            month_label(m), start_c, n["new"], n["churned"], n["reactivated"], n["expanded"],
            n["contracted"], end_c, start_m, s["new"], s["expansion"], s["contraction"],
            s["churned"], s["reactivation"], end_m,
        ] + rates)
    return table


def error_case(ref, name, args, exact=None):
    """A case whose call must fail: the exact message where the contract (or `exact`) gives it,
    else the start the contract fixes."""
    try:
        ref(*args)
    except Problem as p:
        if exact is not None:
            assert p.exact == exact or (p.starts and exact.startswith(p.starts)), (name, p.exact, p.starts, exact)
            return {"name": name, "args": args, "error": exact}
        if p.exact:
            return {"name": name, "args": args, "error": p.exact}
        return {"name": name, "args": args, "error_starts": p.starts}
    raise AssertionError("no error for " + name)


def long_table(rows):
    """[(account, month, mrr), ...] -> the three column arguments."""
    return [col([r[0] for r in rows]), col([r[1] for r in rows]), col([r[2] for r in rows])]


def wide(rows_of_pairs):
    return [[list(p) for p in rows_of_pairs]]


def mrr_cases():
    cases = []

    def case(name, args):
        cases.append({"name": name, "args": args})

    # The contract's hand-checked example.
    example = [
        ("A", "2024-01", 100), ("A", "2024-02", 150), ("A", "2024-03", 150), ("A", "2024-04", 120),
        ("B", "2024-01", 200), ("B", "2024-02", 200), ("B", "2024-04", 250),
        ("C", "2024-02", 80), ("C", "2024-03", 60), ("C", "2024-04", 60),
    ]
    case("the contract's example (checked by hand)", long_table(example))
    case("the contract's example, rows in another order", long_table(example[::-1]))
    # Every movement, with an unchanged account and one that is a customer in neither month.
    case("every movement in one month", long_table([
        ("keep", "2025-01", 100), ("keep", "2025-02", 100),
        ("up", "2025-01", 100), ("up", "2025-02", 130.5),
        ("down", "2025-01", 100), ("down", "2025-02", 40.25),
        ("gone", "2025-01", 70), ("gone", "2025-02", 0),
        ("norow", "2025-01", 55),
        ("fresh", "2025-02", 90),
        ("back", "2024-12", 10), ("back", "2025-01", 0), ("back", "2025-02", 33),
        ("zero", "2025-01", 0), ("zero", "2025-02", 0),
    ]))
    # A month with no data, then a month with no start, then a normal month.
    case("a missing month is no data, not churn", long_table([
        ("A", "2024-01", 100), ("B", "2024-01", 50),
        ("A", "2024-03", 100), ("B", "2024-03", 60), ("C", "2024-03", 10),
        ("A", "2024-04", 0), ("B", "2024-04", 60), ("C", "2024-04", 20), ("D", "2024-04", 5),
    ]))
    case("two missing months and a reactivation across them", long_table([
        ("A", "2023-11", 100), ("B", "2023-11", 40),
        ("B", "2024-02", 40),
        ("A", "2024-03", 120), ("B", "2024-03", 40),
    ]))
    case("a pause (MRR 0 between paid months) is churn, then reactivation", long_table([
        ("P", "2024-05", 300), ("P", "2024-06", 0), ("P", "2024-07", 0), ("P", "2024-08", 310),
        ("Q", "2024-05", 100), ("Q", "2024-06", 100), ("Q", "2024-07", 100), ("Q", "2024-08", 100),
    ]))
    case("a month of MRR 0 only: no customer at the start, rates blank", long_table([
        ("A", "2024-01", 0), ("B", "2024-01", 0),
        ("A", "2024-02", 0), ("B", "2024-02", 25),
        ("A", "2024-03", 10), ("B", "2024-03", 25),
    ]))
    case("everyone leaves: the next month starts from 0", long_table([
        ("A", "2024-01", 10), ("A", "2024-02", 10), ("A", "2024-03", 0), ("A", "2024-04", 0), ("A", "2024-05", 12),
    ]))
    case("history before the table is unknown: a first paid month after the first is new", long_table([
        ("old", "2024-06", 100), ("old", "2024-07", 100),
        ("late", "2024-06", 0), ("late", "2024-07", 80),
        ("gap", "2024-07", 45),
    ]))
    case("a customer only in the first month who comes back is reactivated", long_table([
        ("A", "2024-01", 100), ("A", "2024-02", 0), ("A", "2024-03", 90), ("B", "2024-02", 5), ("B", "2024-03", 5),
    ]))
    case("blank MRR rows are skipped whatever their account and month hold", long_table([
        ("A", "2024-01", 100), (True, "2023-01", ""), ("", "", ""), ("A", "not a month", ""),
        ("A", "2024-02", 110), (dt("2020-01-01"), 5, ""), ("  ", "   ", ""),
    ]))
    case("blank rows made in advance below the data", long_table([
        ("A", "2024-01", 100), ("B", "2024-01", 20), ("A", "2024-02", 100), ("B", "2024-02", 25),
        ("A", "2024-03", ""), ("B", "2024-03", ""), ("", "", ""), ("", "", ""),
    ]))
    case("ids compared as text: the number 1001 and the text \"1001\", spaces trimmed, case counts", long_table([
        (1001, "2024-01", 100), ("1001", "2024-02", 100),
        (" A-17 ", "2024-01", 50), ("A-17", "2024-02", 60),
        ("a-17", "2024-02", 70),
        ("\u3000B\u3000", "2024-01", 10), ("B", "2024-02", 10),
    ]))
    case("months as dates (any day, a time of day ignored) and as text with spaces", long_table([
        ("A", dt("2024-01-31"), 100), ("A", dt("2024-02-01T23:30:00"), 120), ("A", " 2024-03 ", 120),
        ("B", "2024-01", 40), ("B", dt("2024-02-29"), 40), ("B", dt("2024-03-01T00:00:00"), 30),
    ]))
    case("month arithmetic across a year boundary", long_table([
        ("A", "2024-11", 10), ("A", "2024-12", 10), ("A", "2025-01", 15), ("B", "2025-01", 5), ("B", "2024-12", 5),
    ]))
    case("cents: sums of decimal MRR", long_table([
        ("A", "2024-01", 100.1), ("B", "2024-01", 200.2), ("C", "2024-01", 0.7),
        ("A", "2024-02", 100.3), ("B", "2024-02", 199.99), ("C", "2024-02", 0.7), ("D", "2024-02", 0.1),
        ("A", "2024-03", 100.3), ("B", "2024-03", 0), ("D", "2024-03", 0.2),
    ]))
    # Shapes Sheets passes: wide ranges read row by row, a single row, three single cells.
    case("wide ranges are read row by row, left to right", [
        [["A", "B"], ["A", "B"], ["A", "C"]],
        [["2024-01", "2024-01"], ["2024-02", "2024-02"], ["2024-03", "2024-03"]],
        [[100, 50], [120, 50], [120, 10]],
    ])
    case("one row each", [[["A", "A", "B"]], [["2024-01", "2024-02", "2024-02"]], [[10, 5, 7]]])
    case("three single cells: one record", ["A", "2024-03", 99.5])
    case("three single cells, MRR 0", ["A", dt("2024-03-09"), 0])
    case("one month only", long_table([("A", "2024-03", 10), ("B", "2024-03", 20)]))
    case("a long gap spans every month between", long_table([("A", "2023-10", 10), ("A", "2024-03", 10), ("A", "2024-04", 10)]))

    # Hand-checked table: 5 accounts over 6 months with every movement (numbers worked out on paper,
    # asserted below against the reference so the two agree).
    hand = [
        ("H1", "2025-01", 1000), ("H1", "2025-02", 1000), ("H1", "2025-03", 1200), ("H1", "2025-04", 1200), ("H1", "2025-05", 900), ("H1", "2025-06", 900),
        ("H2", "2025-01", 500), ("H2", "2025-02", 500), ("H2", "2025-03", 0), ("H2", "2025-05", 450), ("H2", "2025-06", 450),
        ("H3", "2025-02", 300), ("H3", "2025-03", 300), ("H3", "2025-04", 350), ("H3", "2025-05", 350), ("H3", "2025-06", 0),
        ("H4", "2025-04", 200), ("H4", "2025-05", 200), ("H4", "2025-06", 260),
        ("H5", "2025-01", 100), ("H5", "2025-02", 80), ("H5", "2025-03", 80), ("H5", "2025-04", 80), ("H5", "2025-05", 80), ("H5", "2025-06", 80),
    ]
    case("hand-checked: five accounts over six months", long_table(hand))
    t = mrr_ref(*long_table(hand))
    # 2025-02: start 3 (H1, H2, H5) / 1600; H3 new 300; H5 contracted 20; end 4 / 1880.
    assert t[2][:15] == ["2025-02", 3, 1, 0, 0, 0, 1, 4, 1600, 300, 0, 20, 0, 0, 1880], t[2]
    # 2025-03: H1 +200, H2 churned 500; end 3 / 1580; logo churn 1/4; gross 500/1880; net 300/1880.
    assert t[3][:15] == ["2025-03", 4, 0, 1, 0, 1, 0, 3, 1880, 0, 200, 0, 500, 0, 1580], t[3]
    assert t[3][15] == Fraction(1, 4) and t[3][16] == Fraction(500, 1880) and t[3][17] == Fraction(300, 1880)
    # 2025-04: H3 +50, H4 new 200; H2 has no row (still gone); end 4 / 1830.
    assert t[4][:15] == ["2025-04", 3, 1, 0, 0, 1, 0, 4, 1580, 200, 50, 0, 0, 0, 1830], t[4]
    # 2025-05: H1 −300, H2 reactivated 450; end 5 / 1980; upsell 0; nrr 1 − 300/1830.
    assert t[5][:15] == ["2025-05", 4, 0, 0, 1, 0, 1, 5, 1830, 0, 0, 300, 0, 450, 1980], t[5]
    assert t[5][20] == 0 and t[5][19] == 1 - Fraction(300, 1830)
    # 2025-06: H3 churned 350, H4 +60; end 4 / 1690; net (350 − 60)/1980.
    assert t[6][:15] == ["2025-06", 5, 0, 1, 0, 1, 0, 4, 1980, 0, 60, 0, 350, 0, 1690], t[6]
    assert t[6][17] == Fraction(290, 1980) and t[6][20] == Fraction(1, 5)

    # Random tables of a few hundred rows: pauses, zeros, missing months, blank rows, dates and text, shuffled.
    rng = random.Random(160016)
    for k in range(6):
        n_acc = rng.randint(25, 60)
        first = month_key(2023, rng.randint(1, 12))
        span = rng.randint(8, 16)
        missing = set(rng.sample(range(1, span), rng.randint(0, 2))) if k % 2 else set()
        rows = []
        for a in range(n_acc):
            name = rng.choice(["A-%03d" % a, "acct%d" % a, 5000 + a])
            cur = 0
            start = rng.randint(0, span - 1)
            for t_ in range(start, span):
                if t_ in missing:
                    continue
                r = rng.random()
                if cur == 0:
                    cur = round(rng.uniform(10, 900), 2) if r < 0.45 else 0
                elif r < 0.08:
                    cur = 0
                elif r < 0.25:
                    cur = round(cur * rng.uniform(1.01, 1.6), 2)
                elif r < 0.35:
                    cur = round(cur * rng.uniform(0.4, 0.99), 2)
                if cur == 0 and rng.random() < 0.4:
                    continue  # no row rather than a row of 0
                m = first + t_
                if rng.random() < 0.3:
                    month = dt("%04d-%02d-%02dT%02d:00:00" % (m // 12, m % 12 + 1, rng.randint(1, 28), rng.randint(0, 23)))
                else:
                    month = month_label(m)
                rows.append((name, month, cur))
        for _ in range(rng.randint(0, 15)):
            rows.append((rng.choice(["", "X", True]), rng.choice(["", "2023-01", "junk"]), ""))
        rng.shuffle(rows)
        case("random table %d (%d rows, %d accounts%s)" % (k + 1, len(rows), n_acc,
                                                      ", months with no data" if missing else ""), long_table(rows))

    for c in cases:
        c["expected"] = mrr_ref(*c["args"])
    return cases


def mrr_error_cases():
    ok = [("A", "2024-01", 10), ("B", "2024-01", 20), ("A", "2024-02", 10), ("B", "2024-02", 20),
          ("A", "2024-03", 10), ("B", "2024-03", 20), ("C", "2024-03", 5)]

    def with_row(i, rec):
        rows = list(ok)
        rows[i] = rec
        return long_table(rows)

    specs = [
        ("mrr text that looks like a number (the contract's message)", with_row(6, ("C", "2024-03", "120")),
         'MRR_MOVEMENTS: mrr row 7 is "120", not a number ≥ 0'),
        ("months text with a slash (the contract's message)", with_row(2, ("A", "2024/03", 10)),
         'MRR_MOVEMENTS: months row 3 is "2024/03", not a month (yyyy-mm text or a date)'),
        ("mrr negative", with_row(1, ("B", "2024-01", -5)), None),
        ("mrr a boolean", with_row(1, ("B", "2024-01", True)), None),
        ("mrr a date", with_row(1, ("B", "2024-01", dt("2024-01-05"))), None),
        ("months without a leading zero", with_row(3, ("B", "2024-2", 20)), None),
        ("months as a month name", with_row(3, ("B", "Feb 2024", 20)), None),
        ("months as a date typed as text", with_row(3, ("B", "2024-02-15", 20)), None),
        ("months month 13", with_row(3, ("B", "2024-13", 20)), None),
        ("months a date serial number", with_row(3, ("B", 45352, 20)), None),
        ("months a boolean", with_row(3, ("B", False, 20)), None),
        ("accounts a boolean", with_row(4, (True, "2024-03", 10)), None),
        ("accounts a date", with_row(4, (dt("2024-03-01"), "2024-03", 10)), None),
        ("accounts blank with an MRR", with_row(5, ("", "2024-03", 20)), None),
        ("accounts of only spaces with an MRR", with_row(5, ("   ", "2024-03", 20)), None),
        ("months blank with an MRR", with_row(5, ("B", "", 20)), None),
        ("months of only spaces with an MRR", with_row(5, ("B", "  ", 20)), None),
        ("two records of one account in one month", long_table(ok[:3] + [("X", "2024-01", 1), ("A", "2024-02", 99)] + ok[3:]),
         None),
        ("the contract's duplicate example", long_table([("Z", "2024-01", 1), ("Y", "2024-03", 1), ("Y", "2024-02", 1), ("A-17", "2024-03", 5),
                                                         ("Z", "2024-02", 1), ("Z", "2024-03", 1), ("W", "2024-03", 1), ("V", "2024-03", 1),
                                                         ("A-17", "2024-03", 5)]), None),
        ("a duplicate through 1001 and \"1001\"", long_table([(1001, "2024-01", 1), ("1001", "2024-01", 2)]), None),
        ("a duplicate through trimmed spaces", long_table([("A-17", "2024-01", 1), (" A-17", "2024-01", 2)]), None),
        ("a duplicate through a date and a month text", long_table([("A", dt("2024-01-20"), 1), ("A", "2024-01", 2)]), None),
        ("a duplicate in a wide range", [[["A", "A"], ["B", "A"]], [["2024-01", "2024-02"], ["2024-01", "2024-01"]], [[1, 2], [3, 4]]], None),
        ("no record with an MRR", long_table([("A", "2024-01", ""), ("B", "2024-02", "")]), None),
        ("omitted accounts", [None, col(["2024-01"]), col([1])], None),
        ("omitted months", [col(["A"]), None, col([1])], None),
        ("omitted mrr", [col(["A"]), col(["2024-01"])], None),
        ("months of another shape", [col(["A", "B"]), col(["2024-01"]), col([1, 2])], None),
        ("mrr of another shape", [col(["A", "B"]), col(["2024-01", "2024-01"]), [[1, 2]]], None),
        ("a bad cell in a single row names its column", [[["A", "A", "A"]], [["2024-01", "2024-02", "2024/03"]], [[1, 2, 3]]], None),
        ("a bad cell in a wide range names row and column", [[["A", "B"], ["A", "B"]], [["2024-01", "2024-01"], ["2024-02", "2024-02"]],
                                                             [[1, 2], [3, "n/a"]]], None),
        ("a single bad cell has no position", ["A", "2024-01", "n/a"], None),
    ]
    cases = [error_case(mrr_ref, name, args, exact) for name, args, exact in specs]
    dup = [c for c in cases if c["name"] == "the contract's duplicate example"][0]
    assert dup["error"] == 'MRR_MOVEMENTS: accounts row 4 and row 9 are both "A-17" in 2024-03', dup
    return cases


# ---------------------------------------------------------------------------
# =ONBOARDING_RATE
# ---------------------------------------------------------------------------

def onboarding_ref(start_dates, completed_dates, days, as_of=None):
    fn = "ONBOARDING_RATE"
    if start_dates is None:
        raise Problem(starts="%s: start_dates " % fn)
    if completed_dates is None:
        raise Problem(starts="%s: completed_dates " % fn)
    if shape(completed_dates) != shape(start_dates):
        raise Problem(starts="%s: completed_dates " % fn)

    def single(name, v):
        if isinstance(v, list):
            if shape(v) != (1, 1):
                raise Problem(starts="%s: %s " % (fn, name))
            return v[0][0]
        return v

    w = single("days", days)
    if days is None or isinstance(w, bool) or not isinstance(w, (int, float)) or w != int(w) or w < 0:
        raise Problem(starts="%s: days " % fn)
    w = int(w)
    cut = None
    if as_of is not None:
        a = single("as_of", as_of)
        if not is_blank(a):
            if not is_date(a):
                raise Problem(starts="%s: as_of " % fn)
            cut = date_of(a)

    records = []
    for (s, pos), (c, _) in zip(flat(start_dates), flat(completed_dates)):
        if is_blank(s) and is_blank(c):
            continue
        if not is_blank(c) and not is_date(c):
            raise Problem(starts="%s: %s is " % (fn, where("completed_dates", pos)))
        if is_blank(s):
            raise Problem(starts="%s: %s is blank" % (fn, where("start_dates", pos)))
        if not is_date(s):
            raise Problem(starts="%s: %s is " % (fn, where("start_dates", pos)))
        sd = date_of(s)
        cd = None if is_blank(c) else date_of(c)
        if cd is not None and cd < sd:
            raise Problem(exact="%s: %s (%s) is before its start date (%s)" % (
                fn, where("completed_dates", pos), cd.isoformat(), sd.isoformat()))
        records.append((sd, cd))
    if not records:
        raise Problem(starts="%s: " % fn)
    if cut is None:
        cut = max(max(s for s, _ in records), max((c for _, c in records if c is not None), default=date.min))
    counted = [(s, c) for s, c in records if s <= cut]
    if not counted:
        raise Problem(starts="%s: " % fn)
    first = min(month_key(s.year, s.month) for s, _ in counted)
    last = max(month_key(s.year, s.month) for s, _ in counted)
    table = [ONBOARDING_HEADER]
    for m in range(first, last + 1):
        started = in_time = still_open = 0
        for s, c in counted:
            if month_key(s.year, s.month) != m:
                continue
            started += 1
            known = c if (c is not None and c <= cut) else None
            deadline = s + timedelta(days=w)
            if known is not None and known <= deadline:
                in_time += 1
            elif known is None and cut < deadline:
                still_open += 1
        decided = started - still_open
        table.append([month_label(m), started, in_time, still_open, Fraction(in_time, decided) if decided else ""])
    return table


def onboarding_cases():
    cases = []

    def case(name, *args):
        cases.append({"name": name, "args": list(args)})

    D = dt
    case("basic: default as_of is the latest date in either column",
         col([D("2024-03-01"), D("2024-03-05"), D("2024-03-20"), D("2024-04-02")]),
         col([D("2024-03-20"), "", D("2024-05-01"), ""]), 30)
    case("the deadline day counts; the day after does not",
         col([D("2024-01-10"), D("2024-01-10"), D("2024-01-10"), D("2024-01-31")]),
         col([D("2024-02-09"), D("2024-02-10"), D("2024-01-10"), D("2024-03-01")]), 30)
    case("days 0: completed the same day only",
         col([D("2024-05-01"), D("2024-05-02"), D("2024-05-03")]),
         col([D("2024-05-01"), D("2024-05-03"), ""]), 0)
    case("as_of on the deadline: the window is over (missed); the day before: still open",
         col([D("2024-06-01"), D("2024-06-02")]), col(["", ""]), 30, D("2024-07-01"))
    case("as_of a cut-off: later starts not counted, later completions not completed",
         col([D("2024-01-05"), D("2024-01-20"), D("2024-02-03"), D("2024-02-25"), D("2024-03-10")]),
         col([D("2024-01-25"), D("2024-02-28"), D("2024-02-10"), D("2024-03-02"), D("2024-03-11")]),
         30, D("2024-02-26"))
    case("a past as_of reproduces a past report",
         col([D("2024-01-05"), D("2024-01-20"), D("2024-02-03")]),
         col([D("2024-01-25"), D("2024-02-28"), D("2024-02-10")]), 30, D("2024-01-31"))
    case("months without a start are rows of 0 with a blank rate",
         col([D("2023-11-15"), D("2024-02-01")]), col([D("2023-11-20"), D("2024-02-10")]), 14)
    case("only open windows: a blank rate",
         col([D("2024-09-01"), D("2024-09-15")]), col(["", ""]), 60, D("2024-09-30"))
    case("completed in time while the window is still open counts as decided",
         col([D("2024-09-01"), D("2024-09-10"), D("2024-09-20")]),
         col([D("2024-09-05"), "", ""]), 60, D("2024-09-25"))
    case("calendar days across February of a leap year (2024-02-28 to 2024-03-01 is 2 days)",
         col([D("2024-02-28"), D("2024-02-28"), D("2023-02-28")]),
         col([D("2024-03-01"), D("2024-03-02"), D("2023-03-02")]), 2)
    case("a time of day in a cell is ignored",
         col([D("2024-03-10T23:59:00"), D("2024-03-10T00:30:00")]),
         col([D("2024-03-11T00:00:00"), D("2024-03-11T23:00:00")]), 1)
    case("windows across a daylight-saving change count calendar days",
         col([D("2024-03-09"), D("2024-10-26"), D("2024-03-30")]),
         col([D("2024-03-11"), D("2024-10-28"), D("2024-04-01")]), 2)
    case("records with both cells blank are skipped",
         col([D("2024-04-01"), "", D("2024-04-03"), ""]), col([D("2024-04-02"), "", "", ""]), 7)
    case("a year boundary", col([D("2024-12-20"), D("2025-01-05")]), col([D("2025-01-10"), D("2025-01-06")]), 21)
    case("two single cells: one record", D("2024-07-01"), D("2024-07-15"), 30)
    case("a single record not completed", D("2024-07-01"), "", 30, D("2024-08-15"))
    case("wide ranges are read row by row",
         [[D("2024-01-01"), D("2024-01-02")], [D("2024-02-01"), ""]],
         [[D("2024-01-03"), ""], [D("2024-03-15"), ""]], 30)
    case("as_of as a 1 × 1 range", col([D("2024-01-01")]), col([""]), 10, [[D("2024-01-05")]])
    case("a blank as_of takes the default", col([D("2024-01-01"), D("2024-01-03")]), col([D("2024-01-20"), ""]), 10, "")
    case("days as a 1 × 1 range", col([D("2024-01-01")]), col([D("2024-01-04")]), [[3]])

    hand_s = ["2025-01-06", "2025-01-15", "2025-01-28", "2025-02-03", "2025-02-17", "2025-02-28", "2025-03-10", "2025-03-24", "2025-04-01"]
    hand_c = ["2025-02-04", "2025-03-01", "", "2025-02-20", "", "2025-03-30", "2025-04-09", "", ""]
    case("hand-checked: nine onboardings, 30 days, as of 2025-04-15",
         col([D(x) for x in hand_s]), col([D(x) if x else "" for x in hand_c]), 30, D("2025-04-15"))
    t = onboarding_ref(col([D(x) for x in hand_s]), col([D(x) if x else "" for x in hand_c]), 30, D("2025-04-15"))
    # Jan: 01-06→02-04 (29 days, in time), 01-15→03-01 (45, late), 01-28 open? deadline 02-27 < as_of: missed.
    assert t[1] == ["2025-01", 3, 1, 0, Fraction(1, 3)], t[1]
    # Feb: 02-03→02-20 in time, 02-17 none (deadline 03-19, over), 02-28→03-30 (30 days, in time).
    assert t[2] == ["2025-02", 3, 2, 0, Fraction(2, 3)], t[2]
    # Mar: 03-10→04-09 (30, in time), 03-24 none, deadline 04-23 > as_of: open.
    assert t[3] == ["2025-03", 2, 1, 1, Fraction(1, 1)], t[3]
    # Apr: 04-01 none, deadline 05-01: open; nothing decided.
    assert t[4] == ["2025-04", 1, 0, 1, ""], t[4]

    rng = random.Random(160017)
    for k in range(5):
        n = rng.randint(200, 400)
        base = date(2023, rng.randint(1, 12), 1)
        starts, ends = [], []
        for _ in range(n):
            r = rng.random()
            if r < 0.05:
                starts.append("")
                ends.append("")
                continue
            s = base + timedelta(days=rng.randint(0, 500))
            c = ""
            if rng.random() < 0.8:
                c = s + timedelta(days=int(rng.expovariate(1 / 25)))
            def cell(d):
                if d == "":
                    return ""
                if rng.random() < 0.2:
                    return D("%sT%02d:%02d:00" % (d.isoformat(), rng.randint(0, 23), rng.randint(0, 59)))
                return D(d.isoformat())
            starts.append(cell(s))
            ends.append(cell(c))
        w = rng.choice([0, 7, 30, 45, 90])
        as_of = "" if k % 2 == 0 else D((base + timedelta(days=rng.randint(200, 520))).isoformat())
        if k == 4:
            starts_r = [starts[i:i + 2] for i in range(0, len(starts) - len(starts) % 2, 2)]
            ends_r = [ends[i:i + 2] for i in range(0, len(ends) - len(ends) % 2, 2)]
            case("random table %d (%d records in two columns, %d days)" % (k + 1, n, w), starts_r, ends_r, w, as_of)
        else:
            case("random table %d (%d records, %d days%s)" % (k + 1, n, w, ", as_of given" if as_of else ""), col(starts), col(ends), w, as_of)
    for c in cases:
        c["expected"] = onboarding_ref(*c["args"])
    return cases


def onboarding_error_cases():
    D = dt
    s = col([D("2024-03-01"), D("2024-03-02"), D("2024-03-03"), D("2024-03-01")])
    c = col([D("2024-03-05"), "", D("2024-03-04"), D("2024-03-20")])

    def at(column, i, v):
        out = [list(r) for r in column]
        out[i][0] = v
        return out

    specs = [
        ("completion before its start (the contract's message)", s, at(c, 3, D("2024-02-28")), 30, None,
         "ONBOARDING_RATE: completed_dates row 4 (2024-02-28) is before its start date (2024-03-01)"),
        ("a completion date with a blank start date", at(s, 2, ""), c, 30, None, None),
        ("a start date typed as text", at(s, 1, "2024-03-15"), c, 30, None, None),
        ("a completion date typed as text", s, at(c, 1, "2024-03-15"), 30, None, None),
        ("a start date as a serial number", at(s, 0, 45366), c, 30, None, None),
        ("a completion date as a boolean", s, at(c, 1, True), 30, None, None),
        ("text in a start cell whose completion is blank", at(s, 1, "soon"), c, 30, None, None),
        ("days omitted", s, c, None, None, None),
        ("days blank", s, c, "", None, None),
        ("days as text", s, c, "30", None, None),
        ("days a boolean", s, c, True, None, None),
        ("days a date", s, c, D("2024-01-30"), None, None),
        ("days a fraction", s, c, 30.5, None, None),
        ("days negative", s, c, -1, None, None),
        ("days a range of several cells", s, c, col([30, 60]), None, None),
        ("as_of as text", s, c, 30, "2024-03-31", None),
        ("as_of a number", s, c, 30, 45382, None),
        ("as_of a boolean", s, c, 30, False, None),
        ("as_of a range of several cells", s, c, 30, col([D("2024-03-31"), D("2024-04-30")]), None),
        ("no record at all", col(["", ""]), col(["", ""]), 30, None, None),
        ("no start on or before as_of", s, c, 30, D("2024-02-29"), None),
        ("start_dates omitted", None, c, 30, None, None),
        ("completed_dates omitted", s, None, 30, None, None),
        ("shapes that differ", s, col([D("2024-03-05")]), 30, None, None),
        ("a bad cell in a single row names its column", [[D("2024-03-01"), "x"]], [["", ""]], 30, None, None),
        ("a bad cell in a wide range names row and column", [[D("2024-03-01"), D("2024-03-02")], [D("2024-03-03"), 7]],
         [["", ""], ["", ""]], 30, None, None),
        ("a single bad cell has no position", "2024-03-01", "", 30, None, None),
    ]
    return [error_case(onboarding_ref, name, [a, b, days] + ([as_of] if as_of is not None else []), exact)
            for name, a, b, days, as_of, exact in specs]


# ---------------------------------------------------------------------------

def to_json(o):
    if isinstance(o, Fraction):
        return float(o) if o.denominator != 1 else int(o) if abs(o) < 2 ** 53 else float(o)
    if isinstance(o, dict):
        return {k: to_json(v) for k, v in o.items()}
    if isinstance(o, list):
        return [to_json(v) for v in o]
    return o


def main():
    doc = {
        "generated_by": "test/golden/make_mrr_onboarding.py",
        "MRR_MOVEMENTS": mrr_cases() + mrr_error_cases(),
        "ONBOARDING_RATE": onboarding_cases() + onboarding_error_cases(),
    }
    doc = to_json(doc)

    def dumps(o):
        return json.dumps(o, ensure_ascii=False, allow_nan=False, separators=(",", ":"))

    # One case per line, so that a diff shows which case changed.
    lines = ["{", ' "generated_by": %s,' % dumps(doc["generated_by"])]
    for k, fn in enumerate(("MRR_MOVEMENTS", "ONBOARDING_RATE")):
        lines.append(' %s: [' % dumps(fn))
        lines.append(",\n".join("  " + dumps(c) for c in doc[fn]))
        lines.append(" ]" + ("," if k == 0 else ""))
    lines.append("}")
    with open(OUT, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    for fn in ("MRR_MOVEMENTS", "ONBOARDING_RATE"):
        cs = doc[fn]
        print("%s: %d cases (%d errors)" % (fn, len(cs), sum(1 for c in cs if "expected" not in c)))
    print("wrote %s" % OUT)


if __name__ == "__main__":
    main()
