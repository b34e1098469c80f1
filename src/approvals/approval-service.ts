import { createApprovalChain, type ApprovalDependencies } from './approval-chain.js';
import { createApprovalDecisions } from './approval-decisions.js';
import { APPROVAL_ID } from './approval-record.js';
import { createApprovalRequest } from './approval-request.js';

export type { ApprovalDependencies } from './approval-chain.js';
export type { ApproveResult } from './approval-decisions.js';

/**
 * Two-person approval: requests persisted in Postgres, decided by conditional updates (exactly one
 * execution), approved only by an approver who is not the requester, expiring, single-use, bound to
 * the stored arguments and plan, and re-checked just before running. Every step is audited.
 * Asking is `approval-request.ts`; deciding (and running once approved) `approval-decisions.ts`, with
 * `execute-approved.ts`; what they share (audit chain, card refresh, expiry) `approval-chain.ts`.
 */
export function createApprovalService(deps: ApprovalDependencies) {
  const { store } = deps;
  const chain = createApprovalChain(deps);
  return {
    request: createApprovalRequest(deps, chain),

    /** The pending, unexpired request made from `origin` (an alarm card button), if any. */
    pendingFrom: (origin: string) => store.pendingFrom(origin),

    ...createApprovalDecisions(deps, chain),

    get: (id: string) => (APPROVAL_ID.test(id) ? store.get(id) : Promise.resolve(undefined)),
    listOpen: (limit: number) => store.listOpen(limit),
  };
}

export type ApprovalService = ReturnType<typeof createApprovalService>;
