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
global.LTV = function (value: unknown, margin: unknown, churn: unknown, discount_rate: unknown, acquisition_cost: unknown) {
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
global.LEADLAG = function (leading: unknown, lagging: unknown, max_lag: unknown, method: unknown, differenced: unknown) {
  return LEADLAG(leading, lagging, max_lag, method, differenced);
};
