import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/** `approval_requests.status`: `pending` until decided; `running` is claimed by exactly one executor. */
export type ApprovalStatus =
  'pending' | 'running' | 'succeeded' | 'failed' | 'refused' | 'rejected' | 'cancelled' | 'expired' | 'interrupted';

/** A row of `approval_requests`, validated as it is read back. */
export const ApprovalRecord = z.object({
  id: z.string(),
  request_id: z.string(),
  command: z.string(),
  args: z.unknown(),
  text: z.string(),
  reason: z.string().nullable(),
  plan: z.unknown(),
  requester_id: z.string(),
  requester_name: z.string().nullable(),
  source: z.string(),
  team_id: z.string().nullable(),
  channel_id: z.string().nullable(),
  message_channel: z.string().nullable(),
  message_ts: z.string().nullable(),
  quorum: z.number().int(),
  status: z.enum([
    'pending',
    'running',
    'succeeded',
    'failed',
    'refused',
    'rejected',
    'cancelled',
    'expired',
    'interrupted',
  ]),
  created_at: z.coerce.date(),
  expires_at: z.coerce.date(),
  decided_at: z.coerce.date().nullable(),
  decided_by: z.string().nullable(),
  decision_reason: z.string().nullable(),
  result: z.unknown().nullable(),
  error: z.string().nullable(),
  /** What the request was made from, when a press must find it again (an alarm card button's `run_…` id). */
  origin: z.string().nullish(),
  /** Who approved, oldest first (from `approval_votes`). */
  approvers: z.array(z.string()).default([]),
});
export type ApprovalRecord = z.infer<typeof ApprovalRecord>;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A new opaque approval id, `apr_` and 26 Crockford base32 characters (130 random bits). */
export function newApprovalId(): string {
  return `apr_${[...randomBytes(26)].map((byte) => CROCKFORD[byte & 31]).join('')}`;
}

/** The shape of an approval id; anything else is refused before a query is made. */
export const APPROVAL_ID = /^apr_[0-9A-HJKMNP-TV-Z]{26}$/;
