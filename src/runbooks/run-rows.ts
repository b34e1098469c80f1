import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { RunArguments } from './runbook.js';
import type { NewStep } from './step-rows.js';

export const RunStatus = z.enum(['running', 'waiting', 'stopped', 'succeeded', 'aborted']);
export type RunStatus = z.infer<typeof RunStatus>;

/** A row of `runbook_runs`, validated as read back. */
export const RunRow = z.object({
  id: z.string(),
  request_id: z.string(),
  approval_id: z.string().nullable(),
  runbook: z.string(),
  args: z.record(z.string(), z.union([z.string(), z.boolean()])),
  text: z.string(),
  requester_id: z.string(),
  requester_name: z.string().nullable(),
  source: z.string(),
  team_id: z.string().nullable(),
  channel_id: z.string().nullable(),
  status: RunStatus,
  current_step: z.number().int(),
  message_channel: z.string().nullable(),
  message_ts: z.string().nullable(),
  created_at: z.coerce.date(),
  finished_at: z.coerce.date().nullable(),
});
export type RunRow = z.infer<typeof RunRow>;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** `run_` and 16 Crockford base32 characters (80 random bits). */
export const newRunId = () => `run_${[...randomBytes(16)].map((byte) => CROCKFORD[byte & 31]).join('')}`;
export const RUN_ID = /^run_[0-9A-HJKMNP-TV-Z]{16}$/;

export interface NewRun {
  requestId: string;
  approvalId?: string;
  runbook: string;
  args: RunArguments;
  text: string;
  requesterId: string;
  requesterName?: string;
  source: string;
  teamId?: string;
  channelId?: string;
  steps: NewStep[];
}
