import type { ApprovalService } from '../approvals/approval-service.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { BackendTerminator } from './pg-backend-terminator.js';
import type { AwsAccess } from './aws/aws-access.js';
import type { StationDatabase } from './station-database.js';

/**
 * Everything a command may touch, built in the composition root (`src/main.ts`) and handed in.
 * Tests pass fakes or clients on real local services; nothing is imported globally.
 */
export interface Integrations {
  stationDb: StationDatabase;
  audit: AuditLog;
  /** Terminates station-database backends (`db kill-idle`, `db terminate`). */
  terminator?: BackendTerminator;
  /** Two-person approval; without it, destructive requests are refused. */
  approvals?: ApprovalService;
  /** Whether AWS commands may call AWS; absent means they only plan. */
  aws?: AwsAccess;
}
