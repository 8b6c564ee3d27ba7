/**
 * The spreadsheet functions. Each `global.NAME = function (...)` below
 * becomes a top-level `function NAME(...)` of the built script, with this
 * JSDoc, so that Sheets lists it with its help text (gas-entry-generator).
 * Keep the parameter names those of ../../shared/spec/custom-functions.md.
 */
import { LEADLAG } from '../functions/leadlag';
import { LTV } from '../functions/ltv';
import { LTV_SBG } from '../functions/ltv-sbg';
import { NPS } from '../functions/nps';
import { MRR_MOVEMENTS } from '../functions/mrr-movements';
import { ONBOARDING_RATE } from '../functions/onboarding-rate';
import { gasFunctionEnv } from './function-env';

declare const global: Record<string, unknown>;

/**
 * Net Promoter Score (NPS, ネット・プロモーター・スコア) of 0–10 survey answers:
 * 100 × (promoters 9–10 − detractors 0–6) / responses. Blank cells are skipped.
 * With groups (e.g. plan), returns a table: group | nps | responses | promoters | passives | detractors | margin95.
 * Example: =NPS(D2:D501) or =NPS(D2:D501, C2:C501)
 *
 * @param {number[][]} scores Survey answers from 0 to 10 (回答スコア).
 * @param {string[][]} [groups] Optional. A range of the same shape naming each answer's group, e.g. plan (プラン).
 * @return {number|Array<Array<string|number>>} The NPS from −100 to 100, or one row per group with the header row first.
 * @customfunction
 */
global.NPS = function (scores: unknown, groups: unknown) {
  return NPS(scores, groups, gasFunctionEnv());
};

/**
 * Lifetime value (LTV, 顧客生涯価値) of a subscription customer paying at the start of every period:
 * value × margin × (1 + discount_rate) / (discount_rate + churn) − acquisition_cost.
 * Any argument may be a range: one formula fills a whole column; rows with a blank value, margin or churn stay blank.
 * Example: =LTV(B2:B301, 0.8, C2:C301, 0.01, 50000)
 *
 * @param {number[][]} value Revenue per customer per period, e.g. monthly ARPA (顧客単価).
 * @param {number[][]} margin Gross margin as a fraction from 0 to 1 (粗利率), e.g. 80%.
 * @param {number[][]} churn Probability that a customer leaves in one period (解約率), more than 0 and at most 1.
 * @param {number[][]} [discount_rate] Optional. Discount rate per period (割引率), default 0.
 * @param {number[][]} [acquisition_cost] Optional. Acquisition cost subtracted once (獲得コスト), default 0.
 * @return {number|Array<Array<number|string>>} The LTV, with the shape of the range arguments.
 * @customfunction
 */
global.LTV = function (
  value: unknown,
  margin: unknown,
  churn: unknown,
  discount_rate: unknown,
  acquisition_cost: unknown,
) {
  return LTV(value, margin, churn, discount_rate, acquisition_cost);
};

/**
 * Lifetime value projected from one cohort's retention with the shifted-beta-geometric (sBG) model
 * of Fader & Hardie (2007) (コホート継続率からのLTV). Fits alpha and beta by maximum likelihood.
 * Returns: alpha | beta | expected_lifetime | ltv (alpha and beta blank when churn is constant, or when
 * people leave in the first period only).
 * Example: =LTV_SBG(B2:B9, 100, 0.1)
 *
 * @param {number[][]} active Customers still active at the start of period 0, 1, 2, … (継続顧客数): one column or row, 3 to 5,000 values.
 * @param {number} value Margin per customer per period (期間あたり粗利).
 * @param {number} discount_rate Discount rate per period (割引率), more than 0.
 * @return {Array<Array<number|string>>} A header row and one row of values.
 * @customfunction
 */
global.LTV_SBG = function (active: unknown, value: unknown, discount_rate: unknown) {
  return LTV_SBG(active, value, discount_rate);
};

/**
 * Does a KPI move before the KGI? (先行・遅行指標の検証) Correlation of two monthly series at every lag
 * from −max_lag to +max_lag: lag k pairs leading[t] with lagging[t + k]. Positive lag: the KPI moves first;
 * negative: the KGI moves first (reverse causation, 逆因果). Returns: lag | r | pairs | p_value.
 * Example: =LEADLAG(B2:B37, C2:C37, 6, "pearson", TRUE)
 *
 * @param {number[][]} leading The KPI series (先行指標), one value per period, oldest first (up to 200,000).
 * @param {number[][]} lagging The KGI series (遅行指標), the same length, aligned by period.
 * @param {number} [max_lag] Optional. Largest lag in periods; default the smaller of 12 and n − 3; at most n − 3 (n − 4 differenced).
 * @param {string} [method] Optional. "pearson" (default) or "spearman".
 * @param {boolean} [differenced] Optional. TRUE correlates period-over-period changes instead of levels (default FALSE).
 * @return {Array<Array<number|string>>} A header row and one row per lag.
 * @customfunction
 */
global.LEADLAG = function (
  leading: unknown,
  lagging: unknown,
  max_lag: unknown,
  method: unknown,
  differenced: unknown,
) {
  return LEADLAG(leading, lagging, max_lag, method, differenced);
};

/**
 * MRR movements month by month (MRR推移) from a snapshot table with one row per account per month:
 * new, expansion, contraction, churn and reactivation (再契約), customer churn rate (解約率), GRR, NRR and upsell rate (アップセル率).
 * A missing month is a month with no data, not churn; a customer who left and came back is reactivated, not new.
 * Returns: month | customers_start | new_customers | churned_customers | reactivated_customers | expanded_customers |
 * contracted_customers | customers_end | mrr_start | new_mrr | expansion_mrr | contraction_mrr | churned_mrr |
 * reactivation_mrr | mrr_end | logo_churn_rate | gross_mrr_churn_rate | net_mrr_churn_rate | grr | nrr | upsell_rate.
 * Example: =MRR_MOVEMENTS(A2:A5000, B2:B5000, C2:C5000)
 *
 * @param {string[][]} accounts Account id of each row (アカウントID), text or a number; letter case counts.
 * @param {string[][]} months Month of each row (月): yyyy-mm text or a date. One row per account per month.
 * @param {number[][]} mrr MRR of that account in that month (月次経常収益), 0 or more; a blank MRR skips the row.
 * @return {Array<Array<string|number>>} A header row and one row per month, oldest first; rates are fractions of the month's start.
 * @customfunction
 */
global.MRR_MOVEMENTS = function (accounts: unknown, months: unknown, mrr: unknown) {
  return MRR_MOVEMENTS(accounts, months, mrr, gasFunctionEnv());
};

/**
 * Onboarding completion rate (オンボーディング完了率): the share of onboardings completed within `days`
 * calendar days of their start, by the month they started. Windows not yet over on as_of are still open, never missed.
 * Returns: month | started | completed_in_time | still_open | rate, with rate = completed_in_time / (started − still_open).
 * Example: =ONBOARDING_RATE(M2:M301, N2:N301, 30)
 *
 * @param {Date[][]} start_dates Start date of each onboarding (開始日).
 * @param {Date[][]} completed_dates Completion date (完了日), blank when not completed; the same shape as start_dates.
 * @param {number} days The onboarding window in calendar days (期限日数), a whole number of 0 or more.
 * @param {Date} [as_of] Optional. The date the data describes (基準日); default the latest date in either column, not today.
 * @return {Array<Array<string|number>>} A header row and one row per start month, oldest first.
 * @customfunction
 */
global.ONBOARDING_RATE = function (start_dates: unknown, completed_dates: unknown, days: unknown, as_of: unknown) {
  return ONBOARDING_RATE(start_dates, completed_dates, days, as_of, gasFunctionEnv());
};
