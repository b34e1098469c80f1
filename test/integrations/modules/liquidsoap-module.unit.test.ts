import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Integrations } from '../../../src/integrations/integrations.js';
import { liquidsoapModule } from '../../../src/integrations/liquidsoap/liquidsoap-module.js';
import { MODULES } from '../../../src/integrations/modules.js';
import { integrationsForRun } from '../../../src/integrations/run-view.js';
import { memoryAuditLog } from '../../support/fakes.js';
import { integrationContext } from '../../support/integration-context.js';
import { startHungServer, type HungServer } from '../../support/hung-server.js';

let hung: HungServer;
beforeAll(async () => {
  hung = await startHungServer();
});
afterAll(() => hung.close());

describe('the liquidsoap module', () => {
  it('is registered, and not configured without station.liquidsoap', () => {
    expect(MODULES.get('liquidsoap')).toBe(liquidsoapModule);
    expect(liquidsoapModule.create(integrationContext().context)).toBeUndefined();
    expect(liquidsoapModule.notConfigured).toMatch(/station\.liquidsoap/);
  });

  it('talks to station.liquidsoap (port 1234 by default) and pushes under station.pushAllowList only', () => {
    const ops = liquidsoapModule.create(
      integrationContext({
        yaml: { station: { liquidsoap: { host: '10.0.0.5' }, pushAllowList: ['/srv/audio/'] } },
      }).context,
    );
    expect(ops?.address).toBe('10.0.0.5:1234');
    expect(ops?.preparePush('rap_queue', '/srv/audio/a.mp3').line).toBe('rap_queue.push /srv/audio/a.mp3');
    expect(() => ops?.preparePush('rap_queue', '/etc/passwd')).toThrow(/accepts URIs under `\/srv\/audio\/`/);
  });

  it("a run's view aborts its calls when the run's signal fires (the command's deadline)", async () => {
    const ops = liquidsoapModule.create(
      integrationContext({ yaml: { station: { liquidsoap: { host: '127.0.0.1', port: hung.port } } } }).context,
    );
    const run = new AbortController();
    const integrations: Integrations = { audit: memoryAuditLog(), liquidsoap: ops };
    const view = integrationsForRun(integrations, run.signal).liquidsoap;
    expect(view).not.toBe(ops);
    const before = hung.accepted;
    const call = view?.version().catch((error: unknown) => error);
    await expect.poll(() => hung.accepted).toBe(before + 1);
    run.abort(new Error('deadline of 30000 ms passed'));
    expect(await call).toMatchObject({ code: 'timeout', fault: 'aborted', command: 'version' });
  });
});
