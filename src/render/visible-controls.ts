// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Text from anywhere (a typed command line repeated in a usage error, a `--reason`, a query in
 * `pg_stat_activity`) shown so it can't drive whatever displays it: every C0 control but tab and
 * newline, DEL and the C1 controls become a visible `\u…` (ESC is `\u001b`), so an ESC [2J can't clear
 * a terminal, a CR can't overwrite a line, and the person still sees what was sent. Every renderer and
 * every line the shell writes itself goes through this.
 * Source: ECMA-48 (C0 and C1 control sets), https://ecma-international.org/publications-and-standards/standards/ecma-48/
 */
export function showControls(text: string): string {
  return text.replace(CONTROL, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
