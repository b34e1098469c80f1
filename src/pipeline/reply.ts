/**
 * A platform-neutral reply: what a command's `present` returns and what both renderers
 * (Block Kit for Slack, plain text for a terminal) draw. It says what it means, never how it looks:
 * no emoji codes and no mrkdwn in here. Each renderer chooses its own glyphs and escapes every string,
 * so nothing from outside can ping or break formatting.
 *
 * - **Tone**: a heading, text or note may carry a {@link Tone} (an alarm in ALARM is `error`, a plan's
 *   warning is `warning`); the renderer marks it (an emoji in Slack, `!`/`x` in a terminal).
 * - **Inline content** ({@link Inline}) of text and notes: a plain string, or a list of {@link Span}s.
 *   Plain strings are shown literally: a backtick, `*`, `_` or `~` in them is a character, never markup.
 *   Code (a command to type, a name, an identifier) is a span of its own, `{ code: '…' }`, written
 *   with the {@link rich} tag: ``note(rich`${codeSpan('alarms --state ALARM')} narrows it.`)``.
 * - **Messages** (UserError messages, plan warnings, recheck reasons) are strings that are also logged
 *   and audited; by convention they mark code with backticks. {@link messageInline} is the one place that
 *   turns those marks into code spans, where a message becomes part of a reply.
 */
export type ReplyPart =
  | { kind: 'heading'; text: string; tone?: Tone }
  | { kind: 'text'; text: Inline; tone?: Tone }
  | { kind: 'fields'; fields: [label: string, value: string][] }
  | { kind: 'table'; columns: string[]; rows: string[][] }
  | { kind: 'code'; text: string }
  | { kind: 'note'; text: Inline; tone?: Tone }
  | { kind: 'actions'; buttons: ReplyButton[] }
  /** A link to an https page (a console); renderers show `label` and never let `url` break out. */
  | { kind: 'link'; label: string; url: string };

/** What a part means, for the renderer to mark: `info` neutral news, `success` done or resolved, `warning` look at this, `error` failed or down. */
export type Tone = 'info' | 'success' | 'warning' | 'error';

/** Code inside a line of text: shown as inline code in Slack, quoted in a terminal. One line; no markup inside. */
export interface CodeSpan {
  code: string;
}

/**
 * Someone to notify, by platform id: a Slack user (`U…`, `W…`) or user group (`S…`). The Block Kit
 * renderer draws a real mention (`<@U…>`, `<!subteam^S…>`: Slack notifies them); a terminal shows `@id`.
 * Anything not shaped like such an id is shown as plain text, never as markup.
 * Source: https://api.slack.com/reference/surfaces/formatting#mentioning-users
 */
export interface MentionSpan {
  mention: string;
}

/** A run of inline content: a plain string (shown literally), a {@link CodeSpan} or a {@link MentionSpan}. */
export type Span = string | CodeSpan | MentionSpan;

/** Inline content of a text or note part: one plain string, or spans. */
export type Inline = string | readonly Span[];

/** The commands a button may run (each a command of the registry, or `run` for a stored playbook line). */
export type ButtonAction =
  'approve' | 'reject' | 'cancel' | 'run' | 'runbook confirm' | 'runbook retry' | 'runbook skip' | 'runbook abort';

/**
 * A button is a command line: `action` and `value` together read as `<action> <value>`
 * (`approve apr_…`, `runbook confirm run_…`), so pressing it runs a command through the same pipeline as
 * typing it. `value` only ever holds an id; the state it points to lives in Postgres. For `run` (alarm card
 * playbooks) `value` is the id of a stored command line, which runs as the presser. Slack's `action_id` is
 * `radio_` and the action with `_` for its spaces (`radio_runbook_confirm`).
 */
export interface ReplyButton {
  label: string;
  action: ButtonAction;
  value: string;
  style?: 'primary' | 'danger';
}

/** `in_channel` for results everyone should see; `ephemeral` for help, errors and sensitive output. */
export type Visibility = 'in_channel' | 'ephemeral';

export interface Reply {
  /** One line of plain text: the notification text and the fallback where blocks can't be shown. */
  summary: string;
  parts: ReplyPart[];
  visibility: Visibility;
  /** Long output that belongs in the answer's thread, not in the channel (see {@link ThreadOutput}). */
  thread?: ThreadOutput;
}

/**
 * Long output (a journal) as lines of a code block. The command only says that it belongs in the thread;
 * the front doors decide how: Slack posts the answer with a few of the lines and the rest in its thread
 * (`thread_ts`), or a trimmed block where no thread can be posted; a terminal prints every line after the
 * answer (src/render/thread-output.ts).
 */
export interface ThreadOutput {
  /** What a line is, plural, for the words around the lines: `journal lines` -> "200 journal lines in the thread". */
  noun: string;
  lines: string[];
}

/** Output beyond this many lines or characters would crowd the channel: it belongs in the answer's thread. */
const THREAD_AFTER = { lines: 40, chars: 2_500 } as const;

/** `lines` as thread output when they are longer than {@link THREAD_AFTER}; `undefined` when they fit the answer. */
export function longOutput(noun: string, lines: string[]): ThreadOutput | undefined {
  const chars = lines.reduce((sum, line) => sum + line.length + 1, 0);
  return lines.length > THREAD_AFTER.lines || chars > THREAD_AFTER.chars ? { noun, lines } : undefined;
}

export const heading = (value: string, tone?: Tone): ReplyPart => ({
  kind: 'heading',
  text: value,
  ...(tone ? { tone } : {}),
});
export const text = (value: Inline, tone?: Tone): ReplyPart => ({
  kind: 'text',
  text: value,
  ...(tone ? { tone } : {}),
});
export const note = (value: Inline, tone?: Tone): ReplyPart => ({
  kind: 'note',
  text: value,
  ...(tone ? { tone } : {}),
});
export const code = (value: string): ReplyPart => ({ kind: 'code', text: value });
export const fields = (...pairs: [string, string][]): ReplyPart => ({ kind: 'fields', fields: pairs });
export const link = (label: string, url: string): ReplyPart => ({ kind: 'link', label, url });
export const table = (columns: string[], rows: string[][]): ReplyPart => ({ kind: 'table', columns, rows });

/** An inline code span. */
export const codeSpan = (value: string): CodeSpan => ({ code: value });

/** A mention of a user or user group id (see {@link MentionSpan}). */
export const mention = (id: string): MentionSpan => ({ mention: id });

/**
 * Tagged template for inline content: literal text and interpolated strings and numbers stay plain,
 * interpolated {@link CodeSpan}s stay code. ``rich`Run ${codeSpan('db size')} now` `` is
 * `['Run ', { code: 'db size' }, ' now']`.
 */
export function rich(strings: TemplateStringsArray, ...values: (Span | number)[]): Span[] {
  const spans: Span[] = [];
  strings.forEach((literal, index) => {
    append(spans, literal);
    const value = values[index];
    if (value !== undefined) append(spans, typeof value === 'number' ? String(value) : value);
  });
  return spans;
}

/**
 * A message's backtick marks as code spans: ``"`x` is gone"`` is `[{ code: 'x' }, ' is gone']`; a message
 * without marks stays one string. A lone backtick stays text.
 */
export function messageInline(message: string): Inline {
  const spans: Span[] = [];
  message.split(/`([^`\n]+)`/).forEach((piece, index) => append(spans, index % 2 === 1 ? { code: piece } : piece));
  return spans.length === 1 && typeof spans[0] === 'string' ? spans[0] : spans;
}

/** Inline content as spans. */
export const spansOf = (value: Inline): readonly Span[] => (typeof value === 'string' ? [value] : value);

/** Inline content as one plain string, code spans unmarked, mentions as `@id` (for summaries, logs and tests). */
export const plainText = (value: Inline): string =>
  spansOf(value)
    .map((span) => (typeof span === 'string' ? span : 'code' in span ? span.code : `@${span.mention}`))
    .join('');

/** Adds a span, merging adjacent plain strings and dropping empty ones. */
function append(spans: Span[], span: Span): void {
  if (span === '') return;
  const last = spans.at(-1);
  if (typeof span === 'string' && typeof last === 'string') spans[spans.length - 1] = last + span;
  else spans.push(span);
}
