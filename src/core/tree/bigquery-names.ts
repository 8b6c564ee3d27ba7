/**
 * The names a tree's settings give to BigQuery (issue 15): the billing
 * project of the queries (`bigquery_project`) and the Accounts and
 * Snapshots tables (`accounts_table`, `snapshots_table`, each
 * `project.dataset.table`). Checked here by the documented rules, so that a
 * typo is named when the tree is saved (validate.ts) or typed (the sidebar),
 * not by a failed job after a run was started. Pure: the sidebar bundle
 * imports it too.
 *
 * The rules, as documented:
 * - Project id: "must start with a lowercase letter and can have lowercase
 *   ASCII letters, digits or hyphens. Project IDs must be between 6 and 30
 *   characters", and not end with a hyphen
 *   (https://cloud.google.com/sdk/gcloud/reference/projects/create;
 *   https://cloud.google.com/resource-manager/reference/rest/v3/projects).
 *   Older projects may be domain-scoped, `example.com:my-project`: the
 *   domain (lowercase letters, digits, hyphens, dots) and a colon come first.
 * - Dataset: "The ID must contain only letters (a-z, A-Z), numbers (0-9), or
 *   underscores (_). The maximum length is 1,024 characters"
 *   (DatasetReference.datasetId,
 *   https://cloud.google.com/bigquery/docs/reference/rest/v2/datasets).
 * - Table: "Contain characters with a total of up to 1,024 UTF-8 bytes.
 *   Contain Unicode characters in category L (letter), M (mark), N (number),
 *   Pc (connector, including underscore), Pd (dash), Zs (space)"
 *   (https://cloud.google.com/bigquery/docs/tables#table_naming). A dot is
 *   none of those, so the table is what follows the second dot.
 */

import { utf8Bytes } from '../text/utf8';

/** Which part of a `project.dataset.table` path is wrong ("path": not three parts). */
export type TablePart = 'path' | 'project' | 'dataset' | 'table';

const PROJECT = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const DOMAIN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;
const DATASET = /^[A-Za-z0-9_]{1,1024}$/;
const TABLE = /^[\p{L}\p{M}\p{N}\p{Pc}\p{Pd}\p{Zs}]+$/u;
const TABLE_BYTES = 1024;

/** True for a Google Cloud project id, plain (`my-project`) or domain-scoped (`example.com:my-project`). */
export function isProjectId(s: string): boolean {
  const colon = s.indexOf(':');
  if (colon < 0) return PROJECT.test(s);
  return DOMAIN.test(s.slice(0, colon)) && PROJECT.test(s.slice(colon + 1));
}

/** A `project.dataset.table` path split in its parts, or the part that is wrong. */
export type TablePath = { ok: true; project: string; dataset: string; table: string } | { ok: false; part: TablePart };

/** Reads a fully qualified table path by the rules above. */
export function parseTablePath(s: string): TablePath {
  // The project may be domain-scoped, and a domain has dots: the dataset starts at the first dot after a colon.
  if (s.includes('`')) return { ok: false, part: 'path' }; // pasted from SQL: the setting is the bare path
  const colon = s.indexOf(':');
  const firstDot = s.indexOf('.', colon < 0 ? 0 : colon);
  if (firstDot < 0) return { ok: false, part: 'path' };
  const project = s.slice(0, firstDot);
  const rest = s.slice(firstDot + 1).split('.');
  if (rest.length !== 2 || !project || !rest[0] || !rest[1]) return { ok: false, part: 'path' };
  const [dataset, table] = rest;
  if (!isProjectId(project)) return { ok: false, part: 'project' };
  if (!DATASET.test(dataset)) return { ok: false, part: 'dataset' };
  if (!TABLE.test(table) || utf8Bytes(table) > TABLE_BYTES) return { ok: false, part: 'table' };
  return { ok: true, project, dataset, table };
}

/**
 * The project billed for the queries: `bigquery_project` when set, else the
 * project of the Accounts table (the billing project may be the data's own
 * project, as in the BigQuery console). Null when no table is set: the
 * sheets are read, and nothing is sent to BigQuery.
 */
export function billingProject(settings: { bigquery_project?: string; accounts_table?: string }): string | null {
  if (!settings.accounts_table) return null;
  if (settings.bigquery_project) return settings.bigquery_project;
  const path = parseTablePath(settings.accounts_table);
  return path.ok ? path.project : null;
}
