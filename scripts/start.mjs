/**
 * npm start [-- <workbook>] [--port N] [--lang ja|en]: builds dist/ (the
 * same build as npm run build), then serves the offline playground on
 * 127.0.0.1 and prints its URL (src/playground/main.ts, loaded without a
 * build step by ./load-ts.mjs).
 */
import { buildAppsScript } from './build.mjs';
import { loadTs } from './load-ts.mjs';

try {
  await buildAppsScript({ quiet: true });
} catch (e) {
  console.error(e.message || e);
  process.exit(1);
}
await loadTs('src/playground/main.ts').main(process.argv.slice(2));
