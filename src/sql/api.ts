/**
 * The SQL path's public surface (what the command line, the Apps Script
 * adapter and the tests call). The compiler itself is in this folder; the
 * orchestration that turns its results into the same report as the
 * TypeScript path is src/server/warehouse-lamps.ts.
 */
export type DialectName = 'bigquery' | 'duckdb';
export const DIALECTS: readonly DialectName[] = ['bigquery', 'duckdb'];
