/**
 * The warehouse port over the BigQuery advanced service (the global
 * `BigQuery`, enabled in dist-bigquery/appsscript.json: BigQuery API v2),
 * under the user's own credentials, billing the tree's project.
 *
 * A query (BigQuery API reference, jobs.query,
 * https://cloud.google.com/bigquery/docs/reference/rest/v2/jobs/query, and
 * its QueryRequest): GoogleSQL only (`useLegacySql: false`: "the default
 * value is true"), named parameters (`parameterMode: 'NAMED'`, typed
 * `queryParameters`: no value is ever pasted into the SQL text), a cap on
 * the bytes billed (`maximumBytesBilled`: "queries that will have bytes
 * billed beyond this limit will fail (without incurring a charge)"), and
 * `timeoutMs` ("if the query takes longer to run than the timeout value, the
 * call returns without any results and with the 'jobComplete' flag set to
 * false"). Until jobComplete is true, jobs.getQueryResults waits for it
 * (https://cloud.google.com/bigquery/docs/reference/rest/v2/jobs/getQueryResults:
 * "If jobComplete is false, you can continue to wait for the query to
 * complete by calling the getQueryResults method until the jobComplete
 * field in the getQueryResults response is true"), with the job's
 * location; then every page follows its `pageToken` ("a non-empty token
 * indicates that additional results are available"). Rows come as
 * `{f: [{v}]}` with every value as text (or null), typed by the response's
 * `schema`: they are converted here.
 *
 * A table's columns come from tables.get
 * (https://cloud.google.com/bigquery/docs/reference/rest/v2/tables/get: the
 * Table resource's `schema.fields[]` with `name` and `type`).
 *
 * The number of Apps Script calls grows with the pages of a result, never
 * with its rows one by one; the queries return small results (counts per
 * lamp node, the accounts at risk).
 */
import { parseTablePath } from '../core/tree/bigquery-names';
import type {
  CompiledQuery,
  ResultRow,
  SourceColumnType,
  SourceTable,
  SqlParam,
  WarehouseAccess,
  WarehouseRefusal,
  WarehouseRefusalKind,
  WarehouseRefusalReason,
} from '../ports/warehouse';

/** The shapes of the BigQuery API v2 resources this adapter reads (the advanced service returns them as objects). */
interface FieldSchema {
  name: string;
  type: string;
  mode?: string;
}
interface QueryResponse {
  jobComplete?: boolean;
  jobReference?: { projectId?: string; jobId?: string; location?: string };
  schema?: { fields?: FieldSchema[] };
  rows?: { f: { v: unknown }[] }[];
  pageToken?: string;
  totalRows?: string;
}
interface BigQueryService {
  Jobs: {
    query(resource: object, projectId: string): QueryResponse;
    getQueryResults(projectId: string, jobId: string, optionalArgs?: object): QueryResponse;
  };
  Tables: {
    get(
      projectId: string,
      datasetId: string,
      tableId: string,
    ): { schema?: { fields?: FieldSchema[] }; lastModifiedTime?: string; numRows?: string };
  };
}
declare const BigQuery: BigQueryService | undefined;

/** Bytes one query may bill at most: 10 GiB (a run's queries scan the bound columns only; docs/bigquery.md). */
export const MAX_BYTES_BILLED = String(10 * 1024 ** 3);
/** How long one request waits for the query, in milliseconds (jobs.query's and getQueryResults' `timeoutMs`). */
export const REQUEST_TIMEOUT_MS = 10000;
/** How long a run waits for one query in all before giving up (an Apps Script execution lasts 6 minutes). */
export const QUERY_DEADLINE_MS = 240000;

/**
 * A refusal: BigQuery's own message as BigQuery wrote it, or this adapter's
 * own judgement, then with a reason code (the run says it in the reader's
 * language: run.error.bigquery_reason.*) and an English message for logs.
 */
class BigQueryRefusal extends Error implements WarehouseRefusal {
  readonly reason?: WarehouseRefusalReason;
  readonly reasonParams?: Record<string, string | number>;

  constructor(
    readonly warehouse: WarehouseRefusalKind,
    readonly subject: string,
    message: string,
    reason?: { code: WarehouseRefusalReason; params?: Record<string, string | number> },
  ) {
    super(message);
    this.name = 'BigQueryRefusal';
    if (reason) {
      this.reason = reason.code;
      this.reasonParams = reason.params ?? {};
    }
  }
}

/** An error of the advanced service as one line (it carries BigQuery's own message, often after "API call to … failed with error: "). */
function messageOf(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.replace(/^.*?failed with error:\s*/, '').trim() || m;
}

/** Schema types (tables.get's TableFieldSchema.type, legacy and GoogleSQL names) → how the compiler reads a column. */
const COLUMN_TYPES: Record<string, SourceColumnType> = {
  STRING: 'text',
  INTEGER: 'number',
  INT64: 'number',
  FLOAT: 'number',
  FLOAT64: 'number',
  NUMERIC: 'number',
  BIGNUMERIC: 'number',
  BOOLEAN: 'boolean',
  BOOL: 'boolean',
  DATE: 'date',
  TIMESTAMP: 'timestamp',
};

/** The table's columns, as the compiler reads them (a column of another type, or repeated, is left out: see docs). */
export function sourceColumns(fields: FieldSchema[]): SourceTable['columns'] {
  const out: SourceTable['columns'] = [];
  for (const f of fields) {
    const type = COLUMN_TYPES[String(f.type).toUpperCase()];
    if (type && f.mode !== 'REPEATED') out.push({ name: f.name, type });
  }
  return out;
}

/** A result cell (text or null in the REST API) by its schema type, as the warehouse steps read it. */
export function cellOf(v: unknown, type: string): ResultRow[string] {
  if (v === null || v === undefined) return null;
  const s = String(v);
  switch (type.toUpperCase()) {
    case 'INTEGER':
    case 'INT64':
    case 'FLOAT':
    case 'FLOAT64':
    case 'NUMERIC':
    case 'BIGNUMERIC':
      return Number(s);
    case 'BOOLEAN':
    case 'BOOL':
      return s === 'true';
    case 'TIMESTAMP':
      // Seconds since the epoch, as a floating-point text ("1.7043264E9").
      return new Date(Number(s) * 1000).toISOString();
    default:
      // STRING, and DATE as yyyy-mm-dd.
      return s;
  }
}

/** Rows of one page, by the schema's field names and types. */
export function rowsOf(r: QueryResponse, schema?: FieldSchema[]): ResultRow[] {
  const fields = r.schema?.fields ?? schema ?? [];
  return (r.rows ?? []).map((row) => {
    const out: ResultRow = {};
    fields.forEach((f, i) => {
      out[f.name] = cellOf(row.f[i]?.v, f.type);
    });
    return out;
  });
}

/** A parameter as QueryParameter ({name, parameterType: {type}, parameterValue: {value}}); a null has no value. */
export function queryParameter(p: SqlParam): object {
  return {
    name: p.name,
    parameterType: { type: p.type },
    parameterValue: p.value === null ? {} : { value: String(p.value) },
  };
}

/**
 * BigQuery billed to `project`, or null when the advanced service is not
 * enabled (no global `BigQuery` in this script project). `now` is the clock
 * of the deadline.
 */
export function bigQueryWarehouse(project: string, now: () => number = () => Date.now()): WarehouseAccess | null {
  if (typeof BigQuery === 'undefined' || !BigQuery) return null;
  const bq = BigQuery;
  return {
    table(path: string): SourceTable {
      // The rules validation and the docs apply: a domain-scoped project (`example.com:proj`) keeps its dot.
      const p = parseTablePath(path.trim());
      if (!p.ok) throw new BigQueryRefusal('table', path, 'not project.dataset.table', { code: 'not_a_path' });
      let t: ReturnType<BigQueryService['Tables']['get']>;
      try {
        t = bq.Tables.get(p.project, p.dataset, p.table);
      } catch (e) {
        throw new BigQueryRefusal('table', path, messageOf(e));
      }
      const fields = t.schema?.fields;
      if (!fields) throw new BigQueryRefusal('table', path, 'no schema', { code: 'no_schema' });
      // The Table resource's lastModifiedTime ("the time when this table was last modified, in milliseconds
      // since the epoch") and numRows: what results kept over the table depend on.
      const version = t.lastModifiedTime ? `${t.lastModifiedTime}/${t.numRows ?? ''}` : undefined;
      return {
        label: path.trim(),
        path: [p.project, p.dataset, p.table],
        columns: sourceColumns(fields),
        ...(version ? { version } : {}),
      };
    },
    run(q: CompiledQuery): ResultRow[] {
      const started = now();
      try {
        let r = bq.Jobs.query(
          {
            query: q.sql,
            useLegacySql: false,
            parameterMode: 'NAMED',
            queryParameters: q.params.map(queryParameter),
            maximumBytesBilled: MAX_BYTES_BILLED,
            timeoutMs: REQUEST_TIMEOUT_MS,
            // QueryRequest.labels: "the labels associated with this query", so that a team finds KPI Lamp's
            // jobs and their cost per step (INFORMATION_SCHEMA.JOBS, billing export).
            labels: { application: 'kpi-lamp', step: q.step },
          },
          project,
        );
        const job = r.jobReference ?? {};
        const jobId = String(job.jobId ?? '');
        const args = (pageToken?: string) => ({
          timeoutMs: REQUEST_TIMEOUT_MS,
          ...(job.location ? { location: job.location } : {}),
          ...(pageToken ? { pageToken } : {}),
        });
        while (r.jobComplete !== true) {
          if (now() - started > QUERY_DEADLINE_MS)
            throw new BigQueryRefusal(
              'query',
              q.step,
              `no answer within ${QUERY_DEADLINE_MS / 1000} s (job ${jobId})`,
              {
                code: 'timeout',
                params: { seconds: QUERY_DEADLINE_MS / 1000, job: jobId },
              },
            );
          r = bq.Jobs.getQueryResults(job.projectId ?? project, jobId, args());
        }
        const rows = rowsOf(r);
        const schema = r.schema?.fields;
        while (r.pageToken) {
          r = bq.Jobs.getQueryResults(job.projectId ?? project, jobId, args(r.pageToken));
          const page = rowsOf(r, schema);
          for (let i = 0; i < page.length; i++) rows.push(page[i]);
        }
        return rows;
      } catch (e) {
        if (e instanceof BigQueryRefusal) throw e;
        throw new BigQueryRefusal('query', q.step, messageOf(e));
      }
    },
  };
}
