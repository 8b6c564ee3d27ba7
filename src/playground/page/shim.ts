/**
 * google.script.run for the sidebar in the playground, injected by the
 * playground's server before the sidebar's own script (never part of
 * dist/). As in Apps Script: `google.script.run.withSuccessHandler(f)
 * .withFailureHandler(g).withUserObject(o).NAME(args…)` calls the server
 * function NAME asynchronously; f gets its result, g an Error with the
 * server's message. Here the call is a POST to /rpc/NAME on the playground.
 */
type Handler = ((value: unknown, user?: unknown) => void) | null;

interface Wire {
  ok: boolean;
  value?: unknown;
  error?: { name?: string; message?: string };
}

function runner(success: Handler, failure: Handler, user: unknown): unknown {
  return new Proxy(
    {},
    {
      get(_t, name) {
        if (name === 'withSuccessHandler') return (f: Handler) => runner(f, failure, user);
        if (name === 'withFailureHandler') return (f: Handler) => runner(success, f, user);
        if (name === 'withUserObject') return (u: unknown) => runner(success, failure, u);
        if (typeof name !== 'string' || name === 'then') return undefined;
        return (...args: unknown[]) => {
          const fail = (message: string, errName = 'ScriptError') => {
            const e = new Error(message);
            e.name = errName;
            if (failure) failure(e, user);
          };
          let body: string;
          try {
            body = JSON.stringify(args);
          } catch (e) {
            fail(`Failed due to illegal value in argument: ${(e as Error).message}`, 'TypeError');
            return;
          }
          fetch(`/rpc/${encodeURIComponent(name)}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body,
          })
            .then((r) => r.json() as Promise<Wire>)
            .then(
              (res) => {
                if (res.ok) {
                  if (success) success(res.value === undefined ? undefined : res.value, user);
                  // A server function that opens a dialog in Sheets (showModalDialog) returns { modalDialog }:
                  // here the page shows it as an overlay (page/dialog.ts).
                  const dialog = (res.value as { modalDialog?: unknown } | null)?.modalDialog;
                  if (dialog && window.parent !== window)
                    window.parent.postMessage({ kpiLamp: 'modalDialog', dialog }, location.origin);
                } else fail(res.error?.message ?? 'Script error', res.error?.name);
              },
              () => fail('NetworkError: Connection failure due to HTTP 0', 'NetworkError'),
            );
        };
      },
    },
  );
}

const w = window as unknown as { google?: Record<string, unknown> };
w.google = w.google ?? {};
w.google.script = {
  run: runner(null, null, undefined),
  host: {
    // google.script.host.close() in a dialog: the page closes its overlay (page/dialog.ts).
    close() {
      if (window.parent !== window) window.parent.postMessage({ kpiLamp: 'closeDialog' }, location.origin);
    },
    setHeight() {},
    setWidth() {},
    editor: { focus() {} },
    origin: location.origin,
  },
};
