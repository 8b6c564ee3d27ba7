/** Calls the kpi-lamp command line in-process and collects what it prints. */
import { run } from '../../src/cli/main';

export async function cli(argv: string[], env: Record<string, string | undefined> = { LANG: 'en_US.UTF-8' }) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env,
  });
  return { code, stdout, stderr };
}
