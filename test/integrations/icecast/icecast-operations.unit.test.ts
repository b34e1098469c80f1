// IcecastOperations over HTTP on recorded answers: the exact requests of 2.4 (GET) and 2.5 (POST, stats.json),
// refusals that send nothing, and a hung, dropping or absent server answered in words within the deadline.
import { afterEach, describe, expect, it } from 'vitest';
import { createIcecastOperations } from '../../../src/integrations/icecast/create-icecast-operations.js';
import { UserError } from '../../../src/pipeline/user-error.js';
import { startDroppingServer } from '../../support/dropping-server.js';
import { freePort } from '../../support/private-postgres.js';
import { startHungServer } from '../../support/hung-server.js';
import { icecastFixture, startRecordedIcecast, type RecordedAnswer } from '../../support/recorded-icecast.js';

const PASSWORD = 'pw-Zq8-never-shown';
const BASIC = `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => void (await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()))));
/** Every error message these tests saw: none may contain the password. */
const messages: string[] = [];
afterEach(() => {
  for (const message of messages) expect(message).not.toMatch(new RegExp(`${PASSWORD}|${BASIC.slice(6)}`));
});

async function icecast(
  server: string,
  routes: Record<string, RecordedAnswer>,
  adminPassword: string | null = PASSWORD,
  timeoutMs = 5_000,
) {
  const recorded = await startRecordedIcecast(server, routes);
  cleanups.push(recorded.close);
  const operations = createIcecastOperations({
    url: recorded.url,
    adminUser: 'admin',
    adminPassword: adminPassword ?? undefined,
    timeoutMs,
  });
  return { recorded, operations };
}

/** The rejection of `promise` as a UserError (code and message), remembered for the password check. */
async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  const { code, message } = error as UserError;
  messages.push(message);
  return { code, message };
}

describe('Icecast 2.5 (recorded from its source: POST for actions, /admin/stats.json)', () => {
  const routes = {
    'GET /admin/stats': { fixture: 'icecast-2.5.0-admin-stats-1-mount.xml' },
    'GET /admin/stats.json': { fixture: 'icecast-2.5.0-admin-stats-2-mounts.json', contentType: 'application/json' },
    'POST /admin/metadata': { fixture: 'icecast-2.5.0-admin-metadata-ok.xml' },
    'POST /admin/killsource': { fixture: 'icecast-2.5.0-admin-killsource-ok.xml' },
  };

  it('learns the version from server_id on /admin/stats, then reads /admin/stats.json', async () => {
    const { recorded, operations } = await icecast('Icecast 2.5.0', routes);
    const first = await operations.stats();
    expect(first).toMatchObject({
      serverId: 'Icecast 2.5.0',
      version: { major: 2, minor: 5, patch: 0 },
      api: '2.5',
      endpoint: '/admin/stats',
    });
    const second = await operations.stats();
    expect(second).toMatchObject({ api: '2.5', endpoint: '/admin/stats.json' });
    expect(second.mounts.map((m) => [m.mount, m.title])).toEqual([
      ['/jazz.ogg', 'true'],
      ['/rap.mp3', '-'],
    ]);
    expect(recorded.requests.map((r) => [r.line, r.authorization])).toEqual([
      ['GET /admin/stats', BASIC],
      ['GET /admin/stats.json', BASIC],
    ]);
  });

  it('POSTs the metadata update as a form (mount, mode, song, charset), after checking the mount takes it', async () => {
    const { recorded, operations } = await icecast('Icecast 2.5.0', routes);
    await operations.stats();
    await operations.updateMetadata('/rap.mp3', 'Artist – Title & more');
    expect(recorded.requests.at(-1)).toEqual({
      line: 'POST /admin/metadata',
      query: '',
      authorization: BASIC,
      contentType: 'application/x-www-form-urlencoded',
      body: `mount=%2Frap.mp3&mode=updinfo&song=${encodeURIComponent('Artist – Title & more')}&charset=UTF-8`,
    });
    expect(recorded.requests.map((r) => r.line)).toEqual([
      'GET /admin/stats',
      'GET /admin/stats.json',
      'POST /admin/metadata',
    ]);
  });

  it('POSTs killsource, learning the version first when it has read no stats yet', async () => {
    const { recorded, operations } = await icecast('Icecast 2.5.0', routes);
    await operations.killSource('/rap.mp3');
    expect(recorded.requests.map((r) => [r.line, r.body])).toEqual([
      ['GET /admin/stats', ''],
      ['POST /admin/killsource', 'mount=%2Frap.mp3'],
    ]);
  });

  it("speaks 2.5 to 2.5's release candidates, which call themselves 2.4.999.x", async () => {
    const { operations } = await icecast('Icecast 2.4.999.2', {
      'GET /admin/stats': { text: icecastWithServerId('Icecast 2.4.999.2') },
    });
    expect(await operations.stats()).toMatchObject({ version: { major: 2, minor: 4, patch: 999 }, api: '2.5' });
  });
});

/** The recorded 2.5 stats with another server_id. */
function icecastWithServerId(serverId: string): string {
  return `<?xml version="1.0"?>\n<icestats><server_id>${serverId}</server_id></icestats>`;
}

describe('Icecast 2.4 (recorded: GET for everything)', () => {
  const routes = {
    'GET /admin/stats': { fixture: 'icecast-2.4.4-admin-stats-2-mounts.xml' },
    'GET /admin/metadata': { fixture: 'icecast-2.4.4-admin-metadata-ok.xml' },
    'GET /admin/killsource': {
      fixture: 'icecast-2.4.4-admin-metadata-no-source-400.html',
      status: 400,
      contentType: 'text/html',
    },
    'GET /status-json.xsl': { fixture: 'icecast-2.4.4-status-json-title-dash.json', contentType: 'application/json' },
  };

  it('sends the metadata update as a GET query with charset=UTF-8', async () => {
    const { recorded, operations } = await icecast('Icecast 2.4.4', routes);
    await operations.updateMetadata('/rap.mp3', 'Next up');
    expect(recorded.requests.map((r) => `${r.line}?${r.query}`)).toEqual([
      'GET /admin/stats?',
      'GET /admin/metadata?mount=%2Frap.mp3&mode=updinfo&song=Next%20up&charset=UTF-8',
    ]);
  });

  it('takes the version from the Server header while server_id is not in the stats yet (just started)', async () => {
    const { operations } = await icecast('Icecast 2.4.4', {
      'GET /admin/stats': { fixture: 'icecast-2.4.4-admin-stats-just-started.xml' },
    });
    expect(await operations.stats()).toMatchObject({
      serverId: 'Icecast 2.4.4',
      version: { major: 2, minor: 4, patch: 4 },
      api: '2.4',
      mounts: [],
    });
  });

  it('answers a precondition when Icecast has no source on the mount (400 Source does not exist)', async () => {
    const { operations } = await icecast('Icecast 2.4.4', routes);
    await operations.stats();
    expect(await failure(operations.killSource('/gone.mp3'))).toEqual({
      code: 'precondition',
      message: expect.stringMatching(/^No source is connected to `\/gone.mp3`.*nothing was done\.$/) as string,
    });
  });

  it('refuses metadata on a mount that is neither MP3 nor Ogg Vorbis, and on an unknown mount, sending nothing', async () => {
    const aac = icecastFixture24().replace(
      '<server_type>audio/mpeg</server_type>',
      '<server_type>audio/aac</server_type>',
    );
    const opus = icecastFixture24().replace('<subtype>Vorbis</subtype>', '<subtype>Opus</subtype>');
    for (const [stats, mount, expected] of [
      [
        aac,
        '/rap.mp3',
        /`\/rap.mp3` streams audio\/aac: Icecast takes metadata updates only on MP3 and Ogg Vorbis mounts/,
      ],
      [opus, '/jazz.ogg', /`\/jazz.ogg` is Ogg Opus: Icecast takes metadata updates only on MP3 and Ogg Vorbis mounts/],
      [icecastFixture24(), '/nope.mp3', /No source is connected to `\/nope.mp3`/],
    ] as const) {
      const { recorded, operations } = await icecast('Icecast 2.4.4', {
        ...routes,
        'GET /admin/stats': { text: stats },
      });
      expect(await failure(operations.updateMetadata(mount, 'x'))).toEqual({
        code: 'precondition',
        message: expect.stringMatching(expected) as string,
      });
      expect(recorded.requests.map((r) => r.line)).toEqual(['GET /admin/stats']);
    }
  });

  it("passes Icecast's own refusal on (a mount whose format takes no metadata)", async () => {
    const refusal =
      '<?xml version="1.0"?>\n<iceresponse><message>Mountpoint will not accept URL updates</message><return>1</return></iceresponse>';
    const { operations } = await icecast('Icecast 2.4.4', { ...routes, 'GET /admin/metadata': { text: refusal } });
    expect(await failure(operations.updateMetadata('/rap.mp3', 'x'))).toMatchObject({
      code: 'precondition',
      message: expect.stringMatching(/will not accept/) as string,
    });
  });

  it('refuses a metadata text with a line break or a control character before asking anything', async () => {
    const { recorded, operations } = await icecast('Icecast 2.4.4', routes);
    for (const song of ['one\ntwo', 'tab\there', 'nul\u0000', 'c1\u0085', '  ']) {
      expect((await failure(operations.updateMetadata('/rap.mp3', song))).code).toBe('usage');
    }
    expect(recorded.requests).toEqual([]);
  });

  it('without an admin password reads the public status-json.xsl (no credentials) and refuses admin actions', async () => {
    const { recorded, operations } = await icecast('Icecast 2.4.4', routes, null);
    expect(operations.admin).toBe(false);
    const stats = await operations.stats();
    expect(stats).toMatchObject({ endpoint: '/status-json.xsl', mounts: [{ mount: '/rap.mp3', title: '-' }] });
    for (const action of [operations.updateMetadata('/rap.mp3', 'x'), operations.killSource('/rap.mp3')]) {
      expect(await failure(action)).toMatchObject({
        code: 'not_configured',
        message: expect.stringContaining('ICECAST_ADMIN_PASSWORD') as string,
      });
    }
    expect(recorded.requests.map((r) => [r.line, r.authorization])).toEqual([['GET /status-json.xsl', undefined]]);
  });

  it('with a refused admin password reads the public status and says why; actions fail saying so', async () => {
    const refused = {
      status: 401,
      fixture: 'icecast-2.4.4-admin-stats-wrong-password-401.txt',
      contentType: 'text/plain',
    };
    const { operations } = await icecast('Icecast 2.4.4', {
      ...routes,
      'GET /admin/stats': refused,
      'GET /admin/killsource': refused,
    });
    const stats = await operations.stats();
    expect(stats.endpoint).toBe('/status-json.xsl');
    expect(stats.note).toMatch(
      /refused the admin user `admin` and the password from ICECAST_ADMIN_PASSWORD \(HTTP 401\).*public/,
    );
    messages.push(stats.note ?? '');
    expect(await failure(operations.killSource('/rap.mp3'))).toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/refused the admin user/) as string,
    });
  });
});

const icecastFixture24 = () => icecastFixture('icecast-2.4.4-admin-stats-2-mounts.xml');

describe('a server that does not answer properly, answered in words within the deadline', () => {
  const short = { adminUser: 'admin', adminPassword: PASSWORD, timeoutMs: 200 };

  it('hung: a read times out', async () => {
    const hung = await startHungServer();
    cleanups.push(() => hung.close());
    const operations = createIcecastOperations({ ...short, url: hung.url });
    expect(await failure(operations.stats())).toEqual({
      code: 'timeout',
      message: `Icecast at ${hung.url} did not answer \`GET /admin/stats\` within 0.2 s.`,
    });
  });

  it("hung: the caller's signal ends the call first", async () => {
    const hung = await startHungServer();
    cleanups.push(() => hung.close());
    const operations = createIcecastOperations({ ...short, timeoutMs: 60_000, url: hung.url });
    const controller = new AbortController();
    const pending = failure(operations.stats(controller.signal));
    await expect.poll(() => hung.accepted).toBe(1);
    controller.abort();
    expect(await pending).toEqual({
      code: 'timeout',
      message: expect.stringMatching(/was cut off at its deadline\.$/) as string,
    });
  });

  it.each(['reset', 'close'] as const)('dropped (%s): a read is unavailable', async (how) => {
    const dropping = await startDroppingServer(how);
    cleanups.push(() => dropping.close());
    const { code, message } = await failure(createIcecastOperations({ ...short, url: dropping.url }).stats());
    expect(code).toBe('unavailable');
    expect(message).toMatch(
      new RegExp(`^Icecast at ${dropping.url} dropped the connection during \`GET /admin/stats\` \\(\\w+\\)\\.$`),
    );
  });

  it('nothing listening: unavailable, nothing sent', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    expect(await failure(createIcecastOperations({ ...short, url }).stats())).toEqual({
      code: 'unavailable',
      message: `Icecast at ${url} can't be reached (ECONNREFUSED); nothing was sent.`,
    });
  });
});

describe('admin actions cut off after they were sent', () => {
  it.each(['hang', 'reset'] as const)(
    '(%s) are outcome_unknown, and the message says to check the mount',
    async (fault) => {
      const routes = {
        'GET /admin/stats': { fixture: 'icecast-2.4.4-admin-stats-1-mount.xml' },
        'GET /admin/killsource': { fault },
      };
      const { operations } = await icecast('Icecast 2.4.4', routes, PASSWORD, 300);
      const { code, message } = await failure(operations.killSource('/rap.mp3'));
      expect(code).toBe('outcome_unknown');
      expect(message).toMatch(
        /`GET \/admin\/killsource`.*so it may or may not have happened: check the mount before trying again\.$/,
      );
    },
  );
});

describe('credentials', () => {
  it('are dropped from a URL that carries them', () => {
    expect(createIcecastOperations({ url: 'http://admin:secret@127.0.0.1:8000/', adminUser: 'admin' }).baseUrl).toBe(
      'http://127.0.0.1:8000',
    );
  });
});
