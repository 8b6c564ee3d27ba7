/**
 * What every command of the command line shares: its declaration
 * (CommandSpec, with its options and arguments), the context it runs in,
 * the exit codes, the usage mistake it throws (CliError) and how it opens
 * the workbook it names. The dispatcher (main.ts) and each command file
 * import it; no command imports the dispatcher.
 */
import { KeyedError } from '../i18n/keyed-error';
import { localText, type LocalKey } from '../i18n/local-messages';
import type { Lang, MessageKey, MessageParams } from '../i18n/messages';
import { loadCsvFolder, loadXlsx, workbookKind } from '../local/load-workbook';
import type { MemoryWorkbook } from '../local/memory-workbook';
import type { OutputStream } from './output';

export interface CliIO {
  /** Node's stdout, or a collector; `once('drain')` lets long output wait while a pipe is full (output.ts). */
  stdout: OutputStream;
  stderr: { write(text: string): unknown };
  env: Record<string, string | undefined>;
}

export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_USAGE = 2;

/** A mistake in how the command was called, or in its input: exit 2. */
export class CliError extends KeyedError<LocalKey | MessageKey> {
  constructor(key: LocalKey | MessageKey, params: MessageParams = {}) {
    super(key, params, 'en', localText);
    this.name = 'CliError';
  }
}

export interface OptionSpec {
  /** Long name without dashes, e.g. "lang". */
  name: string;
  /** One-letter alias without the dash, e.g. "h". */
  short?: string;
  /** The value's placeholder in the help ("ja|en"); absent for a flag. */
  value?: string;
  help: LocalKey | MessageKey;
}

export interface CommandContext {
  lang: Lang;
  /** The locale to give a workbook: --lang when given, else the system's. */
  locale: string;
  io: CliIO;
  /** The command's arguments, in order, as many as `args` declares. */
  args: string[];
  /** Options given: a value-taking option as its text, a flag as true. */
  options: Record<string, string | true>;
}

export interface CommandSpec {
  name: string;
  summary: LocalKey | MessageKey;
  usage: LocalKey | MessageKey;
  /** Required arguments, by name (only their count matters to the parser). */
  args: string[];
  /** The command's options besides --lang and --help, which every command takes. */
  options: OptionSpec[];
  run(ctx: CommandContext): Promise<number>;
}

/** Loads the workbook a command names; errors are WorkbookErrors. */
export async function openWorkbook(
  path: string,
  locale: string,
): Promise<{ workbook: MemoryWorkbook; kind: 'csv-folder' | 'xlsx' }> {
  const kind = workbookKind(path);
  const workbook = kind === 'csv-folder' ? loadCsvFolder(path, { locale }) : await loadXlsx(path, { locale });
  return { workbook, kind };
}
