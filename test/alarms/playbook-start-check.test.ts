// Issue 13, fault 17b: playbook buttons are command lines of the registry, checked when the server starts,
// so a typo stops the start with the playbook and button named, instead of failing at the 3 a.m. click.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ConfigError, loadConfig } from '../../src/config/load-config.js';
import { startServer } from '../../src/main.js';

const dir = mkdtempSync(join(tmpdir(), 'radio-ops-playbook-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts the server on the test YAML with `playbooks`; resolves the error it refused with, or 'started'. */
async function startWith(playbooks: unknown[]): Promise<unknown> {
  const radio = parse(
    readFileSync(fileURLToPath(new URL('../fixtures/radio.test.yml', import.meta.url)), 'utf8'),
  ) as Record<string, unknown>;
  radio.alarms = { channel: 'C0EXAMPLE01', playbooks };
  const path = join(dir, 'radio.yml');
  writeFileSync(path, stringify(radio));
  const config = loadConfig('server', {
    SLACK_SIGNING_SECRET: 'test-signing-secret-0123456789',
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_API_URL: 'http://127.0.0.1:9/api/',
    DATABASE_URL: process.env.RADIO_OPS_TEST_DATABASE_URL,
    RADIO_CONFIG: path,
    PORT: '0',
  });
  return startServer(config, { log: pino({ level: 'silent' }) }).then(
    async (running) => {
      await running.stop();
      return 'started';
    },
    (error: unknown) => error,
  );
}

describe('playbook command lines at start', () => {
  it('fault 17: a typo in a playbook button fails the start, naming the playbook, the button and the problem', async () => {
    const refused = await startWith([
      {
        match: { namespace: 'AWS/RDS' },
        buttons: [
          { label: 'Slow queries', command: 'db slow-queries' },
          { label: 'Kill idle > 10m', command: 'db kil-idle --older 10m' },
        ],
      },
      {
        match: { namespace: 'AWS/S3' },
        buttons: [
          { label: 'Clean up', command: 's3 cleanup --prefix temp/ --older soon' },
          { label: 'Scale', command: 'scale n8nx 4' },
        ],
      },
    ]);
    expect(refused).toBeInstanceOf(ConfigError);
    const message = (refused as Error).message;
    expect(message).toContain('radio-ops cannot start:');
    expect(message).toContain(
      'alarms.playbooks[0].buttons[1] ("Kill idle > 10m"): `db kil-idle --older 10m`: Unknown command `db kil-idle`. Did you mean `db kill-idle`?',
    );
    expect(message).toContain('alarms.playbooks[1].buttons[0] ("Clean up"): `s3 cleanup --prefix temp/ --older soon`:');
    expect(message).toMatch(/`older`: .*duration/);
    expect(message).toContain('alarms.playbooks[1].buttons[1] ("Scale"): `scale n8nx 4`: No ECS service `n8nx`');
    expect(message).not.toContain('buttons[0] ("Slow queries")');
  });

  it('fault 17: the default playbooks and a correct one start', async () => {
    expect(await startWith([{ buttons: [{ label: 'Connections', command: 'db connections' }] }])).toBe('started');
  });
});
