/**
 * A JSON value as {@link parseLenientJson} reads it: every scalar that is not `null` comes back as the text the
 * server wrote, so `123`, `1.50`, `true` and a bare `-` are the strings `'123'`, `'1.50'`, `'true'`, `'-'`.
 */
export type LenientValue = string | null | LenientValue[] | { [key: string]: LenientValue };

/** Thrown when the text is not even lenient JSON (unbalanced brackets, a missing colon, an unclosed string). */
export class LenientJsonError extends Error {
  constructor(message: string, at: number) {
    super(`${message} at character ${at}`);
    this.name = 'LenientJsonError';
  }
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Parses what Icecast 2.4's `/status-json.xsl` writes. Its XSLT (xml2json.xslt) prints any text that XPath's
 * `number()` accepts without quotes (a title `-` becomes a bare `-`, `.5` a bare `.5`: not JSON) and `true` /
 * `false` in any case as booleans, and escapes only `\`, `"`, tab, CR and LF. So: strings as JSON strings (raw
 * control characters allowed), and every unquoted scalar up to the next `,` `}` `]` kept as its exact text, which
 * gives titles back as the source sent them (except the case of a `True` / `FALSE`: the XSLT lowercases those).
 */
export function parseLenientJson(text: string): LenientValue {
  let at = 0;
  const skipSpace = () => {
    while (at < text.length && /\s/.test(text[at] as string)) at++;
  };
  const expect = (char: string) => {
    skipSpace();
    if (text[at] !== char) throw new LenientJsonError(`expected ${char}`, at);
    at++;
  };
  /** Consumes `char` when it comes next. */
  const closes = (char: string) => {
    skipSpace();
    if (text[at] !== char) return false;
    at++;
    return true;
  };
  const string = (): string => {
    expect('"');
    let out = '';
    for (;;) {
      const char = text[at++];
      if (char === undefined) throw new LenientJsonError('unterminated string', at);
      if (char === '"') return out;
      if (char !== '\\') {
        out += char;
        continue;
      }
      const escaped = text[at++] ?? '';
      if (escaped === 'u') {
        out += String.fromCharCode(parseInt(text.slice(at, at + 4), 16));
        at += 4;
      } else out += ESCAPES[escaped] ?? escaped;
    }
  };
  const value = (): LenientValue => {
    skipSpace();
    const char = text[at];
    if (char === '"') return string();
    if (char === '{') {
      at++;
      const object: Record<string, LenientValue> = {};
      for (let first = true; !closes('}'); first = false) {
        if (!first) expect(',');
        const key = string();
        expect(':');
        object[key] = value();
      }
      return object;
    }
    if (char === '[') {
      at++;
      const array: LenientValue[] = [];
      for (let first = true; !closes(']'); first = false) {
        if (!first) expect(',');
        array.push(value());
      }
      return array;
    }
    const start = at;
    while (at < text.length && !/[,}\]]/.test(text[at] as string)) at++;
    const raw = text.slice(start, at).trim();
    if (raw === '') throw new LenientJsonError('expected a value', start);
    return raw === 'null' ? null : raw;
  };
  const result = value();
  skipSpace();
  if (at < text.length) throw new LenientJsonError('unexpected text after the value', at);
  return result;
}
