/** Cuts `text` to at most `max` UTF-16 units without splitting a surrogate pair, adding `…` when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** Splits lines into chunks of at most `max` units each; a single over-long line is truncated. */
export function chunkLines(lines: string[], max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = truncate(raw, max);
    if (current && current.length + 1 + line.length > max) {
      chunks.push(current);
      current = line;
    } else {
      current = current ? `${current}\n${line}` : line;
    }
  }
  if (current) chunks.push(current);
  return chunks;
}

/** Lays rows out in fixed-width columns (for a terminal or a Slack code block). */
export function formatTable(columns: string[], rows: string[][], maxCell = 60): string[] {
  const cells = [columns, ...rows].map((row) => row.map((cell) => truncate(oneLine(cell), maxCell)));
  const widths = columns.map((_, index) => Math.max(...cells.map((row) => [...(row[index] ?? '')].length)));
  const pad = (row: string[]) =>
    row
      .map((cell, index) => cell + ' '.repeat((widths[index] ?? 0) - [...cell].length))
      .join('  ')
      .trimEnd();
  const [header, ...body] = cells;
  return [pad(header ?? []), widths.map((width) => '-'.repeat(width)).join('  '), ...body.map(pad)];
}

/** Collapses newlines and tabs so one value stays on one table line. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n\t]+\s*/g, ' ');
}

/**
 * Length of `value` once escaped for mrkdwn and quoted in the blocks' JSON, as Slack counts it towards a
 * message: `& < >` become entities, formatting marks gain word joiners, control characters are shown as
 * `\u001b` (src/render/visible-controls.ts), and quotes, backslashes, tabs and newlines are escaped.
 */
export const slackCost = (value: string) =>
  value.length +
  4 * (value.match(/[&<>]/g)?.length ?? 0) +
  2 * (value.match(/[*_~`]/g)?.length ?? 0) +
  // eslint-disable-next-line no-control-regex -- counting control characters is the point
  6 * (value.match(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g)?.length ?? 0) +
  (value.match(/["\\\n\t]/g)?.length ?? 0);
