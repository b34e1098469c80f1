import { Transform, type TransformCallback } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/** The longest line the shell reads, in characters; a command line is a few hundred at most. */
export const MAX_LINE_LENGTH = 10_000;

/**
 * Sits between piped stdin and readline and passes on complete lines only, none longer than
 * `maxLength`. readline keeps an unfinished line in one string and throws `RangeError: Invalid
 * string length` (uncatchable, from its `data` handler) once it passes ~512 MB, which a stream
 * without newlines (`< /dev/zero`, a binary file) reaches in seconds. At the first longer line the
 * guard ends its output (readline then ends, after the lines before it) and calls `onOverflow`,
 * where the caller stops reading its source; `overflowed` tells why the input ended.
 *
 * Not for a terminal: readline needs the TTY itself for raw mode, and nobody types 10,000 characters.
 */
export class LineLengthGuard extends Transform {
  #decoder = new StringDecoder('utf8');
  #partial = '';
  #overflowed = false;

  constructor(
    readonly maxLength: number,
    private readonly onOverflow: () => void = () => undefined,
  ) {
    super({ decodeStrings: true });
  }

  /** True once a line longer than `maxLength` arrived: the output ended there. */
  get overflowed(): boolean {
    return this.#overflowed;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.#overflowed) {
      callback();
      return;
    }
    const text = this.#partial + this.#decoder.write(chunk);
    const complete = text.slice(0, text.lastIndexOf('\n') + 1);
    let start = 0;
    for (let end = complete.indexOf('\n'); end !== -1; end = complete.indexOf('\n', start)) {
      if (end - start > this.maxLength) break;
      start = end + 1;
    }
    const rest = text.slice(start);
    if (start < complete.length || rest.length > this.maxLength) {
      this.#overflowed = true;
      this.#partial = '';
      if (start > 0) this.push(text.slice(0, start));
      this.push(null);
      this.onOverflow();
      callback();
      return;
    }
    this.#partial = rest;
    if (start > 0) this.push(complete);
    callback();
  }

  override _flush(callback: TransformCallback): void {
    if (!this.#overflowed) {
      const last = this.#partial + this.#decoder.end();
      if (last.length > this.maxLength) {
        this.#overflowed = true;
        this.onOverflow();
      } else if (last !== '') {
        this.push(last);
      }
    }
    callback();
  }
}
