/**
 * Output written as it is made, in chunks, for reports of any size: the
 * command line never holds a whole report as one string (V8 refuses a
 * string longer than 2^29 − 24 characters, about 512 MB, and a million
 * accounts listed as JSON are more) nor as one array of lines spread into a
 * call. Pieces are gathered into chunks of about CHUNK_CHARS characters;
 * each chunk is one write, and when the stream says it is full (write
 * returns false, as Node's stdout does on a slow pipe) the next chunk waits
 * for its 'drain' event, so memory stays bounded whatever the reader's speed.
 */
import { jsonPieces } from '../core/text/json-stream';

/** What the command line writes to: Node's stdout, or a test's collector. */
export interface OutputStream {
  write(text: string): unknown;
  /** Node streams: 'drain' once a full buffer has been written out. */
  once?(event: 'drain', listener: () => void): unknown;
}

/** About 64 K characters per write. */
export const CHUNK_CHARS = 1 << 16;

/** Writes the pieces in chunks of about `chunkChars` characters, waiting for 'drain' whenever the stream is full. */
export async function writePieces(
  stream: OutputStream,
  pieces: Iterable<string>,
  chunkChars = CHUNK_CHARS,
): Promise<void> {
  let parts: string[] = [];
  let size = 0;
  const flush = async () => {
    const text = parts.join('');
    parts = [];
    size = 0;
    if (stream.write(text) === false && stream.once)
      await new Promise<void>((resolve) => stream.once!('drain', resolve));
  };
  for (const piece of pieces) {
    // A piece larger than a chunk (a 5 MB name) is written in chunk-sized parts.
    for (let from = 0; from < piece.length; ) {
      let take = Math.min(piece.length - from, chunkChars - size);
      // Never between the two halves of a surrogate pair (each half alone would be written as U+FFFD).
      const last = piece.charCodeAt(from + take - 1);
      if (from + take < piece.length && last >= 0xd800 && last <= 0xdbff) take = take > 1 ? take - 1 : 2;
      parts.push(from === 0 && take === piece.length ? piece : piece.slice(from, from + take));
      size += take;
      from += take;
      if (size >= chunkChars) await flush();
    }
  }
  if (size > 0) await flush();
}

/** A JSON document as `JSON.stringify(value, null, 2)` and a line feed would write it, in pieces. */
export function* jsonOutput(value: unknown): Generator<string> {
  yield* jsonPieces(value, 2);
  yield '\n';
}

/** Each line followed by a line feed. */
export function* withNewlines(lines: Iterable<string>): Generator<string> {
  for (const line of lines) yield `${line}\n`;
}
