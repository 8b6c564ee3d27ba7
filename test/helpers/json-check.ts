/**
 * Checks JSON text that arrives in chunks, without holding it: a document
 * of more than 2^29 characters (V8's longest string) cannot be given to
 * JSON.parse, yet a test must still prove it parses. A pushdown recogniser
 * of RFC 8259 (values, strings with their escapes, numbers, literals,
 * whitespace), fed chunk by chunk; it counts the items of the arrays found
 * under a given key of the top-level object (e.g. "accounts"), and keeps
 * the top-level scalars under given keys (e.g. "format"). Its verdicts are
 * checked against JSON.parse on generated documents (json-check.test.ts).
 */

type Frame =
  | { kind: 'object'; state: 'key-or-end' | 'key' | 'colon' | 'value' | 'comma-or-end'; key: string | null }
  | { kind: 'array'; state: 'value-or-end' | 'value' | 'comma-or-end'; count: number };

/** What ends the plain run of a string. */
const STRING_STOP = /["\\\u0000-\u001f]/g;

const NOT_SPACE = /[^ \n\r\t]/g;

export interface JsonCheckResult {
  /** Items of each top-level key's array. */
  counts: Record<string, number>;
  /** Top-level keys' values when they are strings, numbers, booleans or null (their JSON text). */
  scalars: Record<string, string>;
  chars: number;
}

export class JsonChecker {
  private stack: Frame[] = [];
  private done = false;
  private started = false;
  /** Inside a string: escape state and the text so far (kept only for keys and top-level scalars). */
  private str: { escape: 0 | 1 | 2 | 3 | 4 | 5; keep: boolean; text: string } | null = null;
  /** Inside a number or a literal: its text so far. */
  private token: string | null = null;
  private chars = 0;
  private readonly counts: Record<string, number> = {};
  private readonly scalars: Record<string, string> = {};

  constructor(private readonly countKeys: string[] = []) {}

  private fail(what: string): never {
    throw new Error(`invalid JSON at character ${this.chars}: ${what}`);
  }

  private get top(): Frame | undefined {
    return this.stack[this.stack.length - 1];
  }

  /** The top-level object's key whose value is being read (depth 1 only). */
  private topKey(): string | null {
    const f = this.stack[0];
    return this.stack.length === 1 && f?.kind === 'object' ? f.key : null;
  }

  private valueStarts(): void {
    const f = this.top;
    if (!f) {
      if (this.started) this.fail('a second value');
      this.started = true;
      return;
    }
    if (f.kind === 'array') {
      if (f.state !== 'value-or-end' && f.state !== 'value') this.fail('a value where a comma was due');
      f.state = 'comma-or-end';
      f.count++;
      if (
        this.stack.length === 2 &&
        this.stack[0].kind === 'object' &&
        this.stack[0].key !== null &&
        this.countKeys.includes(this.stack[0].key)
      ) {
        this.counts[this.stack[0].key] = f.count;
      }
    } else {
      if (f.state !== 'value') this.fail('a value where a key was due');
      f.state = 'comma-or-end';
    }
  }

  private valueEnds(): void {
    if (this.stack.length === 0) this.done = true;
  }

  private endToken(): void {
    const t = this.token as string;
    this.token = null;
    if (!(/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(t) || t === 'true' || t === 'false' || t === 'null'))
      this.fail(`bad token ${t.slice(0, 20)}`);
    const k = this.topKey();
    if (k !== null) this.scalars[k] = t;
    this.valueEnds();
  }

  write(chunk: string): void {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      this.chars++;
      if (this.str) {
        const s = this.str;
        if (s.escape === 0) {
          // The plain run of a string in one native search: to its end, an escape or a control character.
          STRING_STOP.lastIndex = i;
          const stop = STRING_STOP.exec(chunk);
          const end = stop ? stop.index : chunk.length;
          if (end > i) {
            if (s.keep) s.text += chunk.slice(i, end);
            this.chars += end - i - 1;
            i = end - 1;
            continue;
          }
        }
        if (s.escape === 1) {
          if (c === 'u') s.escape = 2;
          else if ('"\\/bfnrt'.includes(c)) s.escape = 0;
          else this.fail('bad escape');
          if (s.keep) s.text += `\\${c}`;
          continue;
        }
        if (s.escape >= 2) {
          if (!/[0-9a-fA-F]/.test(c)) this.fail('bad \\u escape');
          s.escape = s.escape === 5 ? 0 : ((s.escape + 1) as 3 | 4 | 5);
          if (s.keep) s.text += c;
          continue;
        }
        if (c === '\\') {
          s.escape = 1;
          continue;
        }
        if (c === '"') {
          this.str = null;
          const f = this.top;
          if (f && f.kind === 'object' && f.state === 'key') {
            f.key = JSON.parse(`"${s.text}"`);
            f.state = 'colon';
          } else {
            const k = this.topKey();
            if (k !== null) this.scalars[k] = `"${s.text}"`;
            this.valueEnds();
          }
          continue;
        }
        if (c < ' ') this.fail('a control character in a string');
        if (s.keep) s.text += c;
        continue;
      }
      if (this.token !== null) {
        if (/[0-9a-zA-Z.+-]/.test(c)) {
          this.token += c;
          continue;
        }
        this.endToken();
      }
      if (c === ' ' || c === '\n' || c === '\r' || c === '\t') {
        NOT_SPACE.lastIndex = i;
        const next = NOT_SPACE.exec(chunk);
        const end = next ? next.index : chunk.length;
        this.chars += end - i - 1;
        i = end - 1;
        continue;
      }
      if (this.done) this.fail('text after the value');
      const f = this.top;
      if (f && f.kind === 'object' && (f.state === 'key-or-end' || f.state === 'key')) {
        if (c === '"') {
          f.state = 'key';
          this.str = { escape: 0, keep: true, text: '' };
          continue;
        }
        if (c === '}' && f.state === 'key-or-end') {
          this.stack.pop();
          this.valueEnds();
          continue;
        }
        this.fail('a key was due');
      }
      if (f && f.kind === 'object' && f.state === 'colon') {
        if (c !== ':') this.fail('a colon was due');
        f.state = 'value';
        continue;
      }
      if (f && f.state === 'comma-or-end') {
        if (c === ',') {
          if (f.kind === 'object') {
            f.state = 'key';
            f.key = null;
          } else f.state = 'value';
          continue;
        }
        if ((c === '}' && f.kind === 'object') || (c === ']' && f.kind === 'array')) {
          this.stack.pop();
          this.valueEnds();
          continue;
        }
        this.fail('a comma or an end was due');
      }
      if (c === ']' && f && f.kind === 'array' && f.state === 'value-or-end') {
        this.stack.pop();
        this.valueEnds();
        continue;
      }
      // A value starts.
      this.valueStarts();
      if (c === '{') this.stack.push({ kind: 'object', state: 'key-or-end', key: null });
      else if (c === '[') {
        this.stack.push({ kind: 'array', state: 'value-or-end', count: 0 });
        const k = this.stack.length === 2 && this.stack[0].kind === 'object' ? this.stack[0].key : null;
        if (k !== null && this.countKeys.includes(k)) this.counts[k] = 0;
      } else if (c === '"') this.str = { escape: 0, keep: this.topKey() !== null && this.stack.length === 1, text: '' };
      else if (/[-0-9tfn]/.test(c)) this.token = c;
      else this.fail(`unexpected ${JSON.stringify(c)}`);
    }
  }

  end(): JsonCheckResult {
    if (this.token !== null) this.endToken();
    if (this.str || !this.done) this.fail('the text ends inside a value');
    return { counts: { ...this.counts }, scalars: { ...this.scalars }, chars: this.chars };
  }
}

/** Checks a whole text (for tests of the checker itself). */
export function checkJson(text: string, countKeys: string[] = [], chunk = 7): JsonCheckResult {
  const c = new JsonChecker(countKeys);
  for (let i = 0; i < text.length; i += chunk) c.write(text.slice(i, i + chunk));
  return c.end();
}
