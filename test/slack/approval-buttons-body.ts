// A block_actions request body exactly as Slack posts it (the shared fixture's shape), for tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A block_actions body as Slack posts it (the fixture's shape), for `userId` pressing `actionId` (on the message `messageTs`). */
export function buttonBody(
  actionId: string,
  value: string,
  userId: string,
  responseUrl: string,
  messageTs?: string,
): string {
  const raw = readFileSync(
    fileURLToPath(new URL('../fixtures/slack/block-actions-approve.form.txt', import.meta.url)),
    'utf8',
  );
  const payload = JSON.parse(new URLSearchParams(raw).get('payload') ?? '{}');
  payload.user = { ...payload.user, id: userId, username: userId.toLowerCase(), name: userId.toLowerCase() };
  payload.actions = [{ ...payload.actions[0], action_id: actionId, value }];
  payload.response_url = responseUrl;
  if (messageTs) payload.message = { ...payload.message, ts: messageTs };
  // Slack escapes "/" as "\/" in this JSON; keep that quirk so nothing depends on a re-serialization.
  return new URLSearchParams({ payload: JSON.stringify(payload).replace(/\//g, '\\/') }).toString();
}

/** A view_submission body as Slack posts it, for `userId` submitting modal `callbackId` (a reason typed or not). */
export function viewSubmissionBody(options: {
  userId: string;
  callbackId: string;
  privateMetadata: string;
  reason?: string;
}): string {
  const name = options.userId.slice(2).toLowerCase();
  const submission = {
    type: 'view_submission',
    team: { id: 'T0EXAMPLE', domain: 'exampleradio' },
    user: { id: options.userId, username: name, name, team_id: 'T0EXAMPLE' },
    api_app_id: 'A0EXAMPLE01',
    token: 'x',
    trigger_id: '1.2.3',
    view: {
      id: 'V0VIEW',
      type: 'modal',
      callback_id: options.callbackId,
      private_metadata: options.privateMetadata,
      hash: 'h',
      state: {
        values:
          options.reason === undefined
            ? {}
            : { reason: { reason: { type: 'plain_text_input', value: options.reason } } },
      },
    },
  };
  return new URLSearchParams({ payload: JSON.stringify(submission) }).toString();
}
