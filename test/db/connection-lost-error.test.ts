import { describe, expect, it } from 'vitest';
import { asConnectionLoss, ConnectionLostError, isConnectionLoss } from '../../src/db/connection-lost-error.js';

describe('isConnectionLoss', () => {
  it("fault 1: recognises admin_shutdown, a reset socket and pg's unexpected end, and nothing else", () => {
    expect(
      isConnectionLoss(
        Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      ),
    ).toBe(true);
    expect(isConnectionLoss(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isConnectionLoss(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(
      isConnectionLoss(Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' })),
    ).toBe(false);
    expect(isConnectionLoss(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isConnectionLoss('57P01')).toBe(false);
  });

  it("wraps only a loss, keeping the driver's error as the cause", () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    const wrapped = asConnectionLoss('The station database (RADIO_DATABASE_URL)', reset);
    expect(wrapped).toBeInstanceOf(ConnectionLostError);
    expect(wrapped).toMatchObject({ label: 'The station database (RADIO_DATABASE_URL)', cause: reset });
    const timeout = Object.assign(new Error('canceling statement'), { code: '57014' });
    expect(asConnectionLoss('The station database', timeout)).toBe(timeout);
  });
});
