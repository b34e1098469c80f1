/**
 * A platform-neutral reply: what a command's `present` returns and what both renderers
 * (Block Kit for Slack, plain text for a terminal) draw. Every string here is plain text
 * from wherever it came; renderers escape it, so nothing outside can ping or break formatting.
 */
export type ReplyPart =
  | { kind: 'heading'; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'fields'; fields: [label: string, value: string][] }
  | { kind: 'table'; columns: string[]; rows: string[][] }
  | { kind: 'code'; text: string }
  | { kind: 'note'; text: string }
  | { kind: 'actions'; buttons: ReplyButton[] }
  /** A link to an https page (a console); renderers show `label` and never let `url` break out. */
  | { kind: 'link'; label: string; url: string };

/**
 * A button is a command line: `action` and `value` together read as `<action> <value>`
 * (`approve apr_…`), so pressing it runs a command through the same pipeline as typing it.
 * `value` only ever holds an id; the state it points to lives in Postgres. For `run` (alarm card
 * playbooks) `value` is the id of a stored command line, which runs as the presser.
 */
export interface ReplyButton {
  label: string;
  action: 'approve' | 'reject' | 'cancel' | 'run';
  value: string;
  style?: 'primary' | 'danger';
}

/** `in_channel` for results everyone should see; `ephemeral` for help, errors and sensitive output. */
export type Visibility = 'in_channel' | 'ephemeral';

export interface Reply {
  /** One line: the notification text and the fallback where blocks can't be shown. */
  summary: string;
  parts: ReplyPart[];
  visibility: Visibility;
}

export const heading = (text: string): ReplyPart => ({ kind: 'heading', text });
export const text = (value: string): ReplyPart => ({ kind: 'text', text: value });
export const note = (value: string): ReplyPart => ({ kind: 'note', text: value });
export const code = (value: string): ReplyPart => ({ kind: 'code', text: value });
export const fields = (...pairs: [string, string][]): ReplyPart => ({ kind: 'fields', fields: pairs });
export const link = (label: string, url: string): ReplyPart => ({ kind: 'link', label, url });
export const table = (columns: string[], rows: string[][]): ReplyPart => ({ kind: 'table', columns, rows });
