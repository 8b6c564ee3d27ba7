/**
 * The KPI tree builder's server API (sidebar): read, validate and save the
 * tree, verdicts with their correlograms, import and export of
 * kpi-lamp/tree@1 JSON, column pickers. Pure over the Workbook port.
 * Every result must survive google.script.run (no Date, no undefined).
 */
import type { ApiContext } from './api';

export function createTreeApi(ctx: ApiContext) {
  void ctx;
  return {};
}
