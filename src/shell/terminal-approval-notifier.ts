import type { ApprovalNotifier } from '../approvals/approval-notifier.js';
import { renderTerminal } from '../render/terminal.js';

/**
 * Approval cards in the shell: printed as they change (there is no message to edit), so the person
 * at the keyboard sees the request id to `approve`, and what happened when it ran.
 */
export function createTerminalApprovalNotifier(write: (text: string) => void): ApprovalNotifier {
  return {
    async post(record, card) {
      write(`${renderTerminal(card)}\n`);
      return { channel: 'shell', ts: record.id };
    },
    async update(_record, card) {
      write(`${renderTerminal(card)}\n`);
    },
    async thread(_record, reply) {
      write(`${renderTerminal(reply)}\n`);
    },
  };
}
