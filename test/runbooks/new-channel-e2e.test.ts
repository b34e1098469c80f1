// The built-in `new-channel` runbook end to end (issue 17's "Done when"): the bot's real Postgres, a scratch
// station database with `radio_channels` (an INSERT-only role for RADIO_DATABASE_WRITE_URL), the real test
// station whose Liquidsoap 2.1.3 creates the `electro` output on the fly (`create_channel`, a server command)
// and a real Icecast 2.4.4 where `/electro` comes on air; S3 and CloudFront mocked at the SDK edge.
import { CloudFrontClient, CreateInvalidationCommand, ListInvalidationsCommand } from '@aws-sdk/client-cloudfront';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openPgDatabase } from '../../src/db/pg-database.js';
import type { SqlDatabase } from '../../src/db/sql-client.js';
import { createCdnOperations } from '../../src/integrations/cdn/cdn-operations.js';
import { channelWriterModule } from '../../src/integrations/channel-writer/channel-writer-module.js';
import { createS3Operations } from '../../src/integrations/s3/s3-operations.js';
import { createStationDatabase } from '../../src/integrations/station-db/pg-station-database.js';
import type { Integrations } from '../../src/integrations/integrations.js';
import { BUILTIN_RUNBOOKS } from '../../src/runbooks/builtin-runbooks.js';
import type { RunRow } from '../../src/runbooks/run-rows.js';
import { createChannelDirectory } from '../../src/station/channel-directory.js';
import { silentLog } from '../support/fakes.js';
import { integrationContext } from '../support/integration-context.js';
import { runbookSetup } from '../support/runbooks-fixture.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database.js';
import { startTestStation, type TestStation } from '../support/test-station.js';
import { withAdmin } from '../support/test-services.js';
import { waitFor } from '../support/wait-for.js';
import { openWorkerDatabase } from '../support/worker-db.js';
import { renderTerminal } from '../../src/render/terminal.js';

const db = openWorkerDatabase('radio-ops-new-channel-e2e');
const s3Client = new S3Client({ region: 'us-east-1' });
const cloudfrontClient = new CloudFrontClient({ region: 'us-east-1' });
const s3Mock = mockClient(s3Client);
const cloudfrontMock = mockClient(cloudfrontClient);
const DISTRIBUTION = 'E1234567890ABC';

let station: TestStation;
let scratch: ScratchDatabase;
let reader: SqlDatabase;
let writerRole: string;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  station = await startTestStation({ createChannel: true });
  scratch = await createScratchDatabase('new_channel');
  writerRole = `${scratch.name}_w`.slice(-60);
  await scratch.admin(`DROP ROLE IF EXISTS "${writerRole}"; CREATE ROLE "${writerRole}" LOGIN PASSWORD 'writer-pw';
    CREATE TABLE radio_channels (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL,
      slug text NOT NULL UNIQUE, icecast_mount text, hls_path text, created_at timestamptz DEFAULT now());
    INSERT INTO radio_channels (name, slug, icecast_mount, hls_path) VALUES ('Rap', 'rap', '/rap.mp3', 'hls/rap/');
    GRANT INSERT ON radio_channels TO "${writerRole}"`);
  reader = openPgDatabase(scratch.url, 'radio-ops-test-reader', 1);
}, 120_000);
afterAll(async () => {
  await Promise.allSettled(closers.map((close) => close()));
  await reader?.close();
  await scratch?.drop();
  await withAdmin((client) => client.query(`DROP ROLE IF EXISTS "${writerRole}"`));
  await station?.stop();
  await db.close();
}, 30_000);

const invalidationAnswer = {
  Invalidation: {
    Id: 'INEW',
    Status: 'InProgress',
    CreateTime: new Date('2026-12-02T17:00:00Z'),
    InvalidationBatch: { CallerReference: 'x', Paths: { Quantity: 1, Items: ['/hls/electro/*'] } },
  },
};
const notFound = () =>
  new S3ServiceException({ name: 'NotFound', $fault: 'client', $metadata: { httpStatusCode: 404 }, message: '' });
beforeEach(() => {
  s3Mock.reset();
  s3Mock.on(HeadObjectCommand).rejects(notFound());
  s3Mock.on(PutObjectCommand).resolves({ ETag: '"d41d8cd98f00b204e9800998ecf8427e"' });
  cloudfrontMock.reset();
  cloudfrontMock.on(ListInvalidationsCommand).resolves({
    InvalidationList: { Marker: '', MaxItems: 100, IsTruncated: false, Quantity: 0, Items: [] },
  });
  cloudfrontMock.on(CreateInvalidationCommand).resolves(invalidationAnswer);
});

/** The station's modules, the channel writer on the INSERT-only role and the directory on the read-only one. */
function stationIntegrations(): Partial<Integrations> {
  const url = new URL(scratch.url);
  url.username = writerRole;
  url.password = 'writer-pw';
  const { context, close } = integrationContext({
    yaml: station.yaml,
    settings: { aws: { mode: 'live' }, radioDatabaseWriteUrl: url.toString() },
  });
  closers.push(close);
  const stationDb = createStationDatabase(reader);
  const cloudwatch = new CloudWatchClient({ region: 'us-east-1' });
  return {
    ...station.integrations,
    stationDb,
    channels: createChannelDirectory({ stationDb, channels: station.radio.station.channels, log: silentLog }),
    channelWriter: channelWriterModule.create(context)!,
    s3: createS3Operations(s3Client, cloudwatch, station.radio),
    cdn: createCdnOperations(cloudfrontClient, cloudwatch, station.radio.cloudfront),
    aws: { mode: 'live' },
  };
}

const puts = () => s3Mock.commandCalls(PutObjectCommand).map((call) => call.args[0].input);
const invalidations = () => cloudfrontMock.commandCalls(CreateInvalidationCommand).map((call) => call.args[0].input);
const electroRows = async () =>
  (
    await reader.query<Record<string, string>>(
      `SELECT name, slug, icecast_mount, hls_path FROM radio_channels WHERE slug = 'electro'`,
    )
  ).rows;

describe('runbook new-channel electro --name Electro', () => {
  it('provisions the channel step by step, waits for a person, survives a restart, one audit chain', async () => {
    const setup = runbookSetup(db, { integrations: stationIntegrations(), builtIn: BUILTIN_RUNBOOKS });
    const first = setup.host.engine!;
    const outcome = await setup.send('runbook new-channel electro --name Electro', 'U0ALICE');
    if (outcome.status !== 'succeeded')
      throw new Error(`expected succeeded, got ${outcome.status}: ${JSON.stringify(outcome.reply)}`);
    const run = outcome.result as RunRow;
    await waitFor('the manual step', async () => (await setup.store.get(run.id))?.status === 'waiting');
    const statuses = async () => (await setup.store.steps(run.id)).map((step) => step.status);
    expect(await statuses()).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
      'succeeded',
      'waiting-person',
      'pending',
      'pending',
    ]);
    expect(puts()).toEqual([
      { Bucket: 'radio-audio-bucket', Key: 'audio/electro/', Body: '' },
      { Bucket: 'radio-audio-bucket', Key: 'hls/electro/', Body: '' },
    ]);
    expect(await electroRows()).toEqual([
      { name: 'Electro', slug: 'electro', icecast_mount: '/electro', hls_path: 'hls/electro/' },
    ]);
    expect((await station.integrations.liquidsoap.commands()).outputs).toContain('electro');
    const manual = (await setup.store.steps(run.id))[4]!;
    expect(manual.line).toContain('<mount-name>/electro</mount-name>');
    expect(manual.line).toContain('<stream-name>Electro</stream-name>');
    expect(invalidations()).toEqual([]);

    // A restart between steps 5 and 6: the first engine stops, a second one (a new lease owner) on the same tables.
    first.stop();
    const restarted = setup.engine();
    const confirmed = await setup.send(`runbook confirm ${run.id}`, 'U0BOB');
    expect(confirmed.status).toBe('succeeded');
    await waitFor(
      'the run to end',
      async () => (await restarted.tick()) >= 0 && (await setup.store.get(run.id))?.status === 'succeeded',
      600,
      100,
    );
    expect(invalidations()).toEqual([
      {
        DistributionId: DISTRIBUTION,
        InvalidationBatch: { CallerReference: expect.any(String), Paths: { Quantity: 1, Items: ['/hls/electro/*'] } },
      },
    ]);
    // Nothing repeated: two PutObjects, one row, one invalidation.
    expect(puts()).toHaveLength(2);
    expect(await electroRows()).toHaveLength(1);
    const steps = await setup.store.steps(run.id);
    expect(steps.map((step) => [step.status, step.decided_by])).toEqual([
      ['succeeded', null],
      ['succeeded', null],
      ['succeeded', null],
      ['succeeded', null],
      ['succeeded', 'U0BOB'],
      ['succeeded', null],
      ['succeeded', null],
    ]);

    // One audit chain: the request's `started`, each step's started/outcome with the run as parent, then the
    // request's end (the run's, once told). The manual step's confirmation is U0BOB's row; the wait's rows
    // say when it began and what it saw at the end.
    await waitFor('the end notice', async () =>
      setup.cards.some((card) => card.kind === 'thread' && / succeeded$/.test(card.summary)),
    );
    const chain = await setup.chain(run.request_id);
    const children = chain.filter((row) => row.parent_request_id === run.request_id);
    expect(children.map((row) => [row.command, row.outcome, row.user_id])).toEqual([
      ['s3 prefix create', 'started', 'U0ALICE'],
      ['s3 prefix create', 'succeeded', 'U0ALICE'],
      ['s3 prefix create', 'started', 'U0ALICE'],
      ['s3 prefix create', 'succeeded', 'U0ALICE'],
      ['channel add', 'started', 'U0ALICE'],
      ['channel add', 'succeeded', 'U0ALICE'],
      ['liquidsoap create-channel', 'started', 'U0ALICE'],
      ['liquidsoap create-channel', 'succeeded', 'U0ALICE'],
      ['runbook manual step', 'started', 'U0ALICE'],
      ['runbook manual step', 'succeeded', 'U0BOB'],
      ['runbook wait', 'started', 'U0ALICE'],
      ['runbook wait', 'succeeded', 'U0ALICE'],
      ['invalidate', 'started', 'U0ALICE'],
      ['invalidate', 'succeeded', 'U0ALICE'],
    ]);
    const manualRows = children.filter((row) => row.command === 'runbook manual step');
    expect(manualRows.map((row) => row.request_id)).toEqual([steps[4]!.request_id, steps[4]!.request_id]);
    expect(manualRows.map((row) => row.args)).toEqual([
      { run: run.id, step: 5 },
      { run: run.id, step: 5 },
    ]);
    const waitRows = children.filter((row) => row.command === 'runbook wait');
    expect(waitRows.map((row) => [row.text, row.args])).toEqual([
      [`${run.id} step 6: on-air electro`, { run: run.id, step: 6 }],
      [`${run.id} step 6: on-air electro`, { run: run.id, step: 6, state: steps[5]!.result }],
    ]);
    expect(steps[5]!.result).toMatch(/on air/i);
    const own = chain.filter((row) => row.request_id === run.request_id).map((row) => row.outcome);
    expect(own).toEqual(['started', 'succeeded']);
    // The request's end is the run's: written after every step's rows.
    expect(chain.at(-1)).toMatchObject({ request_id: run.request_id, outcome: 'succeeded', parent_request_id: null });
    expect(chain).toHaveLength(own.length + children.length);
    // The invalidation's CallerReference is its step's request id, a child of the run.
    const reference = invalidations()[0]!.InvalidationBatch!.CallerReference;
    expect(children.filter((row) => row.command === 'invalidate').map((row) => row.request_id)).toEqual([
      reference,
      reference,
    ]);
  });
});

describe('a failing step of new-channel', () => {
  it('CloudFront refusing the invalidation stops the run with retry, skip and abort; retry runs only that step', async () => {
    cloudfrontMock
      .on(CreateInvalidationCommand)
      .rejectsOnce(
        Object.assign(new Error('Your request contains too many invalidations.'), {
          name: 'TooManyInvalidationsInProgress',
          $fault: 'client',
          $metadata: { httpStatusCode: 400, attempts: 1 },
        }),
      )
      .resolves(invalidationAnswer);
    const setup = runbookSetup(db, { integrations: stationIntegrations(), builtIn: BUILTIN_RUNBOOKS });
    const outcome = await setup.send('runbook new-channel house --name House', 'U0ALICE');
    if (outcome.status !== 'succeeded')
      throw new Error(`expected succeeded, got ${outcome.status}: ${JSON.stringify(outcome.reply)}`);
    const run = outcome.result as RunRow;
    await waitFor('the manual step', async () => (await setup.store.get(run.id))?.status === 'waiting');
    expect((await setup.send(`runbook confirm ${run.id}`, 'U0BOB')).status).toBe('succeeded');
    await waitFor(
      'the run to stop',
      async () => (await setup.host.engine!.tick()) >= 0 && (await setup.store.get(run.id))?.status === 'stopped',
      600,
      100,
    );
    const statuses = async () => (await setup.store.steps(run.id)).map((step) => step.status);
    expect(await statuses()).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
      'succeeded',
      'succeeded',
      'succeeded',
      'failed',
    ]);
    // The shell shows each button as the command to type.
    const status = renderTerminal((await setup.send(`runbook status ${run.id}`, 'U0ALICE')).reply);
    expect(status).toContain(`runbook retry ${run.id}`);
    expect(status).toContain(`runbook skip ${run.id}`);
    expect(status).toContain(`runbook abort ${run.id}`);
    expect(status).toMatch(/TooManyInvalidationsInProgress|too many invalidations/i);

    expect((await setup.send(`runbook retry ${run.id}`, 'U0ALICE')).status).toBe('succeeded');
    await waitFor('the run to end', async () => (await setup.store.get(run.id))?.status === 'succeeded');
    expect(invalidations().map((input) => input.InvalidationBatch!.Paths)).toEqual([
      { Quantity: 1, Items: ['/hls/house/*'] },
      { Quantity: 1, Items: ['/hls/house/*'] },
    ]);
    expect(puts().map((input) => input.Key)).toEqual(['audio/house/', 'hls/house/']);
    expect(await houseRows()).toHaveLength(1);
  });
});

const houseRows = async () =>
  (await reader.query<{ slug: string }>(`SELECT slug FROM radio_channels WHERE slug = 'house'`)).rows;
