/**
 * A test double of the BigQuery advanced service (the global `BigQuery` of
 * an Apps Script project that enables BigQuery API v2): Jobs.query,
 * Jobs.getQueryResults and Tables.get, over tables held by DuckDB (the npm
 * package, embedded, answered synchronously: duckdb-sync-worker.cjs).
 *
 * How a query is run, honestly: DuckDB cannot run BigQuery's SQL. The double
 * first judges the text it receives as BigQuery would (below), then proves
 * it is the very query the tree compiles to: it follows the run's steps
 * itself (warehouseLamps over the same tree, the same history and the same
 * tables, in the BigQuery dialect) and requires the received SQL text and
 * parameters to equal the step's, character for character and value for
 * value. Only then does it execute that step's DuckDB rendering (the same
 * steps, compiled for DuckDB, fed the same rows), whose equality with the
 * TypeScript path the compiler's own tests prove. A query the tree does not
 * compile to fails the test, loudly; it is never answered.
 *
 * Strict where BigQuery's reference documents a behaviour, each cited:
 * - "the call returns without any results and with the 'jobComplete' flag
 *   set to false" when the query outlasts timeoutMs (QueryRequest.timeoutMs,
 *   https://cloud.google.com/bigquery/docs/reference/rest/v2/jobs/query):
 *   the first answer is always incomplete;
 * - results in pages: "A non-empty token indicates that additional results
 *   are available" (QueryResponse.pageToken): PAGE_ROWS rows a page;
 * - getQueryResults' `location`: "You must specify the location to run the
 *   job for ... [a location] not in the us or the eu multi-regional
 *   location" (jobs.getQueryResults): the double's jobs run in
 *   asia-northeast1, and a job asked for without it is not found;
 * - useLegacySql: "The default value is true" (QueryRequest): a request that
 *   does not say false is legacy SQL, refused here (the strict reading: the
 *   compiler writes GoogleSQL);
 * - parameterMode: "Set to POSITIONAL to use positional (?) query
 *   parameters or to NAMED to use named (@myparam) query parameters"
 *   (QueryRequest): parameters without NAMED are refused, and so is an
 *   @name without its parameter;
 * - defaultDataset: "If not set, all table names in the query string must be
 *   qualified in the format 'datasetId.tableId'" (QueryRequest): the double
 *   (strict) requires project.dataset.table;
 * - maximumBytesBilled: "Queries that will have bytes billed beyond this
 *   limit will fail (without incurring a charge)" (QueryRequest), with
 *   BigQuery's own words ("Query exceeded limit for bytes billed: 500.
 *   10485760 or higher required.", quoted in Google's BigQuery DataFrames
 *   reference, ComputeOptions.maximum_bytes_billed); bytes counted as
 *   on-demand pricing does: the columns a
 *   query reads, by the sizes of "Data type sizes"
 *   (https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types:
 *   INT64/FLOAT64/DATE/TIMESTAMP 8 bytes, BOOL 1, STRING 2 + its UTF-8
 *   bytes), at least 10 MB per table referenced
 *   (https://cloud.google.com/bigquery/pricing: "with a minimum 10 MB data
 *   processed per table referenced by the query"), times `scale` (a table
 *   as large as a test says);
 * - the SQL must parse by a BigQuery grammar (node-sql-parser's); `SELECT *`
 *   over a stored table is refused (BigQuery bills every column of it:
 *   "Avoid SELECT *", https://cloud.google.com/bigquery/docs/best-practices-performance-compute);
 *   a star over the query's own staged subqueries reads nothing more and is
 *   allowed.
 * Errors are thrown as the advanced service throws them: an Error whose
 * message carries BigQuery's ("API call to bigquery.jobs.query failed with
 * error: ..."; the wording of BigQuery's own message is the strict guess).
 */
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { Parser } from 'node-sql-parser';
import type { Table } from '../../src/core/table';
import { parseTablePath } from '../../src/core/tree/bigquery-names';
import type { NodeEvidence } from '../../src/core/lamps/assess';
import type { Tree } from '../../src/core/tree/types';
import type { CompiledQuery, ResultRow, SourceColumnType, SourceTable } from '../../src/ports/warehouse';
import type { Steps } from '../../src/server/warehouse-lamps';
import { warehouseLamps } from '../../src/server/warehouse-lamps';
import type { LampsComputation } from '../../src/server/lamps-report';

/** DuckDB answered synchronously from a worker thread (duckdb-sync-worker.cjs). */
export class DuckSync {
  private readonly worker: Worker;
  private readonly port;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));

  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(join(__dirname, 'duckdb-sync-worker.cjs'), {
      workerData: { flag: this.flag.buffer, port: port2 },
      transferList: [port2],
    });
  }

  private ask(req: object): { columns: { name: string; type: string }[]; rows: unknown[][] } {
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage(req);
    if (Atomics.wait(this.flag, 0, 0, 120000) === 'timed-out') throw new Error('DuckDB worker: no answer in 120 s');
    const m = receiveMessageOnPort(this.port)?.message as
      | { ok: true; columns: { name: string; type: string }[]; rows: unknown[][] }
      | { ok: false; error: string };
    if (!m) throw new Error('DuckDB worker: no message');
    if (!m.ok) throw new Error(m.error);
    return m;
  }

  exec(sql: string): void {
    this.ask({ op: 'exec', sql });
  }

  query(sql: string, params: Record<string, unknown> = {}) {
    return this.ask({ op: 'query', sql, params });
  }

  close(): Promise<number> {
    this.port.close();
    return this.worker.terminate();
  }
}

/** BigQuery column types the double's tables may have, with DuckDB's and the compiler's reading. */
export type BigQueryType = 'STRING' | 'INT64' | 'FLOAT64' | 'BOOL' | 'DATE' | 'TIMESTAMP';
const DUCK_TYPE: Record<BigQueryType, string> = {
  STRING: 'VARCHAR',
  INT64: 'BIGINT',
  FLOAT64: 'DOUBLE',
  BOOL: 'BOOLEAN',
  DATE: 'DATE',
  TIMESTAMP: 'TIMESTAMP',
};
const READ_AS: Record<BigQueryType, SourceColumnType> = {
  STRING: 'text',
  INT64: 'number',
  FLOAT64: 'number',
  BOOL: 'boolean',
  DATE: 'date',
  TIMESTAMP: 'timestamp',
};
/** Result schemas name types as the REST API does (TableFieldSchema.type: the legacy names). */
function restType(duck: string): string {
  if (/^(BIGINT|INTEGER|HUGEINT|SMALLINT|TINYINT|UBIGINT|UINTEGER)$/.test(duck)) return 'INTEGER';
  if (/^(DOUBLE|FLOAT|DECIMAL)/.test(duck)) return 'FLOAT';
  if (duck === 'BOOLEAN') return 'BOOLEAN';
  if (duck === 'DATE') return 'DATE';
  if (duck.startsWith('TIMESTAMP')) return 'TIMESTAMP';
  return 'STRING';
}
/** A FLOAT as BigQuery's JSON writes it (Java's Double.toString: "0.25", "1.0E-4", "1.5E7"). */
function javaDouble(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-3 || a >= 1e7)) {
    const [m, e] = x.toExponential().split('e');
    return `${m.includes('.') ? m : `${m}.0`}E${Number(e)}`;
  }
  return Number.isInteger(x) ? `${x}.0` : String(x);
}
/** A cell as the REST API's f/v text. */
function restText(v: unknown, type: string): string | null {
  if (v === null || v === undefined) return null;
  if (type === 'FLOAT') return javaDouble(Number(v));
  if (type === 'BOOLEAN') return v ? 'true' : 'false';
  if (type === 'TIMESTAMP') return String(new Date(String(v)).getTime() / 1000);
  return String(v);
}
/** The row as the warehouse steps read it (numbers as numbers): what the double's own steps are fed. */
function stepValue(v: unknown, type: string): ResultRow[string] {
  if (v === null || v === undefined) return null;
  if (type === 'INTEGER' || type === 'FLOAT') return Number(v);
  if (type === 'BOOLEAN') return Boolean(v);
  return String(v);
}

export interface DoubleTable {
  /** `project.dataset.table`. */
  path: string;
  /** A CSV file (header row first), read as the column types say (STRING where not said). */
  csv: string;
  types?: Record<string, BigQueryType>;
}

export interface RunExpectation {
  tree: Tree;
  history: Table | null;
  timeZone: string;
  /** Evidence the run keeps from an earlier run: its queries over Snapshots are then not sent. */
  evidence?: NodeEvidence[];
}

interface Job {
  projectId: string;
  jobId: string;
  location: string;
  schema: { name: string; type: string; mode: string }[];
  rows: { f: { v: string | null }[] }[];
  /** getQueryResults calls still answered "not complete". */
  pending: number;
}

export const PAGE_ROWS = 3;
export const LOCATION = 'asia-northeast1';
const MIN_TABLE_BYTES = 10 * 1024 * 1024;

/** A table's path in its three parts by the rules the adapter reads it with (a domain-scoped project keeps its dot). */
function bigQueryPath(path: string): string[] {
  const p = parseTablePath(path);
  if (!p.ok) throw new Error(`BigQuery double: "${path}" is not project.dataset.table`);
  return [p.project, p.dataset, p.table];
}

const apiError = (method: string, message: string) =>
  new Error(`API call to bigquery.${method} failed with error: ${message}`);

export class BigQueryDouble {
  readonly duck = new DuckSync();
  /** Every call, as "Jobs.query", "Jobs.getQueryResults", "Tables.get". */
  readonly calls: string[] = [];
  /** Every Jobs.query request as received. */
  readonly requests: Record<string, unknown>[] = [];
  /** Multiplies the bytes a query bills (a table as large as a test says). */
  scale = 1;
  /** Paths whose Tables.get and queries are refused as not readable by the user. */
  readonly denied = new Set<string>();
  /** A refusal BigQuery gives the next query (then cleared), e.g. "Resources exceeded during query execution". */
  refuseNext: string | null = null;
  private readonly tables = new Map<
    string,
    { duck: string; columns: { name: string; type: BigQueryType; bytes: number }[]; rows: number; modified: number }
  >();
  private readonly jobs = new Map<string, Job>();
  private expectation: RunExpectation | null = null;
  private steps: {
    bq: Steps<LampsComputation>;
    duck: Steps<LampsComputation>;
    next: [CompiledQuery, CompiledQuery];
  } | null = null;
  private readonly parser = new Parser();

  hasTable(path: string): boolean {
    return this.tables.has(path);
  }

  addTable(t: DoubleTable): void {
    const duck = `t${this.tables.size}`;
    const header = this.duck
      .query(`SELECT * FROM read_csv('${t.csv.replace(/'/g, "''")}', header = true, all_varchar = true) LIMIT 0`)
      .columns.map((c) => c.name);
    const types = header.map((h) => t.types?.[h] ?? 'STRING');
    const items = header.map((h, i) => {
      const q = `"${h.replace(/"/g, '""')}"`;
      return types[i] === 'STRING' ? q : `TRY_CAST(${q} AS ${DUCK_TYPE[types[i]]}) AS ${q}`;
    });
    this.duck.exec(
      `CREATE TABLE ${duck} AS SELECT ${items.join(', ')} FROM read_csv('${t.csv.replace(/'/g, "''")}', header = true, all_varchar = true)`,
    );
    // Bytes per column as "Data type sizes" counts them.
    const sizes = header.map((h, i) => {
      const q = `"${h.replace(/"/g, '""')}"`;
      const per =
        types[i] === 'STRING'
          ? `SUM(CASE WHEN ${q} IS NULL THEN 0 ELSE 2 + octet_length(encode(${q})) END)`
          : types[i] === 'BOOL'
            ? `COUNT(${q})`
            : `8 * COUNT(${q})`;
      return `CAST(${per} AS BIGINT) AS c${i}`;
    });
    const row = this.duck.query(`SELECT ${sizes.join(', ')}, CAST(count(*) AS BIGINT) FROM ${duck}`).rows[0];
    this.tables.set(t.path, {
      duck,
      columns: header.map((name, i) => ({ name, type: types[i], bytes: Number(row[i] ?? 0) })),
      rows: Number(row[header.length]),
      modified: Date.UTC(2026, 10, 1),
    });
  }

  /** The table's version as Tables.get tells it (lastModifiedTime/numRows), as the adapter reads it. */
  version(path: string): string {
    const t = this.tables.get(path);
    if (!t) throw new Error(`no table ${path}`);
    return `${t.modified}/${t.rows}`;
  }

  /** The table changed (a load job, a scheduled query): its lastModifiedTime moves on. */
  touch(path: string): void {
    const t = this.tables.get(path);
    if (t) t.modified += 86400000;
  }

  /** The run the next queries belong to: the tree, the history and the zone the run reads. */
  expectRun(e: RunExpectation): void {
    this.expectation = e;
    this.steps = null;
  }

  private sources(
    dialect: 'bigquery' | 'duckdb',
    tree: Tree,
  ): { accounts: SourceTable; snapshots: SourceTable | null } {
    const of = (path: string | undefined): SourceTable | null => {
      if (!path) return null;
      const t = this.tables.get(path);
      if (!t) return null;
      return {
        label: path,
        path: dialect === 'bigquery' ? bigQueryPath(path) : [t.duck],
        columns: t.columns.map((c) => ({ name: c.name, type: READ_AS[c.type] })),
      };
    };
    return { accounts: of(tree.settings.accounts_table) as SourceTable, snapshots: of(tree.settings.snapshots_table) };
  }

  /** The step the run is at: its BigQuery rendering (to compare) and its DuckDB rendering (to execute). */
  private expected(): [CompiledQuery, CompiledQuery] {
    if (!this.steps) {
      const e = this.expectation;
      if (!e) throw new Error('BigQuery double: a query arrived, but no run is expected (call expectRun first)');
      const opts = {
        timeZone: e.timeZone,
        listing: 'at_risk' as const,
        ...(e.evidence ? { evidence: e.evidence } : {}),
      };
      const bq = warehouseLamps(e.tree, this.sources('bigquery', e.tree), e.history, { ...opts, dialect: 'bigquery' });
      const duck = warehouseLamps(e.tree, this.sources('duckdb', e.tree), e.history, { ...opts, dialect: 'duckdb' });
      const a = bq.next(undefined as unknown as ResultRow[]);
      const b = duck.next(undefined as unknown as ResultRow[]);
      if (a.done || b.done) throw new Error('BigQuery double: the tree compiles to no query');
      this.steps = { bq, duck, next: [a.value, b.value] };
    }
    return this.steps.next;
  }

  /** Feeds both renderings' steps the rows of the one just run. */
  private advance(rows: ResultRow[]): void {
    if (!this.steps) return;
    const a = this.steps.bq.next(rows);
    const b = this.steps.duck.next(rows);
    if (a.done || b.done) this.steps = null;
    else this.steps.next = [a.value, b.value];
  }

  /** The BigQuery grammar's judgement: parses, tables qualified, no star over a stored table, parameters named. */
  private judge(sql: string, params: { name: string }[]): string[] {
    let ast: unknown;
    try {
      ast = this.parser.astify(sql, { database: 'bigquery' });
    } catch (e) {
      throw apiError('jobs.query', `Syntax error: ${(e as Error).message.split('\n')[0]}`);
    }
    const ctes = new Set<string>();
    const stars: { table: string | null; from: string[] }[] = [];
    const visit = (n: unknown): void => {
      if (Array.isArray(n)) return n.forEach(visit);
      if (!n || typeof n !== 'object') return;
      const o = n as Record<string, unknown>;
      if (Array.isArray(o.with))
        for (const w of o.with as { name?: { value?: string } }[]) if (w.name?.value) ctes.add(w.name.value);
      if (o.type === 'select' && Array.isArray(o.columns)) {
        const from = Array.isArray(o.from)
          ? (o.from as { table?: string; as?: string }[])
              .filter((f) => typeof f.table === 'string')
              .map((f) => f.table as string)
          : [];
        for (const c of o.columns as { expr?: { type?: string; column?: string; table?: string | null } }[])
          if (c.expr?.type === 'column_ref' && c.expr.column === '*') stars.push({ table: c.expr.table ?? null, from });
      }
      for (const v of Object.values(o)) visit(v);
    };
    visit(ast);
    const tables = this.parser
      .tableList(sql, { database: 'bigquery' })
      .map((x) => x.split('::')[2])
      .filter((name) => !ctes.has(name));
    for (const name of tables)
      if (!parseTablePath(name).ok)
        throw apiError(
          'jobs.query',
          `Table "${name}" must be qualified with a dataset (e.g. dataset.table) and, here, its project.`,
        );
    for (const s of stars)
      if (s.from.some((f) => !ctes.has(f) && (s.table === null || s.table === f)))
        throw apiError('jobs.query', 'SELECT * over a stored table is refused by this double: name the columns.');
    const named = new Set(params.map((p) => p.name));
    for (const m of sql.replace(/'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`/g, "''").matchAll(/@(\w+)/g))
      if (!named.has(m[1])) throw apiError('jobs.query', `Query parameter '${m[1]}' not found`);
    return [...new Set(tables)];
  }

  private bytesBilled(sql: string, tables: string[]): number {
    let total = 0;
    for (const path of tables) {
      const t = this.tables.get(path);
      if (!t) continue;
      let bytes = 0;
      for (const c of t.columns)
        if (sql.includes(`\`${c.name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``)) bytes += c.bytes;
      total += Math.max(MIN_TABLE_BYTES, bytes * this.scale);
    }
    return total;
  }

  /** The `BigQuery` global Apps Script gives a project that enables the service. */
  readonly service = {
    Jobs: {
      query: (resource: Record<string, unknown>, projectId: string) => {
        this.calls.push('Jobs.query');
        this.requests.push(JSON.parse(JSON.stringify(resource)));
        if (typeof projectId !== 'string' || !projectId) throw apiError('jobs.query', 'Required parameter: projectId');
        const sql = String(resource.query ?? '');
        if (resource.useLegacySql !== false)
          throw apiError(
            'jobs.query',
            'Legacy SQL (useLegacySql is true by default) is refused: set useLegacySql: false.',
          );
        const qp = (resource.queryParameters ?? []) as {
          name?: string;
          parameterType?: { type?: string };
          parameterValue?: { value?: string };
        }[];
        if (qp.length > 0 && resource.parameterMode !== 'NAMED')
          throw apiError('jobs.query', 'Query parameters need parameterMode NAMED (or POSITIONAL for ?).');
        const params = qp.map((p) => ({
          name: String(p.name ?? ''),
          type: String(p.parameterType?.type ?? ''),
          value: p.parameterValue && 'value' in p.parameterValue ? (p.parameterValue.value ?? null) : null,
        }));
        const tables = this.judge(sql, params);
        for (const path of tables) {
          if (!this.tables.has(path)) throw apiError('jobs.query', `Not found: Table ${path.replace('.', ':')}`);
          if (this.denied.has(path))
            throw apiError(
              'jobs.query',
              `Access Denied: Table ${path.replace('.', ':')}: User does not have permission`,
            );
        }
        const cap = resource.maximumBytesBilled === undefined ? null : Number(resource.maximumBytesBilled);
        const billed = this.bytesBilled(sql, tables);
        if (cap !== null && billed > cap)
          throw apiError('jobs.query', `Query exceeded limit for bytes billed: ${cap}. ${billed} or higher required.`);
        if (this.refuseNext) {
          const m = this.refuseNext;
          this.refuseNext = null;
          this.steps = null;
          throw apiError('jobs.query', m);
        }
        // The step the tree compiles to, here and now: the text and the parameters must be it.
        const [bq, duck] = this.expected();
        const wanted = bq.params.map((p) => ({
          name: p.name,
          type: p.type,
          value: p.value === null ? null : String(p.value),
        }));
        if (sql !== bq.sql || JSON.stringify(params) !== JSON.stringify(wanted)) {
          this.steps = null;
          throw new Error(`BigQuery double: the query received is not the tree's ${bq.step} step`);
        }
        const r = this.duck.query(duck.sql, Object.fromEntries(duck.params.map((p) => [p.name, p.value])));
        const schema = r.columns.map((c) => ({ name: c.name, type: restType(c.type), mode: 'NULLABLE' }));
        const stepRows = r.rows.map((row) =>
          Object.fromEntries(schema.map((f, i) => [f.name, stepValue(row[i], f.type)])),
        ) as ResultRow[];
        this.advance(stepRows);
        const job: Job = {
          projectId,
          jobId: `job_${this.jobs.size + 1}`,
          location: LOCATION,
          schema,
          rows: r.rows.map((row) => ({ f: row.map((v, i) => ({ v: restText(v, schema[i].type) })) })),
          pending: 0,
        };
        this.jobs.set(`${projectId}:${job.jobId}`, job);
        return {
          kind: 'bigquery#queryResponse',
          jobReference: { projectId, jobId: job.jobId, location: LOCATION },
          jobComplete: false,
        };
      },
      getQueryResults: (projectId: string, jobId: string, optionalArgs: Record<string, unknown> = {}) => {
        this.calls.push('Jobs.getQueryResults');
        const job = this.jobs.get(`${projectId}:${jobId}`);
        if (!job || optionalArgs.location !== job.location)
          throw apiError('jobs.getQueryResults', `Not found: Job ${projectId}:${jobId}`);
        const reference = { projectId, jobId, location: job.location };
        if (job.pending > 0) {
          job.pending--;
          return { kind: 'bigquery#getQueryResultsResponse', jobReference: reference, jobComplete: false };
        }
        const token = optionalArgs.pageToken;
        const start = token === undefined ? 0 : Number(String(token).replace(/^page-/, ''));
        if (!Number.isInteger(start) || start < 0 || start > job.rows.length)
          throw apiError('jobs.getQueryResults', `Invalid page token: ${String(token)}`);
        const end = start + PAGE_ROWS;
        return {
          kind: 'bigquery#getQueryResultsResponse',
          jobReference: reference,
          jobComplete: true,
          schema: { fields: job.schema },
          totalRows: String(job.rows.length),
          rows: job.rows.slice(start, end),
          ...(end < job.rows.length ? { pageToken: `page-${end}` } : {}),
        };
      },
    },
    Tables: {
      get: (projectId: string, datasetId: string, tableId: string) => {
        this.calls.push('Tables.get');
        const path = `${projectId}.${datasetId}.${tableId}`;
        const t = this.tables.get(path);
        if (!t) throw apiError('tables.get', `Not found: Table ${projectId}:${datasetId}.${tableId}`);
        if (this.denied.has(path))
          throw apiError(
            'tables.get',
            `Access Denied: Table ${projectId}:${datasetId}.${tableId}: Permission bigquery.tables.get denied`,
          );
        return {
          kind: 'bigquery#table',
          tableReference: { projectId, datasetId, tableId },
          // Table resource: "lastModifiedTime: The time when this table was last modified, in milliseconds since
          // the epoch" and numRows, both as text (int64 in JSON).
          lastModifiedTime: String(t.modified),
          numRows: String(t.rows),
          schema: {
            fields: t.columns.map((c) => ({
              name: c.name,
              type: {
                STRING: 'STRING',
                INT64: 'INTEGER',
                FLOAT64: 'FLOAT',
                BOOL: 'BOOLEAN',
                DATE: 'DATE',
                TIMESTAMP: 'TIMESTAMP',
              }[c.type],
              mode: 'NULLABLE',
            })),
          },
        };
      },
    },
  };

  close(): Promise<number> {
    return this.duck.close();
  }
}
