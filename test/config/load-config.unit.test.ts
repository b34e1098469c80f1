import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load-config.js';

const example = fileURLToPath(new URL('../../radio-ops.example.yml', import.meta.url));
const server = { SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1', DATABASE_URL: 'postgres://localhost/x' };

function problems(env: Record<string, string>, door: 'server' | 'shell' = 'server'): string[] {
  try {
    loadConfig(door, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

function yamlFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'radio-config-')), 'radio.yml');
  writeFileSync(path, text);
  return path;
}

describe('loadConfig', () => {
  it('loads the example YAML from the issue, with durations in milliseconds', () => {
    const config = loadConfig('server', { ...server, RADIO_CONFIG: example });
    expect(config.radio.slack).toEqual({ teamId: 'T0EXAMPLE', channels: ['C0EXAMPLE01'] });
    expect(config.radio.roles.approver).toEqual(['U0BOB', 'S0ONCALL']);
    expect(config.radio.approvals).toEqual({ ttl: 30 * 60_000, quorum: 1, allowShell: false });
    expect(config.radio.ecs.services.n8n).toEqual({ service: 'n8n-worker', min: 1, max: 10 });
    expect(config.radioDatabaseUrl).toBe(server.DATABASE_URL);
    expect(config.port).toBe(3000);
  });

  it('names every missing or invalid setting the server needs, in one error', () => {
    expect(problems({ PORT: 'eighty', SLACK_BOT_TOKEN: 'xoxp-user', REDIS_URL: 'http://x' })).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PORT/),
        expect.stringMatching(/^SLACK_BOT_TOKEN: a bot token/),
        expect.stringMatching(/^REDIS_URL/),
        expect.stringMatching(/^SLACK_SIGNING_SECRET is required/),
        expect.stringMatching(/^DATABASE_URL is required/),
      ]),
    );
  });

  it("points the server's missing settings at the shell, which needs none", () => {
    expect(() => loadConfig('server', {})).toThrow(/SLACK_SIGNING_SECRET is required[\s\S]*npx radio-ops shell/);
    expect(() => loadConfig('server', { ...server, PORT: 'eighty' })).toThrow(expect.objectContaining({ hints: [] }));
  });

  it('reads RADIO_DATABASE_WRITE_URL (channel add) as its own setting, never defaulted to another URL', () => {
    expect(loadConfig('server', server).radioDatabaseWriteUrl).toBeUndefined();
    const url = 'postgres://channel_writer@radio-db/radio_station';
    expect(loadConfig('server', { ...server, RADIO_DATABASE_WRITE_URL: url }).radioDatabaseWriteUrl).toBe(url);
    expect(problems({ ...server, RADIO_DATABASE_WRITE_URL: 'mysql://x' })).toEqual([
      'RADIO_DATABASE_WRITE_URL: a postgres:// URL',
    ]);
  });

  it('needs nothing for the shell', () => {
    expect(problems({}, 'shell')).toEqual([]);
  });

  it('has infrastructure defaults but no roles and no team without a file (nobody may run anything)', () => {
    const config = loadConfig('server', server);
    expect(config.radio.roles).toEqual({ viewer: [], operator: [], approver: [] });
    expect(config.radio.slack.teamId).toBeUndefined();
    expect(config.radio.rds.instance).toBe('radio-db');
  });

  it('reports YAML problems with their path', () => {
    const path = yamlFile('roles:\n  viewer: [alice]\napprovals: { ttl: soon }\n');
    const found = problems({ ...server, RADIO_CONFIG: path });
    expect(found).toEqual(
      expect.arrayContaining([expect.stringContaining('roles.viewer.0'), expect.stringContaining('approvals.ttl')]),
    );
    expect(problems({ ...server, RADIO_CONFIG: '/nonexistent/radio.yml' })).toEqual([
      expect.stringContaining('RADIO_CONFIG'),
    ]);
    expect(problems({ ...server, RADIO_CONFIG: yamlFile('roles: [unclosed') })).toEqual([
      expect.stringContaining('RADIO_CONFIG'),
    ]);
  });
});

describe('a Slack id in the YAML', () => {
  it('is refused in words, not as a regular expression', () => {
    const path = yamlFile('slack: { teamId: acme, channels: [general] }\n');
    const found = problems({ ...server, RADIO_CONFIG: path }).join('\n');
    expect(found).toContain('a Slack team id like T0EXAMPLE');
    expect(found).toContain('a Slack channel id like C0EXAMPLE01');
    expect(found).not.toContain('[A-Z0-9]');
  });
});

describe('a typo in the YAML', () => {
  it('is an error naming the key, not a silently ignored setting', () => {
    const path = yamlFile('approvals: { quourm: 2 }\nroles:\n  aprover: [U0BOB]\n');
    const found = problems({ ...server, RADIO_CONFIG: path });
    expect(found.join('\n')).toMatch(/quourm/);
    expect(found.join('\n')).toMatch(/aprover/);
  });
});
