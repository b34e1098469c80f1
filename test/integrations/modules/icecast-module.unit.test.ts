import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { icecastModule } from '../../../src/integrations/icecast/icecast-module.js';
import { MODULES } from '../../../src/integrations/modules.js';
import { integrationsForRun } from '../../../src/integrations/run-view.js';
import { startHungServer, type HungServer } from '../../support/hung-server.js';
import { integrationContext } from '../../support/integration-context.js';
import { startRecordedIcecast } from '../../support/recorded-icecast.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => void (await Promise.all(closers.splice(0).map((close) => close()))));
const yaml = (url: string) => ({ station: { icecast: { url } } });

describe('the icecast module', () => {
  it('is registered, and not configured without station.icecast', () => {
    expect(MODULES.get('icecast')).toBe(icecastModule);
    expect(icecastModule.create(integrationContext().context)).toBeUndefined();
    expect(icecastModule.notConfigured).toBe('Icecast is not configured (station.icecast.url in the YAML).');
  });

  it('takes its admin password from ICECAST_ADMIN_PASSWORD, and shows its URL without credentials', () => {
    expect(loadConfig('shell', { ICECAST_ADMIN_PASSWORD: 's3cret' }).icecastAdminPassword).toBe('s3cret');
    expect(loadConfig('shell', { ICECAST_ADMIN_PASSWORD: '' }).icecastAdminPassword).toBeUndefined();
    const settings = { aws: { mode: 'live' as const }, icecastAdminPassword: 's3cret' };
    const icecast = icecastModule.create(
      integrationContext({ settings, yaml: yaml('http://admin:inline@127.0.0.1:8000/') }).context,
    );
    expect(icecast).toMatchObject({ baseUrl: 'http://127.0.0.1:8000', admin: true });
    expect(icecastModule.create(integrationContext({ yaml: yaml('http://127.0.0.1:8000') }).context)?.admin).toBe(
      false,
    );
  });

  it('asks the configured server, with the admin user from the YAML (default admin)', async () => {
    const recorded = await startRecordedIcecast('Icecast 2.4.4', {
      'GET /admin/stats': { fixture: 'icecast-2.4.4-admin-stats-1-mount.xml' },
    });
    closers.push(recorded.close);
    const settings = { aws: { mode: 'live' as const }, icecastAdminPassword: 's3cret' };
    const icecast = icecastModule.create(integrationContext({ settings, yaml: yaml(recorded.url) }).context);
    expect((await icecast?.stats())?.mounts.map((m) => m.mount)).toEqual(['/rap.mp3']);
    expect(recorded.requests[0]?.authorization).toBe(`Basic ${Buffer.from('admin:s3cret').toString('base64')}`);
  });

  it("gives each run a view whose calls end with the run's signal", async () => {
    const hung: HungServer = await startHungServer();
    closers.push(() => hung.close());
    const icecast = icecastModule.create(integrationContext({ yaml: yaml(hung.url) }).context);
    const run = new AbortController();
    const { icecast: view } = integrationsForRun({ icecast } as never, run.signal) as { icecast: typeof icecast };
    expect(view).not.toBe(icecast);
    const pending = view?.stats().catch((error: unknown) => error);
    await expect.poll(() => hung.accepted).toBe(1);
    run.abort();
    expect(await pending).toMatchObject({ code: 'timeout', message: expect.stringMatching(/cut off at its deadline/) });
  });
});
