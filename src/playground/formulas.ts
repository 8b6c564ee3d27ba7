/**
 * Formula cells in the playground, computed as Sheets would compute them,
 * within a deliberately small subset: KPI Lamp's own custom functions
 * (called in the built dist/Code.js, see functions-vm.ts) whose arguments
 * are numbers, "text", TRUE/FALSE, A1 cell references and ranges (also on
 * another sheet: Sheet!A1:B2, 'My sheet'!A1), other calls of those
 * functions, and simple arithmetic (+ − × ÷ ^ %, &, parentheses) on single
 * values. Anything else (SUM, IF, comparisons, named ranges, array
 * literals) is reported as unsupported: the playground shows the formula's
 * text, or the value a .xlsx file saved with it, and says why. This is not
 * a formula engine and must not grow into one.
 *
 * As Sheets passes them to a custom function: a single cell as a bare value,
 * a range as a 2-D array (rows of values), blank cells as "", dates as
 * dates. A returned 2-D array spills right and down from the formula's cell;
 * it errors (#REF!) when a cell it needs holds something.
 *
 * Pure: no Node or Apps Script globals.
 */
import type { LocalKey } from '../i18n/local-messages';
import type { MessageKey, MessageParams } from '../i18n/messages';
import type { CellValue } from '../ports/workbook';
import { a1, parseArea, type Area } from '../core/a1';
import { isFormula, isImportedText, portValue, type StoredCell } from '../local/memory-workbook';

/** A date cell's value (ISO text, as the workbook port keeps dates): a Date for the custom function. */
export interface DateArg {
  date: string;
}
export type Scalar = string | number | boolean | DateArg;
export type Matrix = Scalar[][];
/** An argument as a custom function receives it; undefined for an omitted one. */
export type Arg = Scalar | Matrix | undefined;

/** The custom functions of the built script. `call` throws an Error with Sheets' message when the function fails. */
export interface FunctionHost {
  readonly names: ReadonlySet<string>;
  call(name: string, args: Arg[]): CellValue | CellValue[][];
}

/** The cells formulas read. */
export interface CellSource {
  sheetNames(): string[];
  /** A stored cell, 1-based; null or undefined when blank. */
  cell(sheet: string, row: number, column: number): StoredCell | undefined;
  /** Rows and columns of the sheet's stored grid (for whole-column ranges). */
  size(sheet: string): { rows: number; columns: number };
}

/** The cells of a loaded workbook as formulas read them; `book` gives the workbook of the moment (none yet: no sheets). */
export function workbookCells(
  book: () => {
    sheetNames(): string[];
    cell(sheet: string, row: number, column: number): StoredCell | undefined;
    grid(sheet: string): StoredCell[][] | null;
  } | null,
): CellSource {
  return {
    sheetNames: () => book()?.sheetNames() ?? [],
    cell: (sheet, row, column) => book()?.cell(sheet, row, column),
    size: (sheet) => {
      const grid = book()?.grid(sheet) ?? [];
      let columns = 0;
      for (const r of grid) if (r.length > columns) columns = r.length;
      return { rows: grid.length, columns };
    },
  };
}

/** A message in either language (key and params) or a text as given (a function's own error message). */
/** A key of the shared catalogue or of the command line's (a workbook the loaders refuse, src/local). */
export type Note = { key: MessageKey | LocalKey; params: MessageParams } | { text: string };

export type FormulaResult =
  | { kind: 'value'; value: CellValue }
  | { kind: 'array'; values: CellValue[][] }
  | { kind: 'error'; code: string; note: Note }
  | { kind: 'unsupported'; note: Note };

class FormulaError extends Error {
  constructor(
    readonly code: string,
    readonly note: Note,
  ) {
    super('text' in note ? note.text : note.key);
  }
}

class Unsupported extends Error {}

/**
 * The most cells one range of a formula may hold in the playground: a
 * formula such as =NPS(A2:A99999999) is an error naming the range, not a
 * server out of memory. Sheets itself holds at most 10 million cells per
 * spreadsheet. Documented in docs/playground.md.
 */
export const MAX_RANGE_CELLS = 1_000_000;

// ---- parsing --------------------------------------------------------------------

type Node =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 'bool'; v: boolean }
  | { t: 'ref'; sheet: string | null; text: string; area: Area }
  | { t: 'call'; name: string; args: (Node | null)[] }
  | { t: 'neg'; x: Node }
  | { t: 'pct'; x: Node }
  | { t: 'bin'; op: string; a: Node; b: Node };

type Token =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'ref'; sheet: string | null; text: string }
  | { k: 'name'; v: string }
  | { k: 'op'; v: string };

const REF =
  /^(?:(?:'((?:[^']|'')+)'|([A-Za-z_\u00C0-\uFFFF][\w.\u00C0-\uFFFF]*))!)?(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?|\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}|\$?\d+:\$?\d+)(?![\w(.!])/;
const NUM = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/;
const NAME = /^[A-Za-z_][\w.]*/;

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const rest = src.slice(i);
    const ch = src[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      let v = '';
      for (;;) {
        if (j >= src.length) throw new Unsupported('unclosed string');
        if (src[j] === '"') {
          if (src[j + 1] === '"') {
            v += '"';
            j += 2;
            continue;
          }
          break;
        }
        v += src[j++];
      }
      out.push({ k: 'str', v });
      i = j + 1;
      continue;
    }
    const ref = REF.exec(rest);
    if (ref) {
      const sheet = ref[1] !== undefined ? ref[1].replace(/''/g, "'") : (ref[2] ?? null);
      out.push({ k: 'ref', sheet, text: ref[3] });
      i += ref[0].length;
      continue;
    }
    const num = NUM.exec(rest);
    if (num) {
      out.push({ k: 'num', v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const name = NAME.exec(rest);
    if (name) {
      out.push({ k: 'name', v: name[0] });
      i += name[0].length;
      continue;
    }
    if ('+-*/^&%(),'.includes(ch)) {
      out.push({ k: 'op', v: ch });
      i++;
      continue;
    }
    // comparisons, array literals {…}, ; and anything else
    throw new Unsupported(`operator ${ch}`);
  }
  return out;
}

/** Parses a formula ("=…") into a tree, or throws Unsupported. */
function parse(formula: string, functions: ReadonlySet<string>): Node {
  if (!formula.startsWith('=')) throw new Unsupported('not a formula');
  const tokens = tokenize(formula.slice(1));
  let p = 0;
  const peek = () => tokens[p];
  const isOp = (v: string) => peek()?.k === 'op' && (peek() as { v: string }).v === v;
  const expect = (v: string) => {
    if (!isOp(v)) throw new Unsupported(`expected ${v}`);
    p++;
  };

  // Sheets' precedence, loosest first: & , + − , × ÷ , ^ , unary − , %.
  function concat(): Node {
    let a = additive();
    while (isOp('&')) {
      p++;
      a = { t: 'bin', op: '&', a, b: additive() };
    }
    return a;
  }
  function additive(): Node {
    let a = multiplicative();
    while (isOp('+') || isOp('-')) {
      const op = (tokens[p++] as { v: string }).v;
      a = { t: 'bin', op, a, b: multiplicative() };
    }
    return a;
  }
  function multiplicative(): Node {
    let a = power();
    while (isOp('*') || isOp('/')) {
      const op = (tokens[p++] as { v: string }).v;
      a = { t: 'bin', op, a, b: power() };
    }
    return a;
  }
  function power(): Node {
    let a = unary();
    while (isOp('^')) {
      p++;
      a = { t: 'bin', op: '^', a, b: unary() };
    }
    return a;
  }
  function unary(): Node {
    if (isOp('-')) {
      p++;
      return { t: 'neg', x: unary() };
    }
    if (isOp('+')) {
      p++;
      return unary();
    }
    return postfix();
  }
  function postfix(): Node {
    let x = primary();
    while (isOp('%')) {
      p++;
      x = { t: 'pct', x };
    }
    return x;
  }
  function primary(): Node {
    const tok = tokens[p++];
    if (!tok) throw new Unsupported('unexpected end');
    switch (tok.k) {
      case 'num':
        return { t: 'num', v: tok.v };
      case 'str':
        return { t: 'str', v: tok.v };
      case 'ref': {
        const area = parseArea(tok.text);
        if (!area) throw new Unsupported('bad reference');
        return { t: 'ref', sheet: tok.sheet, text: tok.text, area };
      }
      case 'name': {
        const upper = tok.v.toUpperCase();
        if (isOp('(')) {
          p++;
          if (!functions.has(upper)) throw new Unsupported(`function ${upper}`);
          const args: (Node | null)[] = [];
          if (isOp(')')) {
            p++;
            return { t: 'call', name: upper, args };
          }
          for (;;) {
            args.push(isOp(',') || isOp(')') ? null : concat());
            if (isOp(',')) {
              p++;
              continue;
            }
            expect(')');
            return { t: 'call', name: upper, args };
          }
        }
        if (upper === 'TRUE' || upper === 'FALSE') return { t: 'bool', v: upper === 'TRUE' };
        throw new Unsupported(`name ${tok.v}`);
      }
      case 'op':
        if (tok.v === '(') {
          const x = concat();
          expect(')');
          return x;
        }
        throw new Unsupported(`operator ${tok.v}`);
    }
  }

  const tree = concat();
  if (p !== tokens.length) throw new Unsupported('trailing input');
  return tree;
}

// ---- evaluation ---------------------------------------------------------------------

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2})?$/;

function isMatrix(v: unknown): v is Matrix {
  return Array.isArray(v);
}

function isDateArg(v: unknown): v is DateArg {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as DateArg).date === 'string';
}

/** A day count as Sheets keeps dates (days since 1899-12-30). */
function serial(d: DateArg): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2}))?$/.exec(d.date)!;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  return (ms - Date.UTC(1899, 11, 30)) / 86400000;
}

/**
 * Computes formula cells over a CellSource. One instance per state of the
 * workbook: results are remembered. Circular references are #REF!.
 */
export class FormulaEngine {
  private readonly memo = new Map<string, FormulaResult>();
  private readonly busy = new Set<string>();
  /** Formulas the playground does not compute but whose value a .xlsx file saved: the note says so. */
  readonly cachedNotes = new Map<string, Note>();

  constructor(
    private readonly source: CellSource,
    private readonly host: FunctionHost,
  ) {}

  /** The names of the functions the playground computes. */
  functionNames(): string[] {
    return [...this.host.names];
  }

  /** The result of the formula in a cell (1-based). */
  evaluate(sheet: string, row: number, column: number, formula: string, cached?: CellValue): FormulaResult {
    const key = `${sheet}\u0000${row}\u0000${column}`;
    const hit = this.memo.get(key);
    if (hit) return hit;
    if (this.busy.has(key)) {
      throw new FormulaError('#REF!', { key: 'playground.cell.circular', params: { cell: a1(row, column) } });
    }
    this.busy.add(key);
    let result: FormulaResult;
    try {
      result = this.compute(sheet, formula);
    } catch (e) {
      if (e instanceof FormulaError) result = { kind: 'error', code: e.code, note: e.note };
      else if (e instanceof Unsupported) {
        const note: Note = {
          key: 'playground.cell.unsupported',
          params: { formula, functions: this.functionNames().join(', ') },
        };
        result = cached !== undefined ? { kind: 'value', value: cached } : { kind: 'unsupported', note };
        if (cached !== undefined) this.cachedNotes.set(key, note);
      } else result = { kind: 'error', code: '#ERROR!', note: { text: e instanceof Error ? e.message : String(e) } };
    } finally {
      this.busy.delete(key);
    }
    this.memo.set(key, result);
    return result;
  }

  /** What a cell reads as when referenced or read through the workbook port: a formula's top-left value. */
  valueAt(sheet: string, row: number, column: number): CellValue {
    const r = this.resultAt(sheet, row, column);
    if (r === null) {
      const c = this.source.cell(sheet, row, column);
      // A CSV text reads as Sheets would have imported it ("80%" → 0.8, TRUE → true).
      return isFormula(c) ? null : isImportedText(c) ? c.imported : (c ?? null);
    }
    if (r.kind === 'value') return r.value;
    if (r.kind === 'array') return r.values[0]?.[0] ?? null;
    if (r.kind === 'error') return r.code;
    return null;
  }

  private resultAt(sheet: string, row: number, column: number): FormulaResult | null {
    const c = this.source.cell(sheet, row, column);
    if (!isFormula(c)) return null;
    return this.evaluate(sheet, row, column, c.formula, c.cached);
  }

  private compute(sheet: string, formula: string): FormulaResult {
    const tree = parse(formula, this.host.names);
    const v = this.eval(tree, sheet);
    if (isMatrix(v)) return { kind: 'array', values: v.map((r) => r.map(toCell)) };
    return { kind: 'value', value: toCell(v) };
  }

  private eval(node: Node, sheet: string): Arg {
    switch (node.t) {
      case 'num':
        return node.v;
      case 'str':
        return node.v;
      case 'bool':
        return node.v;
      case 'ref':
        return this.ref(node, sheet);
      case 'call': {
        const args = node.args.map((a) => (a === null ? undefined : this.eval(a, sheet)));
        let out: CellValue | CellValue[][];
        try {
          out = this.host.call(node.name, args);
        } catch (e) {
          throw new FormulaError('#ERROR!', { text: e instanceof Error ? e.message : String(e) });
        }
        return Array.isArray(out) ? out.map((r) => r.map(fromCell)) : fromCell(out);
      }
      case 'neg':
        return -this.number(node.x, sheet);
      case 'pct':
        return this.number(node.x, sheet) / 100;
      case 'bin': {
        if (node.op === '&') return this.text(node.a, sheet) + this.text(node.b, sheet);
        const a = this.number(node.a, sheet);
        const b = this.number(node.b, sheet);
        switch (node.op) {
          case '+':
            return a + b;
          case '-':
            return a - b;
          case '*':
            return a * b;
          case '/':
            if (b === 0) throw new FormulaError('#DIV/0!', { key: 'playground.cell.div0', params: {} });
            return a / b;
          default: {
            const r = Math.pow(a, b);
            if (!Number.isFinite(r)) throw new FormulaError('#NUM!', { text: `${a}^${b} is not a number` });
            return r;
          }
        }
      }
    }
  }

  private ref(node: Extract<Node, { t: 'ref' }>, here: string): Scalar | Matrix {
    const sheet = node.sheet ?? here;
    if (!this.source.sheetNames().includes(sheet)) {
      throw new FormulaError('#REF!', { key: 'playground.cell.no_sheet', params: { sheet } });
    }
    const size = this.source.size(sheet);
    const { row1, column1 } = node.area;
    const row2 = node.area.row2 ?? Math.max(row1, size.rows);
    const column2 = node.area.column2 ?? Math.max(column1, size.columns);
    const cells = (row2 - row1 + 1) * (column2 - column1 + 1);
    if (cells > MAX_RANGE_CELLS) {
      throw new FormulaError('#REF!', {
        key: 'playground.cell.range_too_large',
        params: { ref: node.text, cells: cells.toLocaleString('en-US'), max: MAX_RANGE_CELLS.toLocaleString('en-US') },
      });
    }
    const cell = (r: number, c: number): Scalar => {
      const v = this.valueAt(sheet, r, c);
      const res = this.resultAt(sheet, r, c);
      if (res && res.kind === 'error') throw new FormulaError(res.code, res.note);
      if (res && res.kind === 'unsupported') throw new Unsupported('depends on an unsupported formula');
      if (v === null) return '';
      if (typeof v === 'string' && ISO_DATE.test(v)) return { date: v };
      return v;
    };
    if (row1 === row2 && column1 === column2) return cell(row1, column1);
    const out: Matrix = [];
    for (let r = row1; r <= row2; r++) {
      const line: Scalar[] = [];
      for (let c = column1; c <= column2; c++) line.push(cell(r, c));
      out.push(line);
    }
    return out;
  }

  private scalar(node: Node, sheet: string): Scalar {
    const v = this.eval(node, sheet);
    if (v === undefined) return '';
    if (isMatrix(v)) {
      if (v.length === 1 && v[0].length === 1) return v[0][0];
      const text = node.t === 'ref' ? node.text : 'array';
      throw new FormulaError('#VALUE!', { key: 'playground.cell.range_in_arithmetic', params: { ref: text } });
    }
    return v;
  }

  private number(node: Node, sheet: string): number {
    const v = this.scalar(node, sheet);
    if (typeof v === 'number') return v;
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (v === '') return 0;
    if (isDateArg(v)) return serial(v);
    const n = Number(v.trim());
    if (v.trim() !== '' && Number.isFinite(n)) return n;
    throw new FormulaError('#VALUE!', { key: 'playground.cell.value', params: { value: v } });
  }

  private text(node: Node, sheet: string): string {
    const v = this.scalar(node, sheet);
    if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
    if (isDateArg(v)) return v.date;
    return String(v);
  }
}

function toCell(v: Arg): CellValue {
  if (v === undefined || v === '') return null;
  if (isDateArg(v)) return v.date;
  if (isMatrix(v)) return toCell(v[0]?.[0]);
  if (typeof v === 'number' && !Number.isFinite(v)) return '#NUM!';
  return v;
}

function fromCell(v: CellValue): Scalar {
  if (v === null) return '';
  if (typeof v === 'string' && ISO_DATE.test(v)) return { date: v };
  return v;
}

// ---- spilling -------------------------------------------------------------------------

/** One cell of the playground's grid. */
export interface GridCell {
  /** The value shown; null for a blank. */
  v: CellValue;
  /**
   * f: a computed formula; s: a value spilled from the formula at `at`;
   * e: an error (v is its code, e.g. "#ERROR!"); u: a formula not computed (v is its text);
   * c: a formula not computed, showing the value the file saved.
   */
  k?: 'f' | 's' | 'e' | 'u' | 'c';
  /** The formula, for formula cells and spilled cells. */
  f?: string;
  /** The formula's cell, for spilled cells. */
  at?: string;
  /** Why (errors, unsupported formulas). */
  n?: Note;
}

/** A sheet as the playground shows it: stored values, formulas computed, arrays spilled. */
export function displayGrid(engine: FormulaEngine, sheet: string, grid: StoredCell[][]): (GridCell | null)[][] {
  // A CSV cell shows its text, as the file has it.
  const rows: (GridCell | null)[][] = grid.map((line) =>
    line.map((c) => (c === null || c === undefined || c === '' || isFormula(c) ? null : { v: portValue(c) })),
  );
  const put = (r: number, c: number, cell: GridCell) => {
    while (rows.length <= r) rows.push([]);
    const line = rows[r];
    while (line.length <= c) line.push(null);
    line[c] = cell;
  };
  const stored = (r: number, c: number) => {
    const x = grid[r]?.[c];
    return !(x === null || x === undefined || x === '');
  };
  grid.forEach((line, r) =>
    line.forEach((c, col) => {
      if (!isFormula(c)) return;
      const res = engine.evaluate(sheet, r + 1, col + 1, c.formula, c.cached);
      const at = a1(r + 1, col + 1);
      if (res.kind === 'value') {
        const note = engine.cachedNotes.get(`${sheet}\u0000${r + 1}\u0000${col + 1}`);
        put(r, col, note ? { v: res.value, k: 'c', f: c.formula, n: note } : { v: res.value, k: 'f', f: c.formula });
      } else if (res.kind === 'error') put(r, col, { v: res.code, k: 'e', f: c.formula, n: res.note });
      else if (res.kind === 'unsupported') put(r, col, { v: c.formula, k: 'u', f: c.formula, n: res.note });
      else {
        // An array result needs every other cell of its block empty.
        let blocked: string | null = null;
        res.values.forEach((vals, i) =>
          vals.forEach((_, j) => {
            if ((i || j) && blocked === null && (stored(r + i, col + j) || rows[r + i]?.[col + j]))
              blocked = a1(r + i + 1, col + j + 1);
          }),
        );
        if (blocked !== null) {
          put(r, col, {
            v: '#REF!',
            k: 'e',
            f: c.formula,
            n: { key: 'playground.cell.spill_blocked', params: { cell: blocked } },
          });
          return;
        }
        res.values.forEach((vals, i) =>
          vals.forEach((v, j) => {
            if (i === 0 && j === 0) put(r, col, { v, k: 'f', f: c.formula });
            else put(r + i, col + j, { v, k: 's', f: c.formula, at });
          }),
        );
      }
    }),
  );
  return rows;
}
