/**
 * The sidebar's typed client of the server API: `server.getContext()`
 * returns a Promise of what createApi(...).getContext() returns, through
 * google.script.run (in Sheets) or the playground's shim (offline). Names
 * and types come from the server module (`Api`), in the manner of
 * enuchi/React-Google-Apps-Script's serverFunctions: calling a function the
 * server does not export, or with the wrong arguments, fails the type check.
 *
 * On the server each function is the global `api_NAME` (src/gas/*-entry.ts).
 * This is the one browser file that names `google.script` (a test checks):
 * the pages reach Apps Script only through it.
 */
import type { Api } from '../server/api';

/** The part of google.script.run this client uses. */
export interface ScriptRun {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRun;
  withFailureHandler(handler: (error: Error) => void): ScriptRun;
  [name: string]: unknown;
}

declare const google: { script?: { run?: ScriptRun; host?: { close(): void } } } | undefined;

/** Every function of T, called remotely: the same arguments, the result as a Promise. */
export type Remote<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

/** The prefix of the server's global functions. */
export const API_PREFIX = 'api_';

/** A client of the server functions `prefix + name` (the run object can be given, for tests). */
export function remote<T extends object>(
  prefix = API_PREFIX,
  getRun: () => ScriptRun | undefined = defaultRun,
): Remote<T> {
  return new Proxy({} as Remote<T>, {
    get(_target, name) {
      // Not a thenable, not a symbol: only plain names are server functions.
      if (typeof name !== 'string' || name === 'then') return undefined;
      return (...args: unknown[]) =>
        new Promise((resolve, reject) => {
          const base = getRun();
          if (!base) {
            reject(new Error('google.script.run is not available here'));
            return;
          }
          const run = base.withSuccessHandler(resolve).withFailureHandler(reject);
          const fn = run[prefix + name];
          if (typeof fn !== 'function') {
            reject(new Error(`Script function not found: ${prefix}${name}`));
            return;
          }
          (fn as (...a: unknown[]) => void).apply(run, args);
        });
    },
  });
}

function defaultRun(): ScriptRun | undefined {
  return typeof google === 'undefined' ? undefined : google.script?.run;
}

/** The server API, as the sidebar calls it. */
export const server: Remote<Api> = remote<Api>();

/** Closes the dialog this page is shown in (google.script.host.close(); the playground's shim closes its overlay). */
export function closeDialog(): void {
  if (typeof google !== 'undefined') google.script?.host?.close();
}
