/**
 * The interim notice `/radio` posts on `response_url` (ephemeral, text only) when a command takes longer than
 * `deadlines.stillRunning`; the answer follows on the same `response_url`. Readers of the replies (`radio-ops
 * send`, tests) pass over it to find the answer.
 */
export const STILL_RUNNING_NOTICE = {
  response_type: 'ephemeral',
  replace_original: false,
  text: 'Still running…',
} as const;

/** Whether a `response_url` body is the {@link STILL_RUNNING_NOTICE} rather than an answer. */
export const isStillRunningNotice = (reply: Record<string, unknown>): boolean =>
  reply.text === STILL_RUNNING_NOTICE.text && reply.blocks === undefined;
