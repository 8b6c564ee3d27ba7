/**
 * DuckDB in a worker thread, answered synchronously: the BigQuery double
 * (bigquery-double.ts) must answer `BigQuery.Jobs.query` as Apps Script does,
 * within the call, while @duckdb/node-api only answers with promises. The
 * main thread posts a request on its port, then blocks on Atomics.wait over
 * a SharedArrayBuffer until this worker has posted the answer and notified;
 * it then takes the answer with receiveMessageOnPort.
 *
 * Requests: { op: 'exec', sql } and { op: 'query', sql, params } (params by
 * name). An answer: { ok: true, columns: [{ name, type }], rows: [[...]] }
 * with BIGINTs as decimal text and dates as ISO text, or { ok: false, error }.
 */
const { workerData } = require('node:worker_threads');
const { DuckDBInstance } = require('@duckdb/node-api');

const flag = new Int32Array(workerData.flag);
const port = workerData.port;
let connection = null;

async function connect() {
  if (!connection) connection = await (await DuckDBInstance.create(':memory:')).connect();
  return connection;
}

function plainValue(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') return String(v);
  return v;
}

async function answer(req) {
  const c = await connect();
  if (req.op === 'exec') {
    await c.run(req.sql);
    return { ok: true, columns: [], rows: [] };
  }
  const r = await c.runAndReadAll(req.sql, req.params || {});
  const names = r.columnNames();
  const types = r.columnTypes().map((t) => String(t));
  const rows = r.getRowsJS().map((row) => row.map(plainValue));
  return { ok: true, columns: names.map((name, i) => ({ name, type: types[i] })), rows };
}

port.on('message', (req) => {
  answer(req)
    .catch((e) => ({ ok: false, error: e && e.message ? e.message : String(e) }))
    .then((a) => {
      port.postMessage(a);
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
    });
});
