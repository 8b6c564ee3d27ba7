#!/usr/bin/env python3
"""Generate KPI Lamp's bundled sample workbook, then check its planted truths.

Usage:  python3 sample/generate.py [--out DIR] [--check-only]

Writes one UTF-8 CSV per sheet (no BOM, "\\n" line endings, header row first)
into sample/workbook/ (or DIR):

  Accounts.csv   ~300 current accounts, KPI values of 2026-10
  Snapshots.csv  one row per account per month, 2024-11 .. 2026-10
  History.csv    team-level monthly series, 2023-11 .. 2026-10
  NPS.csv        ~500 relationship-survey answers (a survey every six months)
  Cohorts.csv    self-serve sign-up cohorts, with =LTV_SBG / =LTV formulas

then re-reads those files and checks, with the rules of
shared/spec/kpi-tree.md implemented here independently of the TypeScript code
(numpy + scipy only), that the planted truths hold: the History verdicts
(LEADLAG of monthly changes, Bonferroni over the considered lags), the
account-level backtests of two lamps, row counts and consistency between the
sheets. Exits 1 with a message naming every failed check.

The output is deterministic: one fixed seed, numpy's legacy RandomState
(whose stream numpy keeps stable across versions) and fixed-precision text.
"""

import argparse
import csv
import io
import math
import os
import re
import sys
from datetime import date

import numpy as np
from scipy import optimize, special, stats

SEED = 20261115
TODAY = date(2026, 11, 22)

# --------------------------------------------------------------------------
# months
# --------------------------------------------------------------------------


def mabs(y, m):
    """Absolute month number of year y, month m (1..12)."""
    return y * 12 + (m - 1)


def mlabel(a):
    return "%04d-%02d" % (a // 12, a % 12 + 1)


def mparse(s):
    y, m = s.split("-")
    return mabs(int(y), int(m))


SNAP_FIRST = mabs(2024, 11)
SNAP_LAST = mabs(2026, 10)
SNAP_MONTHS = list(range(SNAP_FIRST, SNAP_LAST + 1))  # 24 months
HIST_FIRST = mabs(2023, 11)
HIST_MONTHS = list(range(HIST_FIRST, SNAP_LAST + 1))  # 36 months
NPS_WAVES = [mabs(2025, 4) + 6 * i for i in range(4)]  # 2025-04 .. 2026-10, twice a year

PLANS = ["Starter", "Growth", "Enterprise"]

# Columns added for =MRR_MOVEMENTS and =ONBOARDING_RATE (filled by add_revenue_columns).
SNAPSHOT_REVENUE_COLUMNS = ["mrr"]
ACCOUNT_ONBOARDING_COLUMNS = ["onboarding_start_date", "onboarding_completed_date"]
ACCOUNT_COLUMNS = [
    "account_id", "account_name", "plan", "arr", "csm", "renewal_date",
    "onboarding_completed", "login_rate_30d", "key_feature_usage",
    "exec_meetings_90d", "open_tickets", "last_nps",
] + ACCOUNT_ONBOARDING_COLUMNS
KPI_COLUMNS = [
    "plan", "arr", "onboarding_completed", "login_rate_30d",
    "key_feature_usage", "exec_meetings_90d", "open_tickets", "last_nps",
]
SNAPSHOT_COLUMNS = ["month", "account_id"] + KPI_COLUMNS + ["churned"] + SNAPSHOT_REVENUE_COLUMNS
HISTORY_COLUMNS = [
    "month", "login_rate", "onboarding_completion", "exec_meetings",
    "churn_rate", "nrr", "community_posts",
]
NPS_COLUMNS = ["response_id", "month", "account_id", "plan", "score"]
COHORTS = ["2024-01", "2024-04", "2024-07", "2025-01"]


def f3(x):
    return "%.3f" % (round(float(x), 3) + 0.0)


def f4(x):
    return "%.4f" % (round(float(x), 4) + 0.0)


def tf(b):
    return "TRUE" if b else "FALSE"


# --------------------------------------------------------------------------
# names
# --------------------------------------------------------------------------

JA_STEMS = [
    "サクラ", "ミドリ", "アオバ", "ヒカリ", "ツバサ", "ホシノ", "富士", "大和",
    "北斗", "東海", "瀬戸内", "丸の内", "青葉", "若葉", "朝日", "日の出", "未来",
    "和光", "信濃", "三河", "浪速", "博多", "みなと", "桜川", "白銀", "紅葉",
    "千代田", "神楽", "葵", "カエデ", "スバル", "コスモ", "はやぶさ", "やまびこ",
    "紀州", "出雲", "松風", "銀河", "藤田", "山本", "中村", "小林", "高田", "石川",
]
JA_TRADES = [
    "物流", "商事", "製作所", "工業", "食品", "建設", "不動産", "システムズ",
    "テクノロジーズ", "ソリューションズ", "メディカル", "薬品", "電機", "印刷",
    "ホールディングス", "観光", "精機", "化学", "データ", "ラボ", "デザイン",
    "エンジニアリング", "通信", "ロジスティクス", "農園", "酒造", "リテール", "ネットワークス",
]
EN_STEMS = [
    "Acme", "Northwind", "Bluefin", "Summit", "Cedar", "Harbor", "Lumen", "Vertex",
    "Crescent", "Orchid", "Pioneer", "Silverline", "Brightpath", "Kestrel", "Maple",
    "Quantum", "Riverstone", "Tidewater", "Zenith", "Atlas", "Beacon", "Cobalt",
    "Everest", "Granite", "Horizon", "Ironwood", "Juniper", "Lighthouse", "Meridian",
    "Nimbus", "Oakridge", "Pinnacle", "Redwood", "Sapphire", "Sterling", "Trident",
    "Willow", "Sakura", "Fujimi", "Kobe Bay", "Shonan", "Aozora",
]
EN_TRADES = [
    "Analytics", "Logistics", "Labs", "Systems", "Health", "Robotics", "Foods",
    "Media", "Software", "Retail", "Energy", "Networks", "Biotech", "Consulting",
    "Learning", "Travel", "Studios", "Trading", "Manufacturing", "Finance",
]
EN_SUFFIXES = ["Inc.", "Ltd.", "LLC", "Co., Ltd.", "K.K.", "Pte. Ltd.", "GmbH", "Corp."]

CSMS = {
    # name: weights for Starter, Growth, Enterprise
    "佐藤 美咲": (1, 2, 4),
    "Emily Carter": (1, 2, 4),
    "田中 健太": (3, 3, 1),
    "David Kim": (3, 3, 1),
    "鈴木 翔": (4, 2, 0),
    "高橋 由衣": (4, 2, 0),
}


def make_name(rng):
    r = rng.rand()
    if r < 0.58:
        stem = JA_STEMS[rng.randint(len(JA_STEMS))]
        trade = JA_TRADES[rng.randint(len(JA_TRADES))]
        form = rng.rand()
        if form < 0.6:
            return "株式会社" + stem + trade
        if form < 0.85:
            return stem + trade + "株式会社"
        if form < 0.95:
            return "合同会社" + stem + trade
        return "有限会社" + stem + trade
    stem = EN_STEMS[rng.randint(len(EN_STEMS))]
    trade = EN_TRADES[rng.randint(len(EN_TRADES))]
    suffix = EN_SUFFIXES[rng.randint(len(EN_SUFFIXES))]
    return "%s %s %s" % (stem, trade, suffix)


# --------------------------------------------------------------------------
# account-level simulation (Snapshots, Accounts, NPS)
# --------------------------------------------------------------------------

PLAN_SHARE = [0.46, 0.37, 0.17]
LOGIN_MEAN = {"Starter": 0.62, "Growth": 0.67, "Enterprise": 0.72}
FEATURE_MEAN = {"Starter": 0.38, "Growth": 0.46, "Enterprise": 0.55}
EXEC_90D = {"Starter": 0.6, "Growth": 1.5, "Enterprise": 3.0}   # meetings per 90 days
TICKETS = {"Starter": 0.7, "Growth": 1.3, "Enterprise": 2.4}
RISK_HAZARD = {"Starter": 0.0306, "Growth": 0.0238, "Enterprise": 0.0153}  # onset of a login decline
RISK_CHURNS = {"Starter": 0.75, "Growth": 0.70, "Enterprise": 0.55}     # share of declines that end in churn
SUDDEN_CHURN = 0.002       # churn with no warning sign (acquired, bankrupt, budget cut)
# Onboarding: most accounts finish it; one that has not after 3 months is
# far likelier to start declining (what makes the onboarding lamp worth a look).
ONBOARDED_OLD = 0.96          # accounts that signed long before the range and finished onboarding
NEVER_ONBOARDED_NEW = 0.08    # new accounts that never finish it
NOT_ONBOARDED_HAZARD = 3.0    # the decline hazard multiplier while not onboarded after month 3
NPS_MEAN = {"Starter": 7.6, "Growth": 8.1, "Enterprise": 8.7}
NPS_RESPONSE = 0.42


ARR_DIST = {  # median yen, log sd, plausible range (drawn again when outside)
    "Starter": (600_000, 0.35, 240_000, 1_500_000),
    "Growth": (3_000_000, 0.40, 1_200_000, 8_000_000),
    "Enterprise": (15_000_000, 0.45, 6_000_000, 60_000_000),
}


def arr_for(plan, rng):
    med, sd, lo, hi = ARR_DIST[plan]
    while True:
        v = math.exp(rng.normal(math.log(med), sd))
        if lo <= v <= hi:
            return int(round(v / 1000.0)) * 1000


def simulate_accounts(rng):
    """Simulate every account that is active at some month of the Snapshots range."""
    accounts = []

    def new_account(start_month, contract_start):
        plan = PLANS[rng.choice(3, p=PLAN_SHARE)]
        acc = {
            "plan": plan,
            "start": start_month,                 # first Snapshots month (may be < SNAP_FIRST)
            "contract_start": contract_start,     # date
            "base_login": float(np.clip(rng.normal(LOGIN_MEAN[plan], 0.085), 0.35, 0.95)),
            "base_feature": float(np.clip(rng.normal(FEATURE_MEAN[plan], 0.11), 0.05, 0.9)),
            "arr": arr_for(plan, rng),
        }
        w = np.array([CSMS[n][PLANS.index(plan)] for n in CSMS], dtype=float)
        acc["csm"] = list(CSMS)[rng.choice(len(CSMS), p=w / w.sum())]
        # onboarding: months after start until completed, or never
        if start_month < SNAP_FIRST - 6:
            acc["onboard_after"] = 0 if rng.rand() < ONBOARDED_OLD else None
        else:
            acc["onboard_after"] = None if rng.rand() < NEVER_ONBOARDED_NEW else int(rng.choice([1, 2, 3, 4], p=[0.3, 0.35, 0.2, 0.15]))
        return acc

    # accounts already customers in 2024-11, signed between 2019-04 and 2024-10
    for _ in range(300):
        s = int(rng.randint(mabs(2019, 4), SNAP_FIRST))
        cs = date(s // 12, s % 12 + 1, int(rng.randint(1, 29)))
        accounts.append(new_account(s, cs))
    # new customers, 2024-12 .. 2026-10
    for t in SNAP_MONTHS[1:]:
        for _ in range(rng.poisson(6.6)):
            cs = date(t // 12, t % 12 + 1, int(rng.randint(1, 29)))
            accounts.append(new_account(t, cs))
    accounts.sort(key=lambda a: (a["contract_start"], a["plan"]))
    for i, a in enumerate(accounts):
        a["id"] = "A%04d" % (i + 1)

    # month-by-month states
    pre = 3  # months simulated before the first Snapshots month (90-day meeting counts)
    for a in accounts:
        plan = a["plan"]
        first = max(a["start"], SNAP_FIRST - pre)
        noise = rng.normal(0, 0.03)
        risk = None          # dict(onset, rate, churn_at or recover_at)
        cooldown_until = -1
        arr = a["arr"]
        meetings = {}
        rows = {}
        churn_month = None
        for t in range(first, SNAP_LAST + 1):
            age = t - a["start"]
            onboarded = a["onboard_after"] is not None and age >= a["onboard_after"]
            # a decline in login starts?
            if risk is None and t > cooldown_until and age >= 1:
                h = RISK_HAZARD[plan] * (NOT_ONBOARDED_HAZARD if (not onboarded and age >= 3) else 1.0)
                if rng.rand() < h:
                    risk = {"onset": t, "rate": rng.uniform(0.06, 0.12)}
                    if rng.rand() < RISK_CHURNS[plan]:
                        risk["churn_at"] = t + int(rng.choice([1, 2, 3, 4, 5], p=[0.1, 0.3, 0.3, 0.2, 0.1]))
                    else:
                        risk["recover_at"] = t + int(rng.choice([2, 3]))
            noise = 0.5 * noise + rng.normal(0, 0.032)
            decline = 0.0
            at_risk = False
            if risk is not None:
                k = t - risk["onset"]
                if "churn_at" in risk:
                    decline = risk["rate"] * (k + 1)
                    at_risk = True
                else:
                    r0 = risk["recover_at"]
                    if t < r0:
                        decline = risk["rate"] * (k + 1)
                        at_risk = True
                    else:
                        peak = risk["rate"] * (r0 - risk["onset"])
                        decline = peak * max(0.0, 1.0 - (t - r0 + 1) / 3.0)
                        at_risk = decline > 0
                        if decline == 0.0:
                            risk = None
                            cooldown_until = t + 6
            ramp = -0.10 * (0.5 ** age) if a["start"] >= SNAP_FIRST - pre else 0.0
            login = float(np.clip(a["base_login"] + ramp + noise - decline, 0.02, 0.99))
            feature = float(np.clip(a["base_feature"] + 0.7 * (login - a["base_login"]) + rng.normal(0, 0.03), 0.0, 1.0))
            # executive meetings: CSMs rush to accounts already showing signs of leaving
            lam = EXEC_90D[plan] / 3.0
            if age == 0:
                lam += 0.7  # kick-off with the sponsor
            if at_risk and risk is not None and t >= risk["onset"] + 1:
                lam += 1.0
            meetings[t] = int(rng.poisson(lam))
            exec90 = meetings[t] + meetings.get(t - 1, 0) + meetings.get(t - 2, 0)
            tickets = int(rng.poisson(TICKETS[plan] + (1.2 if at_risk else 0.0)))
            # renewal: ARR moves at each contract anniversary
            if t > a["start"] and t % 12 == (a["contract_start"].month - 1):
                if at_risk:
                    arr = int(round(arr * rng.uniform(0.85, 1.0) / 1000.0)) * 1000
                else:
                    arr = int(round(arr * float(np.clip(rng.normal(1.06, 0.06), 0.92, 1.30)) / 1000.0)) * 1000
            churned = False
            if risk is not None and risk.get("churn_at") == t:
                churned = True
            elif t >= SNAP_FIRST and age >= 1 and rng.rand() < SUDDEN_CHURN:
                churned = True
            rows[t] = {
                "arr": arr, "onboarded": onboarded, "login": login, "feature": feature,
                "exec90": exec90, "tickets": tickets, "at_risk": at_risk, "churned": churned,
            }
            if churned:
                if t < SNAP_FIRST:
                    rows = None  # left before the Snapshots range: not part of this workbook
                churn_month = t
                break
        a["rows"] = rows
        a["churn_month"] = churn_month
    accounts = [a for a in accounts if a["rows"] is not None]
    for a in accounts:
        a["rows"] = {t: r for t, r in a["rows"].items() if t >= SNAP_FIRST}

    # relationship-NPS survey every six months: waves 2025-04, 2025-10, 2026-04, 2026-10
    responses = []
    for w in NPS_WAVES:
        for a in accounts:
            r = a["rows"].get(w)
            if r is None or r["churned"]:
                continue
            if rng.rand() >= NPS_RESPONSE:
                continue
            latent = (NPS_MEAN[a["plan"]] + 4.0 * (r["login"] - a["base_login"])
                      + (0.0 if r["onboarded"] else -0.8) + rng.normal(0, 1.6))
            score = int(np.clip(round(latent), 0, 10))
            if rng.rand() < 0.06:  # the angry few: a bad incident, a lost champion
                score = int(rng.randint(0, 6))
            responses.append({"month": w, "account_id": a["id"], "plan": a["plan"], "score": score})
    responses.sort(key=lambda x: (x["month"], x["account_id"]))
    for i, x in enumerate(responses):
        x["response_id"] = "R%05d" % (i + 1)
    by_acc = {}
    for x in responses:
        by_acc.setdefault(x["account_id"], []).append(x)
    for a in accounts:
        got = by_acc.get(a["id"], [])
        for t, r in a["rows"].items():
            before = [x["score"] for x in got if x["month"] <= t]
            r["last_nps"] = before[-1] if before else None

    # unique names
    seen = set()
    for a in accounts:
        while True:
            n = make_name(rng)
            if n not in seen:
                seen.add(n)
                a["name"] = n
                break
    return accounts, responses


def renewal_date(contract_start):
    """Next contract anniversary after TODAY (so within the next 12 months)."""
    for y in (TODAY.year, TODAY.year + 1):
        d = date(y, contract_start.month, contract_start.day)
        if d > TODAY:
            return d
    raise AssertionError("unreachable")


# --------------------------------------------------------------------------
# History: team-level series, planted directly
# --------------------------------------------------------------------------


def simulate_history(rng):
    n = len(HIST_MONTHS)
    pad = 6
    m = n + pad  # simulate a few earlier months so lags have history
    # login rate: a random walk of monthly changes, pinned to the range
    dl = rng.normal(0, 0.016, m)
    dl -= dl.mean()
    login = 0.66 + np.cumsum(dl)
    login += 0.66 - login.mean()
    # onboarding completion: the share of last month's new accounts that finished
    # onboarding, noisy around 0.82 (a weak true effect on churn, see below)
    onb = 0.82 + rng.normal(0, 0.025, m)
    # churn: a slow downward trend (shared with the community) + login 3 months
    # earlier + a weak effect of onboarding 2 months earlier + noise
    trend = np.linspace(0.033, 0.017, m)
    churn = np.empty(m)
    for t in range(m):
        churn[t] = (trend[t]
                    - 0.10 * (login[t - 3] - 0.66 if t >= 3 else 0.0)
                    - 0.012 * (onb[t - 2] - 0.82 if t >= 2 else 0.0)
                    + rng.normal(0, 0.0006))
    # executive meetings: CSMs react to the churn they saw last month
    execm = np.empty(m)
    for t in range(m):
        prev = churn[t - 1] if t >= 1 else churn[0]
        execm[t] = 22 + 1500 * prev + rng.normal(0, 1.3)
    # NRR: hit by last month's churn
    nrr = np.empty(m)
    for t in range(m):
        prev = churn[t - 1] if t >= 1 else churn[0]
        nrr[t] = 1.10 - 4.0 * (prev - 0.02) + rng.normal(0, 0.004)
    # community posts: grows with time only (+ a summer and year-end dip)
    idx = np.arange(m)
    season = np.array([{8: -18, 12: -14, 1: -10}.get((HIST_FIRST - pad + i) % 12 + 1, 0) for i in idx])
    posts = 90 + 5.2 * idx + season + rng.normal(0, 9, m)
    rows = []
    for i, month in enumerate(HIST_MONTHS):
        t = i + pad
        rows.append([
            mlabel(month), f3(login[t]), f3(onb[t]), str(int(round(execm[t]))),
            f4(churn[t]), f3(nrr[t]), str(int(round(posts[t]))),
        ])
    return rows


# --------------------------------------------------------------------------
# Cohorts: self-serve sign-ups with sBG (heterogeneous) retention
# --------------------------------------------------------------------------

COHORT_SPECS = {  # size, alpha, beta
    "2024-01": (412, 0.85, 6.5),
    "2024-04": (388, 0.85, 6.5),
    "2024-07": (455, 0.80, 6.0),
    "2025-01": (530, 0.90, 7.0),
}
SBG_VALUE = 12000      # margin per workspace per month, yen
SBG_DISCOUNT = 0.01    # per month


def simulate_cohorts(rng):
    cols = {}
    for c in COHORTS:
        size, al, be = COHORT_SPECS[c]
        periods = SNAP_LAST - mparse(c)  # last observed period
        p = rng.beta(al, be, size)
        life = rng.geometric(p)          # number of periods paid: active at periods 0..life-1
        cols[c] = [int((life > k).sum()) for k in range(periods + 1)]
    return cols


def cohorts_table(cols):
    nper = max(len(v) for v in cols.values())
    grid = [["period"] + COHORTS]
    for k in range(nper):
        grid.append([str(k)] + [str(cols[c][k]) if k < len(cols[c]) else "" for c in COHORTS])
    last_row = nper + 1  # header is row 1
    grid.append([""] * (1 + len(COHORTS)))
    letters = "BCDE"
    # =LTV_SBG spills a 2x4 table (header + values): one block of two rows per cohort
    for j, c in enumerate(COHORTS):
        col = letters[j]
        grid.append(["LTV_SBG %s" % c, "=LTV_SBG(%s2:%s%d,%d,%s)" % (col, col, last_row, SBG_VALUE, SBG_DISCOUNT), "", "", ""])
        grid.append([""] * 5)
    # =LTV with a constant churn: the first year's average monthly churn of the cohort,
    # 1 - (active at period 12 / active at period 0)^(1/12). Period k is on row k + 2.
    grid.append(["LTV constant churn"] + [
        "=LTV(15000,0.8,1-(%s%d/%s2)^(1/12),%s)" % (letters[j], 12 + 2, letters[j], SBG_DISCOUNT) for j in range(len(COHORTS))
    ])
    return grid


# --------------------------------------------------------------------------
# Revenue and onboarding (=MRR_MOVEMENTS, =ONBOARDING_RATE), from their own
# random stream: nothing drawn here moves a draw of the other sheets.
# --------------------------------------------------------------------------

REVENUE_SEED = SEED + 16
ONBOARDING_TRACKED_FROM = mabs(2024, 5)   # the CS team has recorded onboarding dates since May 2024
ONBOARDING_DAYS = 90                      # the team's onboarding target: completed within 90 days
SEASONAL_PAUSES = 4                       # accounts that pause their subscription for 1-3 months
METRICS_ONBOARDING_COLUMN = 22            # =ONBOARDING_RATE in column W, right of =MRR_MOVEMENTS (A:U)


def col_letter(i):
    """A1 column letters of a 0-based column index."""
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def add_revenue_columns(accounts, snaps, acc_rows):
    """Appends Snapshots' mrr and Accounts' onboarding dates to the rows already built
    (their headers are in SNAPSHOT_COLUMNS / ACCOUNT_COLUMNS), and returns the Metrics sheet:
    =MRR_MOVEMENTS in A2 and =ONBOARDING_RATE in W2, under a row of titles.

    - mrr: ARR / 12 in yen, rounded; 0 in the month the account churned (it pays nothing that
      month) and in the months of a seasonal pause (a few accounts, still in Snapshots, not
      churned: =MRR_MOVEMENTS counts the pause as churn, then reactivation).
    - onboarding_start_date: the contract start, for accounts that started since May 2024;
      onboarding_completed_date: a day in the month the simulation completed onboarding
      (so Snapshots' onboarding_completed turns TRUE in that month), blank when not completed
      by 2026-10. Both blank for older accounts.
    """
    rng = np.random.RandomState(REVENUE_SEED)  # legacy stream: stable across numpy versions
    by_id = {a["id"]: a for a in accounts}
    ids = sorted(by_id)
    pauses = {}
    eligible = [i for i in ids if by_id[i]["churn_month"] is None and len(by_id[i]["rows"]) >= 10]
    for i in sorted(rng.choice(eligible, size=SEASONAL_PAUSES, replace=False)):
        months = sorted(by_id[i]["rows"])
        first = months[int(rng.randint(2, len(months) - 5))]
        pauses[i] = set(range(first, first + int(rng.randint(1, 4))))
    onboarding = {}
    for i in ids:
        a = by_id[i]
        if a["start"] < ONBOARDING_TRACKED_FROM:
            continue
        done = None
        if a["onboard_after"] is not None and a["start"] + a["onboard_after"] <= SNAP_LAST:
            t = a["start"] + a["onboard_after"]
            y, m = t // 12, t % 12 + 1
            last_day = (date(y + (m == 12), m % 12 + 1, 1) - date(y, m, 1)).days
            done = date(y, m, int(rng.randint(1, last_day + 1)))
        onboarding[i] = (a["contract_start"], done)

    month_at = SNAPSHOT_COLUMNS.index("month")
    id_at = SNAPSHOT_COLUMNS.index("account_id")
    for row in snaps[1:]:
        a = by_id[row[id_at]]
        t = mparse(row[month_at])
        r = a["rows"][t]
        paid = not r["churned"] and t not in pauses.get(a["id"], ())
        row.append(str(int(round(r["arr"] / 12))) if paid else "0")
    for row in acc_rows[1:]:
        start, done = onboarding.get(row[0], (None, None))
        row.extend(["" if start is None else start.isoformat(), "" if done is None else done.isoformat()])

    def rng_a1(sheet, columns, name, rows):
        c = col_letter(columns.index(name))
        return "%s!%s2:%s%d" % (sheet, c, c, rows + 1)

    n_snap, n_acc = len(snaps) - 1, len(acc_rows) - 1
    mrr_formula = "=MRR_MOVEMENTS(%s,%s,%s)" % (
        rng_a1("Snapshots", SNAPSHOT_COLUMNS, "account_id", n_snap),
        rng_a1("Snapshots", SNAPSHOT_COLUMNS, "month", n_snap),
        rng_a1("Snapshots", SNAPSHOT_COLUMNS, "mrr", n_snap))
    onboarding_formula = "=ONBOARDING_RATE(%s,%s,%d)" % (
        rng_a1("Accounts", ACCOUNT_COLUMNS, "onboarding_start_date", n_acc),
        rng_a1("Accounts", ACCOUNT_COLUMNS, "onboarding_completed_date", n_acc), ONBOARDING_DAYS)
    # Row 1 holds titles (a sheet's first row is its header); each formula spills its table from row 2.
    gap = [""] * (METRICS_ONBOARDING_COLUMN - 1)
    return [["MRR movements of Snapshots (=MRR_MOVEMENTS)"] + gap + ["Onboarding completed within %d days (=ONBOARDING_RATE)" % ONBOARDING_DAYS],
            [mrr_formula] + gap + [onboarding_formula]]


def contract_reference():
    """The Python reference of =MRR_MOVEMENTS and =ONBOARDING_RATE (test/golden/make_mrr_onboarding.py,
    exact fractions, written from the contract), the same one the golden tests use: one
    implementation of those rules in Python."""
    import importlib.util
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "golden", "make_mrr_onboarding.py")
    spec = importlib.util.spec_from_file_location("mrr_onboarding_reference", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def table_rows(table):
    """A function's table (header row first) as one dict per row."""
    return [dict(zip(table[0], r)) for r in table[1:]]


def check_revenue(out, acc, snap):
    """Snapshots' mrr, Accounts' onboarding dates and the Metrics sheet (the contract's rules of
    =MRR_MOVEMENTS and =ONBOARDING_RATE, reimplemented here) hang together."""
    fails = []

    def need(cond, msg):
        if not cond:
            fails.append(msg)

    print()
    by_acc = {}
    for r in snap:
        by_acc.setdefault(r["account_id"], []).append(r)
    paused = set()
    for aid, rs in by_acc.items():
        for r in rs:
            mrr, arr = r["mrr"], int(r["arr"])
            if r["churned"] == "TRUE":
                need(mrr == "0", "%s %s: mrr must be 0 in the churn month, not %r" % (aid, r["month"], mrr))
            elif mrr == "0":
                paused.add(aid)
            else:
                need(mrr == str(int(round(arr / 12))), "%s %s: mrr %r is not arr / 12" % (aid, r["month"], mrr))
        need(rs[0]["mrr"] != "0" or rs[0]["churned"] == "TRUE", "%s starts with a pause" % aid)
    need(len(paused) == SEASONAL_PAUSES, "%d accounts pause, expected %d" % (len(paused), SEASONAL_PAUSES))
    ref = contract_reference()
    column = lambda rows, c: [[r[c]] for r in rows]
    moves = table_rows(ref.mrr_ref(column(snap, "account_id"), column(snap, "month"),
                                   [[int(r["mrr"])] for r in snap]))
    counted = [m for m in moves if m["customers_start"] != ""]
    churn_flags = {}
    for r in snap:
        if r["churned"] == "TRUE":
            churn_flags[r["month"]] = churn_flags.get(r["month"], 0) + 1
    for m in counted:
        flagged = churn_flags.get(m["month"], 0)
        need(flagged <= m["churned_customers"] <= flagged + SEASONAL_PAUSES,
             "%s: %d churned by MRR, %d flagged churned" % (m["month"], m["churned_customers"], flagged))
    mean = lambda key: float(np.mean([float(m[key]) for m in counted]))
    last = moves[-1]
    reactivated = sum(m["reactivated_customers"] for m in counted)
    print("Revenue (=MRR_MOVEMENTS on Snapshots): MRR %s yen in %d customers in %s; per month on average: "
          "customer churn %.2f%%, GRR %.2f%%, NRR %.2f%%, upsell %.2f%%; %d reactivations (seasonal pauses)" % (
              format(int(last["mrr_end"]), ","), last["customers_end"], last["month"], 100 * mean("logo_churn_rate"),
              100 * mean("grr"), 100 * mean("nrr"), 100 * mean("upsell_rate"), reactivated))
    need(0.01 <= mean("logo_churn_rate") <= 0.03, "mean monthly customer churn %.4f is not 1-3%%" % mean("logo_churn_rate"))
    need(0.97 <= mean("grr") < 1 and mean("nrr") > mean("grr"), "GRR %.4f / NRR %.4f are not plausible" % (mean("grr"), mean("nrr")))
    need(reactivated >= 1, "no reactivation in Snapshots")

    # onboarding dates
    for r in acc:
        s, c = r["onboarding_start_date"], r["onboarding_completed_date"]
        need(s != "" or c == "", "%s has a completion date but no start date" % r["account_id"])
        if s == "":
            continue
        sd = date.fromisoformat(s)
        need(mabs(sd.year, sd.month) >= ONBOARDING_TRACKED_FROM, "%s onboarding start %s is before tracking began" % (r["account_id"], s))
        need((c != "") == (r["onboarding_completed"] == "TRUE"),
             "%s: onboarding_completed %s but completion date %r" % (r["account_id"], r["onboarding_completed"], c))
        if c:
            cd = date.fromisoformat(c)
            need(cd >= sd, "%s completes onboarding before it starts" % r["account_id"])
            done_at = mabs(cd.year, cd.month)
            # Snapshots' flag turns TRUE in the completion month (already TRUE when that is before Snapshots begin)
            need(all((x["onboarding_completed"] == "TRUE") == (mparse(x["month"]) >= done_at) for x in by_acc[r["account_id"]]),
                 "%s: Snapshots' onboarding_completed does not turn TRUE in the month of %s" % (r["account_id"], c))
    cell = lambda v: {"$date": v} if v else ""
    rates = table_rows(ref.onboarding_ref([[cell(r["onboarding_start_date"])] for r in acc],
                                          [[cell(r["onboarding_completed_date"])] for r in acc], ONBOARDING_DAYS))
    tracked = sum(m["started"] for m in rates)
    decided = sum(m["started"] - m["still_open"] for m in rates)
    in_time = sum(m["completed_in_time"] for m in rates)
    last_date = max(r[c] for r in acc for c in ACCOUNT_ONBOARDING_COLUMNS if r[c])
    print("Onboarding (=ONBOARDING_RATE on Accounts, %d days, as of %s): %d tracked, %d decided, %.1f%% completed in time" % (
        ONBOARDING_DAYS, last_date, tracked, decided, 100 * in_time / decided))
    need(tracked >= 100, "only %d accounts have onboarding dates" % tracked)
    need(0.3 <= in_time / decided <= 0.8, "onboarding within %d days %.3f is implausible" % (ONBOARDING_DAYS, in_time / decided))

    # the Metrics sheet: each formula covers its whole columns
    rows, probs = read_csv(os.path.join(out, "Metrics.csv"))
    fails.extend(probs)
    need(len(rows) == 2, "Metrics.csv should be a row of titles and a row of formulas")
    formulas = [(i, v) for i, v in enumerate(rows[-1]) if v.startswith("=")]
    need([i for i, _ in formulas] == [0, METRICS_ONBOARDING_COLUMN], "Metrics formulas are in the wrong cells: %r" % formulas)
    expect = [("MRR_MOVEMENTS", "Snapshots", SNAPSHOT_COLUMNS, ["account_id", "month", "mrr"], len(snap)),
              ("ONBOARDING_RATE", "Accounts", ACCOUNT_COLUMNS, ACCOUNT_ONBOARDING_COLUMNS, len(acc))]
    for (_, f), (fn, sheet, columns, names, n) in zip(formulas, expect):
        want = ",".join("%s!%s2:%s%d" % (sheet, col_letter(columns.index(c)), col_letter(columns.index(c)), n + 1) for c in names)
        need(f.startswith("=%s(%s" % (fn, want)), "Metrics formula %s does not cover %s %s" % (f, sheet, names))
    print("Metrics: %s" % "  ".join(f for _, f in formulas))
    return fails


# --------------------------------------------------------------------------
# writing
# --------------------------------------------------------------------------


def write_csv(path, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    for r in rows:
        w.writerow(r)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(buf.getvalue())


def generate(out):
    # one stream per sheet, so that tuning one sheet never reshuffles another
    accounts, responses = simulate_accounts(np.random.RandomState(SEED))
    history = simulate_history(np.random.RandomState(SEED + 1))
    cohorts = simulate_cohorts(np.random.RandomState(SEED + 2))

    def kpis(a, r):
        return [
            a["plan"], str(r["arr"]), tf(r["onboarded"]), f3(r["login"]), f3(r["feature"]),
            str(r["exec90"]), str(r["tickets"]), "" if r["last_nps"] is None else str(r["last_nps"]),
        ]

    snaps = [SNAPSHOT_COLUMNS]
    for t in SNAP_MONTHS:
        for a in sorted(accounts, key=lambda a: a["id"]):
            r = a["rows"].get(t)
            if r is not None:
                snaps.append([mlabel(t), a["id"]] + kpis(a, r) + [tf(r["churned"])])
    acc_rows = [ACCOUNT_COLUMNS]
    for a in sorted(accounts, key=lambda a: a["id"]):
        r = a["rows"].get(SNAP_LAST)
        if r is None or r["churned"]:
            continue
        k = kpis(a, r)
        acc_rows.append([a["id"], a["name"], a["plan"], k[1], a["csm"],
                         renewal_date(a["contract_start"]).isoformat()] + k[2:])
    nps = [NPS_COLUMNS] + [[x["response_id"], mlabel(x["month"]), x["account_id"], x["plan"], str(x["score"])]
                           for x in responses]
    metrics = add_revenue_columns(accounts, snaps, acc_rows)
    os.makedirs(out, exist_ok=True)
    write_csv(os.path.join(out, "Metrics.csv"), metrics)
    write_csv(os.path.join(out, "Accounts.csv"), acc_rows)
    write_csv(os.path.join(out, "Snapshots.csv"), snaps)
    write_csv(os.path.join(out, "History.csv"), [HISTORY_COLUMNS] + history)
    write_csv(os.path.join(out, "NPS.csv"), nps)
    write_csv(os.path.join(out, "Cohorts.csv"), cohorts_table(cohorts))


# --------------------------------------------------------------------------
# the contract's rules, implemented independently (shared/spec/kpi-tree.md)
# --------------------------------------------------------------------------


def num(s):
    """A workbook cell read as a number: blank -> None, TRUE/FALSE -> 1/0, 80% -> 0.8."""
    s = s.strip()
    if s == "":
        return None
    if s.upper() == "TRUE":
        return 1.0
    if s.upper() == "FALSE":
        return 0.0
    try:
        if s.endswith("%"):
            return float(s[:-1]) / 100.0
        return float(s)
    except ValueError:
        return None


def leadlag(x, y, max_lag, differenced):
    """=LEADLAG(x, y, max_lag, "pearson", differenced): list of (lag, r, pairs, p)."""
    x = np.array([np.nan if v is None else v for v in x], dtype=float)
    y = np.array([np.nan if v is None else v for v in y], dtype=float)
    if differenced:
        x = x[1:] - x[:-1]   # nan next to a blank
        y = y[1:] - y[:-1]
    n = len(x)
    out = []
    for k in range(-max_lag, max_lag + 1):
        xs, ys = [], []
        for t in range(n):
            u = t + k
            if 0 <= u < n and not np.isnan(x[t]) and not np.isnan(y[u]):
                xs.append(x[t])
                ys.append(y[u])
        pairs = len(xs)
        if pairs < 3 or np.ptp(xs) == 0 or np.ptp(ys) == 0:
            out.append((k, None, pairs, None))
            continue
        res = stats.pearsonr(xs, ys)
        out.append((k, float(res[0]), pairs, float(res[1])))
    return out


def scan(x, y, max_lag, differenced, significance):
    rows = leadlag(x, y, max_lag, differenced)
    considered = [r for r in rows if r[2] >= 8 and r[1] is not None]
    nc = len(considered)
    sig = [r for r in considered if r[3] * nc < significance]
    best = None
    if considered:
        best = sorted(considered, key=lambda r: (-abs(r[1]), abs(r[0]), -r[0]))[0]
    return best, bool(sig), nc


def verdict(x, y, max_lag=6, significance=0.05):
    both = sum(1 for a, b in zip(x, y) if a is not None and b is not None)
    if both < 12:
        return {"inferred_kind": "none", "short_history": True}
    best, sig, nc = scan(x, y, max_lag, True, significance)
    kind = "none"
    if sig:
        kind = "leading" if best[0] >= 1 else ("coincident" if best[0] == 0 else "lagging")
    lbest, lsig, _ = scan(x, y, max_lag, False, significance)
    return {
        "best_lag": best[0], "r": best[1], "pairs": best[2], "p_value": best[3],
        "significant": sig, "levels_significant": lsig, "inferred_kind": kind, "lags_considered": nc,
        "levels_best_lag": lbest[0], "levels_r": lbest[1], "levels_p_value": lbest[3],
    }


def lamp_state(v, direction, warn, alert):
    if v is None:
        return "unknown"
    past = (lambda th: v <= th) if direction == "higher_is_better" else (lambda th: v >= th)
    if alert is not None and past(alert):
        return "alert"
    if warn is not None and past(warn):
        return "warn"
    return "ok"


def backtest(snap, column, direction, warn, alert, h):
    """The contract's Backtest on Snapshots rows (dicts of text)."""
    months = [mparse(r["month"]) for r in snap]
    lo, hi = min(months), max(months)
    churn_at = {}
    for r in snap:
        if num(r["churned"]) == 1.0:
            m = mparse(r["month"])
            churn_at[r["account_id"]] = min(m, churn_at.get(r["account_id"], m))
    considered = lit = churned = lit_churned = 0
    for r in snap:
        m = mparse(r["month"])
        c = churn_at.get(r["account_id"])
        if c is not None and m >= c:
            continue
        if m + h > hi or m + 1 < lo:
            continue
        considered += 1
        on = lamp_state(num(r[column]), direction, warn, alert) in ("warn", "alert")
        out = c is not None and m + 1 <= c <= m + h
        lit += on
        churned += out
        lit_churned += on and out
    base = churned / considered if considered else None
    prec = lit_churned / lit if lit else None
    rec = lit_churned / churned if churned else None
    lift = prec / base if (prec is not None and base) else None
    ci = None
    if lit_churned and churned and lift:
        se = math.sqrt(1 / lit_churned - 1 / lit + 1 / churned - 1 / considered)
        ci = (math.exp(math.log(lift) - 1.96 * se), math.exp(math.log(lift) + 1.96 * se))
    return {"considered": considered, "lit": lit, "churned": churned, "lit_churned": lit_churned,
            "base_rate": base, "precision": prec, "recall": rec, "lift": lift, "lift_ci95": ci}


def nps_of(scores):
    n = len(scores)
    p = sum(1 for s in scores if s >= 9) / n
    d = sum(1 for s in scores if s < 7) / n
    return 100 * (p - d), 1.96 * 100 * math.sqrt((p + d - (p - d) ** 2) / n)


def sbg_fit(active):
    """Fader & Hardie sBG maximum likelihood: (alpha, beta)."""
    n = np.array(active, dtype=float)
    lost = n[:-1] - n[1:]
    T = len(n) - 1

    def nll(th):
        a, b = np.exp(th)
        t = np.arange(1, T + 1)
        lp = special.betaln(a + 1, b + t - 1) - special.betaln(a, b)   # P(T = t)
        ls = special.betaln(a, b + T) - special.betaln(a, b)            # S(T)
        return -(np.dot(lost, lp) + n[-1] * ls)

    res = optimize.minimize(nll, x0=[0.0, 1.0], method="Nelder-Mead",
                            options={"xatol": 1e-10, "fatol": 1e-12, "maxiter": 20000})
    return tuple(np.exp(res.x))


def sbg_del(a, b, d):
    t = np.arange(0, 20000)
    s = np.exp(special.betaln(a, b + t) - special.betaln(a, b))
    return float(np.sum(s / (1 + d) ** t))


# --------------------------------------------------------------------------
# checks
# --------------------------------------------------------------------------


def read_csv(path):
    with open(path, "rb") as fh:
        raw = fh.read()
    problems = []
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append("%s starts with a BOM" % path)
    if b"\r" in raw:
        problems.append("%s has \\r line endings" % path)
    text = raw.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    return rows, problems


def fmt(v, spec):
    return "null" if v is None else format(v, spec)


def check(out):
    fails = []

    def need(cond, msg):
        if not cond:
            fails.append(msg)

    sheets = {}
    for name in ["Accounts", "Snapshots", "History", "NPS", "Cohorts"]:
        path = os.path.join(out, name + ".csv")
        rows, probs = read_csv(path)
        fails.extend(probs)
        sheets[name] = rows
    expected = {"Accounts": ACCOUNT_COLUMNS, "Snapshots": SNAPSHOT_COLUMNS,
                "History": HISTORY_COLUMNS, "NPS": NPS_COLUMNS, "Cohorts": ["period"] + COHORTS}
    for name, cols in expected.items():
        need(sheets[name][0] == cols, "%s.csv header is %r, expected %r" % (name, sheets[name][0], cols))

    def dicts(name):
        h = sheets[name][0]
        return [dict(zip(h, r)) for r in sheets[name][1:]]

    acc, snap, hist, nps = dicts("Accounts"), dicts("Snapshots"), dicts("History"), dicts("NPS")

    # ---- History verdicts -------------------------------------------------
    print("History verdicts (KGI churn_rate, lower_is_better; LEADLAG pearson of monthly changes, "
          "lags -6..+6, >= 8 pairs, Bonferroni 0.05)")
    print("%-22s %8s %8s %6s %10s %12s %19s %9s   %s" % (
        "node", "best_lag", "r", "pairs", "p_value", "significant", "levels_significant", "inferred",
        "(levels: best lag, r, p)"))
    kgi = [num(r["churn_rate"]) for r in hist]
    need([r["month"] for r in hist] == [mlabel(m) for m in HIST_MONTHS], "History months are not 2023-11 .. 2026-10")
    V = {}
    for col in ["login_rate", "onboarding_completion", "exec_meetings", "nrr", "community_posts"]:
        v = verdict([num(r[col]) for r in hist], kgi)
        V[col] = v
        print("%-22s %8d %8.3f %6d %10.3g %12s %19s %9s   (%d, %.3f, %.3g)" % (
            col, v["best_lag"], v["r"], v["pairs"], v["p_value"], v["significant"],
            v["levels_significant"], v["inferred_kind"], v["levels_best_lag"], v["levels_r"], v["levels_p_value"]))
    v = V["login_rate"]
    need(v["inferred_kind"] == "leading" and 2 <= v["best_lag"] <= 4 and v["r"] < 0,
         "login_rate should lead churn_rate (best lag 2..4, r < 0, significant): got %r" % v)
    v = V["exec_meetings"]
    need(v["inferred_kind"] == "lagging" and v["best_lag"] == -1 and v["r"] > 0,
         "exec_meetings should lag churn_rate by one month (best lag -1, r > 0, significant): got %r" % v)
    v = V["community_posts"]
    need(not v["significant"] and v["levels_significant"],
         "community_posts should share a trend only (levels significant, changes not): got %r" % v)
    v = V["onboarding_completion"]
    need(not v["significant"] and not v["levels_significant"],
         "onboarding_completion should be not significant (a weak lead 36 months cannot confirm): got %r" % v)
    v = V["nrr"]
    need(v["inferred_kind"] == "lagging" and v["r"] < 0,
         "nrr should lag churn_rate (best lag <= -1, r < 0, significant): got %r" % v)
    for col, lo, hi in [("churn_rate", 0.01, 0.04), ("login_rate", 0.5, 0.8), ("nrr", 0.95, 1.15),
                        ("onboarding_completion", 0.6, 0.95)]:
        vals = [num(r[col]) for r in hist]
        need(min(vals) >= lo and max(vals) <= hi, "History %s outside %s..%s: %s..%s" % (col, lo, hi, min(vals), max(vals)))

    # ---- Backtest -----------------------------------------------------------
    print()
    print("Backtest on Snapshots, horizon 3 (counts are account-months; windows of one account overlap, "
          "so the interval is optimistic)")
    print("%-34s %10s %6s %8s %11s %9s %9s %7s %6s %15s" % (
        "lamp", "considered", "lit", "churned", "lit_churned", "base_rate", "precision", "recall", "lift", "lift_ci95"))
    B = {}
    for label, col, warn, alert in [("login_rate_30d (warn 0.5, alert 0.3)", "login_rate_30d", 0.5, 0.3),
                                    ("exec_meetings_90d (warn 1, alert 0)", "exec_meetings_90d", 1, 0)]:
        b = backtest(snap, col, "higher_is_better", warn, alert, 3)
        B[col] = b
        ci = "null" if b["lift_ci95"] is None else "[%.2f, %.2f]" % b["lift_ci95"]
        print("%-34s %10d %6d %8d %11d %9s %9s %7s %6s %15s" % (
            label, b["considered"], b["lit"], b["churned"], b["lit_churned"], fmt(b["base_rate"], ".4f"),
            fmt(b["precision"], ".4f"), fmt(b["recall"], ".3f"), fmt(b["lift"], ".2f"), ci))
    b = B["login_rate_30d"]
    need(b["lift"] is not None and b["lift"] > 1.5 and b["lift_ci95"] is not None and b["lift_ci95"][0] > 1,
         "the login-rate lamp should have lift > 1.5 with lift_ci95 low > 1: got %r" % b)
    b = B["exec_meetings_90d"]
    need(b["lift"] is None or b["lift"] <= 1.2 or b["lift_ci95"] is None or b["lift_ci95"][0] <= 1,
         "the exec-meetings lamp should have no lift (<= 1.2 or interval including 1): got %r" % b)

    # ---- Snapshots, Accounts, NPS ------------------------------------------
    print()
    months = sorted({r["month"] for r in snap})
    need(months == [mlabel(m) for m in SNAP_MONTHS], "Snapshots months are not 2024-11 .. 2026-10")
    per_month = {m: [r for r in snap if r["month"] == m] for m in months}
    rates = [sum(num(r["churned"]) for r in rs) / len(rs) for rs in per_month.values()]
    print("Snapshots: %d rows, %d accounts, %d churned; monthly churn mean %.2f%% (min %.2f%%, max %.2f%%)" % (
        len(snap), len({r["account_id"] for r in snap}), sum(num(r["churned"]) for r in snap),
        100 * np.mean(rates), 100 * min(rates), 100 * max(rates)))
    need(6500 <= len(snap) <= 8500, "Snapshots has %d rows, expected 6,500..8,500" % len(snap))
    need(0.01 <= np.mean(rates) <= 0.03, "monthly churn %.4f is not 1-3%%" % np.mean(rates))
    seen_rows = set()
    by_acc = {}
    for r in snap:
        key = (r["month"], r["account_id"])
        need(key not in seen_rows, "Snapshots repeats %r" % (key,))
        seen_rows.add(key)
        by_acc.setdefault(r["account_id"], []).append(r)
    for aid, rs in by_acc.items():
        ms = [mparse(r["month"]) for r in rs]
        need(ms == list(range(ms[0], ms[0] + len(ms))), "%s has a gap in Snapshots" % aid)
        flags = [r["churned"] for r in rs]
        need(flags.count("TRUE") <= 1 and ("TRUE" not in flags or flags[-1] == "TRUE"),
             "%s: churned must be TRUE only in its last row" % aid)
        need(len({r["plan"] for r in rs}) == 1, "%s changes plan" % aid)
    for r in snap:
        for c in ["login_rate_30d", "key_feature_usage"]:
            x = num(r[c])
            need(x is not None and 0 <= x <= 1, "Snapshots %s %s is %r" % (r["account_id"], c, r[c]))
        need(r["onboarding_completed"] in ("TRUE", "FALSE") and r["churned"] in ("TRUE", "FALSE"),
             "Snapshots booleans must be TRUE/FALSE")
        need(r["plan"] in PLANS, "Snapshots plan %r" % r["plan"])

    last_rows = {r["account_id"]: r for r in per_month[mlabel(SNAP_LAST)] if r["churned"] == "FALSE"}
    print("Accounts: %d rows; last_nps blank for %.1f%%; plans %s" % (
        len(acc), 100 * sum(1 for r in acc if r["last_nps"] == "") / len(acc),
        {p: sum(1 for r in acc if r["plan"] == p) for p in PLANS}))
    need(280 <= len(acc) <= 320, "Accounts has %d rows, expected about 300" % len(acc))
    need({r["account_id"] for r in acc} == set(last_rows), "Accounts ids differ from the active 2026-10 Snapshots rows")
    for r in acc:
        s = last_rows.get(r["account_id"])
        if s is not None:
            diff = [c for c in KPI_COLUMNS if r[c] != s[c]]
            need(not diff, "%s differs from its 2026-10 Snapshots row in %s" % (r["account_id"], diff))
        d = date.fromisoformat(r["renewal_date"])
        need(TODAY < d <= date(TODAY.year + 1, TODAY.month, TODAY.day),
             "%s renewal_date %s is not within the next 12 months" % (r["account_id"], d))
        need(r["csm"] in CSMS, "unknown csm %r" % r["csm"])
        need(r["last_nps"] == "" or 0 <= int(r["last_nps"]) <= 10, "bad last_nps %r" % r["last_nps"])
    need(len({r["account_name"] for r in acc}) == len(acc), "account names are not unique")
    need(len({r["account_id"] for r in acc}) == len(acc), "account ids are not unique")
    blank = sum(1 for r in acc if r["last_nps"] == "") / len(acc)
    need(0.12 <= blank <= 0.28, "last_nps blank for %.1f%% of accounts, expected ~20%%" % (100 * blank))

    print("NPS: %d answers; by plan: %s" % (len(nps), ", ".join(
        "%s %+.1f ±%.1f (n=%d)" % ((p,) + nps_of([int(r["score"]) for r in nps if r["plan"] == p])
                                   + (sum(1 for r in nps if r["plan"] == p),)) for p in PLANS)))
    need(450 <= len(nps) <= 550, "NPS has %d answers, expected about 500" % len(nps))
    latest = {}
    for r in nps:
        need(r["account_id"] in by_acc, "NPS answer %s names unknown account %s" % (r["response_id"], r["account_id"]))
        need(r["score"].isdigit() and 0 <= int(r["score"]) <= 10, "NPS score %r" % r["score"])
        latest.setdefault(r["account_id"], []).append((r["month"], r["score"]))
    for r in snap:  # last_nps is the latest answer up to that month
        got = [s for m, s in latest.get(r["account_id"], []) if m <= r["month"]]
        need(r["last_nps"] == (got[-1] if got else ""), "%s %s last_nps does not match NPS.csv" % (r["account_id"], r["month"]))

    # ---- Cohorts -----------------------------------------------------------
    grid = sheets["Cohorts"]
    blank_at = next(i for i, r in enumerate(grid) if all(c == "" for c in r))
    table = grid[1:blank_at]
    print("Cohorts: %d periods; sBG fits (value %d yen/month, discount %s/month):" % (len(table), SBG_VALUE, SBG_DISCOUNT))
    for j, c in enumerate(COHORTS):
        vals = [row[j + 1] for row in table]
        k = len(vals)
        while k and vals[k - 1] == "":
            k -= 1
        counts = [int(v) for v in vals[:k]]
        need(all(v != "" for v in vals[:k]), "cohort %s has a blank inside" % c)
        need(all(a >= b for a, b in zip(counts, counts[1:])), "cohort %s rises" % c)
        need(len(counts) == SNAP_LAST - mparse(c) + 1, "cohort %s has %d periods" % (c, len(counts)))
        a, b = sbg_fit(counts)
        dl = sbg_del(a, b, SBG_DISCOUNT)
        p12 = 1 - (counts[12] / counts[0]) ** (1 / 12)
        ltv_c = 15000 * 0.8 * (1 + SBG_DISCOUNT) / (SBG_DISCOUNT + p12)
        print("  %s: n0=%d last=%d  alpha=%.4f beta=%.4f expected_lifetime=%.3f ltv=%.0f | constant-churn p=%.4f LTV=%.0f" % (
            c, counts[0], counts[-1], a, b, dl, SBG_VALUE * dl, p12, ltv_c))
        need(a < 50 and b < 500, "cohort %s fit is degenerate" % c)
    formulas = [v for row in grid for v in row if v.startswith("=")]
    for f in formulas:
        for c0, r0, c1, r1 in re.findall(r"\b([A-Z])(\d+):([A-Z])(\d+)\b", f):
            # a cohort's whole column of the table: first cell filled, blanks only at the end
            need(c0 == c1 and r0 == "2" and int(r1) == blank_at and c0 in "BCDE",
                 "Cohorts formula %s does not cover one cohort column of the table" % f)
        for col, r in re.findall(r"\b([A-Z])(\d+)\b", re.sub(r"[A-Z]\d+:[A-Z]\d+", "", f)):
            need(1 < int(r) <= blank_at and grid[int(r) - 1]["ABCDE".index(col)] != "",
                 "Cohorts formula %s refers to a blank or outside cell %s%s" % (f, col, r))
    print("Cohorts formulas: %d (%s)" % (len(formulas), ", ".join(sorted({f.split("(")[0] for f in formulas}))))

    fails.extend(check_revenue(out, acc, snap))

    # ---- sizes -------------------------------------------------------------
    total = sum(os.path.getsize(os.path.join(out, n + ".csv")) for n in sheets)
    print("CSV total %d bytes" % total)
    need(total < 1_500_000, "CSV files are %d bytes in all" % total)
    return fails


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.join(here, "workbook"))
    ap.add_argument("--check-only", action="store_true", help="check the CSVs already in --out")
    args = ap.parse_args()
    if not args.check_only:
        generate(args.out)
        print("wrote %s (seed %d)" % (args.out, SEED))
    print()
    fails = check(args.out)
    print()
    if fails:
        print("FAILED: %d planted truth(s) do not hold:" % len(fails), file=sys.stderr)
        for f in fails[:50]:
            print("  - " + f, file=sys.stderr)
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
