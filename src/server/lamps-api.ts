/**
 * The Lamps panel's server API (sidebar): run now, the panel's data,
 * 対応中, selecting an account's row, the schedule, run settings and clean
 * removal. Pure over the Workbook port and the RunHost.
 * Every result must survive google.script.run (no Date, no undefined).
 */
import type { ApiContext } from './api';

export function createLampsApi(ctx: ApiContext) {
  void ctx;
  return {};
}
