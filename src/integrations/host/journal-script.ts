import { z } from 'zod';
import { parseDuration } from '../../config/duration.js';

/** Lines `host logs` may ask for: 200 journal lines of about 100 characters fit Run Command's 24,000 inline characters. */
export const MAX_LINES = 200;
/** Characters kept from the end of the output on the host (`tail -c`), under Run Command's 24,000-character inline cap. */
export const MAX_OUTPUT_CHARS = 20_000;
const MAX_SINCE_MS = 7 * 86_400_000;

/**
 * `--since`: a number and one unit (`s`, `m`, `h`, `d`), at most 7 days: it goes into a shell line, so nothing else
 * is taken. systemd reads `-15m` as 15 minutes before now (systemd.time(7)).
 */
export const JournalSince = z
  .string()
  .regex(/^[1-9][0-9]{0,5}[smhd]$/, '--since takes a number and a unit, like 15m, 2h or 1d')
  .refine((since) => (parseDuration(since) ?? Infinity) <= MAX_SINCE_MS, '--since goes back at most 7d');

/**
 * `--grep`: a fixed string (grep -F) of letters, digits, spaces and `. _ : / @ = , + # % ( ) [ ] -`, at most 100
 * characters. It goes into a shell line: `$`, backticks, quotes, `;`, `|`, `&`, `<`, `>`, `\` and control
 * characters are refused before anything is sent (and what is taken is single-quoted besides).
 */
export const JournalGrep = z
  .string()
  .regex(
    /^[A-Za-z0-9 ._:/@=,+#%()[\]-]{1,100}$/,
    '--grep takes up to 100 letters, digits, spaces and . _ : / @ = , + # % ( ) [ ] - (no quotes, $, `, ;, |, &, <, >, \\ or line breaks)',
  );

/** `value` as one shell word in single quotes (a `'` inside closes, escapes and reopens). */
export const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

export interface JournalRequest {
  /** An allow-listed systemd unit (`host.units`). */
  unit: string;
  since: string;
  grep?: string;
  lines: number;
}

/**
 * The one shell line of `host logs`: the unit's journal since `-<since>` in ISO timestamps, lines holding `grep`
 * (a fixed string), the newest `lines` of them, at most {@link MAX_OUTPUT_CHARS} characters from the end (so the
 * newest lines survive Run Command's cut). Every argument is validated (see {@link JournalSince},
 * {@link JournalGrep}) and quoted. Source: journalctl(1), https://www.freedesktop.org/software/systemd/man/journalctl.html
 */
export function journalScript({ unit, since, grep, lines }: JournalRequest): string {
  return [
    `journalctl -u ${shellQuote(unit)} --since=${shellQuote(`-${since}`)} --no-pager -o short-iso`,
    ...(grep === undefined ? [] : [`grep -F -e ${shellQuote(grep)}`]),
    `tail -n ${lines}`,
    `tail -c ${MAX_OUTPUT_CHARS}`,
  ].join(' | ');
}
