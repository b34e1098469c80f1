import { describe, expect, it } from 'vitest';
import { shellApprovalsCount } from '../../src/approvals/shell-approvals-count.js';
import { RadioConfig } from '../../src/config/radio-config.js';

describe('shellApprovalsCount', () => {
  it('counts shell approvals in the demo (no YAML file), so the two-person flow can be tried alone', () => {
    expect(shellApprovalsCount(RadioConfig.parse({}), false)).toBe(true);
  });

  it('does not count them with a YAML file unless approvals.allowShell is true (default false)', () => {
    const file = RadioConfig.parse({ approvals: { ttl: '30m' } });
    expect(file.approvals.allowShell).toBe(false);
    expect(shellApprovalsCount(file, true)).toBe(false);
    expect(shellApprovalsCount(RadioConfig.parse({ approvals: { allowShell: true } }), true)).toBe(true);
  });
});
