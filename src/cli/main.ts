/**
 * The `kpi-lamp` command line. `run` does everything and returns the exit
 * code, so tests call it in-process; `main` wires it to the process (see
 * bin/kpi-lamp.js).
 *
 * Commands sit in a table (`commands`): each declares its options and its
 * arguments (command.ts), and gets the parsed ones with the language already chosen. A
 * command throws CliError for a usage mistake and WorkbookError for an
 * input that cannot be read; both end as one line on stderr and exit 2.
 * Anything else is a bug: one line and exit 1 (the stack only with
 * KPI_LAMP_DEBUG=1).
 */
import { localText } from '../i18n/local-messages';
import { isLang, pickLang, type Lang } from '../i18n/messages';
import { KeyedError } from '../i18n/keyed-error';
import { checkCommand } from './check';
import {
  CliError,
  EXIT_INTERNAL,
  EXIT_OK,
  EXIT_USAGE,
  openWorkbook,
  type CliIO,
  type CommandSpec,
  type OptionSpec,
} from './command';
import { lampsCommand } from './lamps';
import { sqlCommand } from './sql';
import { exportTreeCommand, importTreeCommand } from './tree-io';
import { InputError } from './tree-source';
import { safeStream, terminalText } from '../core/text/terminal-text';
import { MAX_CELL_WIDTH, table } from './text-table';
import { maxOf } from '../core/extent';

export { displayWidth, table } from './text-table';
export type { CliIO } from './command';

const LANG_OPTION: OptionSpec = { name: 'lang', value: 'ja|en', help: 'cli.opt.lang' };
const HELP_OPTION: OptionSpec = { name: 'help', short: 'h', help: 'cli.opt.help' };
const JSON_OPTION: OptionSpec = { name: 'json', help: 'cli.opt.json' };

// ---- commands -----------------------------------------------------------------

const infoCommand: CommandSpec = {
  name: 'info',
  summary: 'cli.cmd.info.summary',
  usage: 'cli.cmd.info.usage',
  args: ['workbook'],
  options: [JSON_OPTION],
  async run({ lang, locale, io, args, options }) {
    const path = args[0];
    const { workbook, kind } = await openWorkbook(path, locale);
    const sheets = workbook.sheetNames().map((name) => {
      const table = workbook.readSheet(name);
      return { name, header: table?.header ?? [], rows: table?.rows.length ?? 0 };
    });
    if (options.json) {
      io.stdout.write(`${JSON.stringify({ format: 'kpi-lamp/info@1', workbook: path, sheets }, null, 2)}\n`);
      return EXIT_OK;
    }
    const lines: string[] = [];
    lines.push(
      localText(lang, 'cli.info.summary', {
        path: terminalText(path),
        kind: localText(lang, `cli.info.kind.${kind}`),
        count: sheets.length,
      }),
    );
    lines.push('');
    const rows = table(
      [
        localText(lang, 'cli.info.col.sheet'),
        localText(lang, 'cli.info.col.rows'),
        localText(lang, 'cli.info.col.columns'),
      ],
      sheets.map((s) => [s.name, String(s.rows), String(s.header.length)]),
      ['left', 'right', 'right'],
    );
    for (const line of rows) lines.push(line);
    lines.push('');
    lines.push(localText(lang, 'cli.info.headers'));
    for (const s of sheets) {
      const cols = s.header.map((h) =>
        h === '' ? localText(lang, 'cli.info.blank_column') : terminalText(h, MAX_CELL_WIDTH),
      );
      lines.push(`  ${terminalText(s.name, MAX_CELL_WIDTH)}: ${cols.join(', ')}`);
    }
    io.stdout.write(`${lines.join('\n')}\n`);
    return EXIT_OK;
  },
};

/** Every command, in the order the help lists them. `check` and `lamps` join here. */
export const commands: CommandSpec[] = [
  infoCommand,
  checkCommand,
  lampsCommand,
  sqlCommand,
  exportTreeCommand,
  importTreeCommand,
];

// ---- run ---------------------------------------------------------------------

/** The system locale: LC_ALL, LC_MESSAGES, LANG (the first that is set), else Intl's. */
export function systemLocale(env: Record<string, string | undefined>): string {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const v = env[name];
    if (v && v.trim() !== '') return v.trim();
  }
  try {
    return Intl.DateTimeFormat().resolvedOptions().locale;
  } catch {
    return 'en';
  }
}

export async function run(argv: string[], rawIo: CliIO): Promise<number> {
  // Every byte any command prints goes through one filter: controls escaped (terminal-text.ts).
  const io: CliIO = { ...rawIo, stdout: safeStream(rawIo.stdout), stderr: safeStream(rawIo.stderr) };
  // The language first, so that even a usage mistake is reported in it.
  const explicitLang = findLang(argv);
  const locale = explicitLang ?? systemLocale(io.env);
  const lang = explicitLang ?? pickLang(locale);
  const fail = (message: string, code: number): number => {
    io.stderr.write(`${localText(lang, 'cli.error.line', { message: oneLine(message) })}\n`);
    return code;
  };

  try {
    if (argv.length === 0) {
      io.stderr.write(usage(lang));
      return EXIT_USAGE;
    }
    // Options before the command: only --lang and --help.
    const head = parseOptions(argv, [LANG_OPTION, HELP_OPTION], 'kpi-lamp', true);
    const commandName = head.positionals[0];
    if (commandName === undefined || commandName === 'help') {
      if (head.options.help || commandName === 'help') {
        io.stdout.write(usage(lang));
        return EXIT_OK;
      }
      throw new CliError('cli.error.no_command');
    }
    const command = commands.find((c) => c.name === commandName);
    if (!command) throw new CliError('cli.error.unknown_command', { name: commandName });
    const rest = argv.slice(head.consumed + 1);
    const parsed = parseOptions(rest, [...command.options, LANG_OPTION, HELP_OPTION], command.name, false);
    if (head.options.help || parsed.options.help) {
      io.stdout.write(commandUsage(lang, command));
      return EXIT_OK;
    }
    if (parsed.positionals.length < command.args.length) throw new CliError('cli.error.missing_workbook');
    if (parsed.positionals.length > command.args.length) {
      throw new CliError('cli.error.extra_argument', { value: parsed.positionals[command.args.length] });
    }
    return await command.run({ lang, locale, io, args: parsed.positionals, options: parsed.options });
  } catch (e) {
    if (e instanceof InputError) {
      // Several lines (one per tree problem), each shown safely.
      const message = e.message
        .split('\n')
        .map((l) => terminalText(l))
        .join('\n');
      io.stderr.write(`${localText(lang, 'cli.error.line', { message })}\n`);
      return EXIT_USAGE;
    }
    // CliError (how the command was called), WorkbookError (its input): one line.
    if (e instanceof KeyedError) return fail(e.messageIn(lang), EXIT_USAGE);
    const message = e instanceof Error ? e.message : String(e);
    if (io.env.KPI_LAMP_DEBUG && e instanceof Error && e.stack) io.stderr.write(`${e.stack}\n`);
    return fail(localText(lang, 'cli.error.internal', { message }), EXIT_INTERNAL);
  }
}

/** --lang's value wherever it stands; a wrong value is a CliError reported in the system language. */
function findLang(argv: string[]): Lang | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    let v: string | undefined;
    if (a === '--lang') v = argv[i + 1];
    else if (a.startsWith('--lang=')) v = a.slice('--lang='.length);
    else continue;
    if (isLang(v)) return v;
    return undefined; // reported by the parser below, in the system language
  }
  return undefined;
}

interface Parsed {
  positionals: string[];
  options: Record<string, string | true>;
  /** With stopAtPositional: how many arguments came before the first positional. */
  consumed: number;
}

/**
 * `--name value`, `--name=value`, `--flag`, `-h`, and `--` before arguments
 * that start with a dash. With stopAtPositional, stops at the first argument.
 */
function parseOptions(argv: string[], specs: OptionSpec[], command: string, stopAtPositional: boolean): Parsed {
  const positionals: string[] = [];
  const options: Record<string, string | true> = {};
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      if (stopAtPositional) {
        if (i + 1 < argv.length) positionals.push(argv[i + 1]);
        return { positionals, options, consumed: i + 1 };
      }
      for (const a of argv.slice(i + 1)) positionals.push(a);
      break;
    }
    if (a.startsWith('-') && a !== '-') {
      let name: string;
      let inline: string | undefined;
      if (a.startsWith('--')) {
        const eq = a.indexOf('=');
        name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
        inline = eq >= 0 ? a.slice(eq + 1) : undefined;
      } else {
        name = a.slice(1);
      }
      const spec = specs.find((s) => (a.startsWith('--') ? s.name === name : s.short === name));
      if (!spec) throw new CliError('cli.error.unknown_option', { name: a.split('=')[0], command });
      if (spec.value !== undefined) {
        let v = inline;
        if (v === undefined) {
          v = argv[i + 1];
          if (v === undefined || (v.startsWith('--') && v.length > 2))
            throw new CliError('cli.error.missing_value', { name: `--${spec.name}` });
          i++;
        }
        if (spec.name === 'lang' && !isLang(v)) throw new CliError('cli.error.bad_lang', { value: v });
        options[spec.name] = v;
      } else {
        if (inline !== undefined) throw new CliError('cli.error.unexpected_value', { name: `--${spec.name}` });
        options[spec.name] = true;
      }
      continue;
    }
    if (stopAtPositional) return { positionals: [a], options, consumed: i };
    positionals.push(a);
  }
  return { positionals, options, consumed: i };
}

// ---- help and layout ---------------------------------------------------------------

function usage(lang: Lang): string {
  const width = maxOf(
    commands.map((c) => c.name.length),
    0,
  );
  const lines = [
    localText(lang, 'cli.usage.title'),
    '',
    localText(lang, 'cli.usage.heading'),
    `  ${localText(lang, 'cli.usage.line')}`,
    '  kpi-lamp --help',
    '',
    localText(lang, 'cli.usage.commands'),
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${localText(lang, c.summary)}`),
    '',
    localText(lang, 'cli.usage.options'),
    ...optionLines(lang, [LANG_OPTION, HELP_OPTION]),
    '',
    localText(lang, 'cli.usage.workbook'),
    localText(lang, 'cli.usage.more'),
  ];
  return `${lines.join('\n')}\n`;
}

function commandUsage(lang: Lang, command: CommandSpec): string {
  const lines = [
    localText(lang, 'cli.usage.heading'),
    `  ${localText(lang, command.usage)}`,
    '',
    localText(lang, command.summary),
    '',
    localText(lang, 'cli.usage.options'),
    ...optionLines(lang, [...command.options, LANG_OPTION, HELP_OPTION]),
    '',
    localText(lang, 'cli.usage.workbook'),
  ];
  return `${lines.join('\n')}\n`;
}

function optionLines(lang: Lang, specs: OptionSpec[]): string[] {
  const label = (s: OptionSpec) => `--${s.name}${s.value ? ` ${s.value}` : ''}${s.short ? `, -${s.short}` : ''}`;
  const width = maxOf(
    specs.map((s) => label(s).length),
    0,
  );
  return specs.map((s) => `  ${label(s).padEnd(width)}  ${localText(lang, s.help)}`);
}

/** A message on one line: line breaks (a path or a name may hold one) shown escaped, whitespace around them dropped. */
function oneLine(text: string): string {
  return terminalText(text.replace(/[ \t]*\n[ \t]*/g, '\n').trim());
}

/** The process wrapper: argv, streams, environment, exit code. */
export async function main(): Promise<void> {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(EXIT_OK);
  });
  const code = await run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
  process.exitCode = code;
}
