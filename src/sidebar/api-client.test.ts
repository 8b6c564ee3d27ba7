/** The sidebar's promise client over google.script.run (api-client.ts), with a fake runner. */
import { remote, type ScriptRun } from './api-client';

interface Fake {
  run: ScriptRun;
  calls: { name: string; args: unknown[] }[];
}

/** A google.script.run look-alike whose server functions are `impl`. */
function fakeRun(impl: Record<string, (...args: unknown[]) => unknown>): Fake {
  const calls: Fake['calls'] = [];
  const make = (ok?: (v: unknown) => void, ko?: (e: Error) => void): ScriptRun => {
    const run: ScriptRun = {
      withSuccessHandler: (f) => make(f, ko),
      withFailureHandler: (f) => make(ok, f),
    };
    for (const [name, fn] of Object.entries(impl)) {
      run[name] = (...args: unknown[]) => {
        calls.push({ name, args });
        setTimeout(() => {
          try {
            ok?.(fn(...args));
          } catch (e) {
            ko?.(e as Error);
          }
        }, 0);
      };
    }
    return run;
  };
  return { run: make(), calls };
}

interface ServerShape {
  add(a: number, b: number): number;
  boom(): string;
  missing(): void;
}

describe('remote()', () => {
  it('calls api_NAME with the arguments and resolves with its result', async () => {
    const fake = fakeRun({ api_add: (a, b) => (a as number) + (b as number) });
    const server = remote<ServerShape>('api_', () => fake.run);
    await expect(server.add(2, 3)).resolves.toBe(5);
    expect(fake.calls).toEqual([{ name: 'api_add', args: [2, 3] }]);
  });

  it('rejects with the server error, or when the function or google.script.run is missing', async () => {
    const fake = fakeRun({
      api_boom: () => {
        throw new Error('There is no sheet named "x"');
      },
    });
    const server = remote<ServerShape>('api_', () => fake.run);
    await expect(server.boom()).rejects.toThrow('There is no sheet named "x"');
    await expect(server.missing()).rejects.toThrow('Script function not found: api_missing');
    await expect(remote<ServerShape>('api_', () => undefined).add(1, 2)).rejects.toThrow(
      'google.script.run is not available',
    );
  });

  it('is not a thenable (awaiting the client itself does not call the server)', async () => {
    const fake = fakeRun({});
    const server = remote<ServerShape>('api_', () => fake.run);
    expect((server as unknown as { then?: unknown }).then).toBeUndefined();
    expect(await Promise.resolve(server)).toBe(server);
  });
});
