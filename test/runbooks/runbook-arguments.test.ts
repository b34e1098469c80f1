// Issue 17 (runbooks: arguments, help, listing): a start that would do nothing, a runbook name that names
// none, help for a runbook and `runbooks` answer in words, and nothing is stored for a refused start.
import { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, describe, expect, it } from 'vitest';
import { RadioConfig } from '../../src/config/radio-config.js';
import { createElastiCacheOperations } from '../../src/integrations/elasticache/elasticache-operations.js';

import { BUILTIN_RUNBOOKS } from '../../src/runbooks/builtin-runbooks.js';
import { renderTerminal } from '../../src/render/terminal.js';
import { replyText } from '../support/command-runner.js';
import { runbookSetup } from '../support/runbooks-fixture.js';
import { openWorkerDatabase } from '../support/worker-db.js';

const db = openWorkerDatabase('radio-ops-runbook-arguments-test');
afterAll(() => db.close());
const setup = () => runbookSetup(db, { builtIn: BUILTIN_RUNBOOKS });
const runs = async () => Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM runbook_runs')).rows[0]!.n);

/** The reply's text of a line sent as U0ALICE (an operator), and the dispatch status. */
async function answer(s: ReturnType<typeof setup>, line: string) {
  const outcome = await s.send(line, 'U0ALICE');
  return { status: outcome.status, text: replyText(outcome.reply) };
}

describe('starting a runbook with arguments that make no steps', () => {
  it('is refused in words for scale-up and scale-down without flags, and no run is stored', async () => {
    const s = setup();
    const before = await runs();
    for (const name of ['scale-up', 'scale-down']) {
      const { status, text } = await answer(s, `runbook ${name}`);
      expect(status).toBe('refused');
      expect(text).toContain('Give at least one of --db, --cache, --workers, --host');
      expect(text).toContain(`Usage: /radio runbook ${name} [--db <db>]`);
    }
    expect(await runs()).toBe(before);
  });

  it("refuses a value its step's command refuses, in that command's words, before a run is stored", async () => {
    const s = setup();
    const before = await runs();
    const { status, text } = await answer(s, 'runbook scale-up --cache bogus');
    expect(status).toBe('refused');
    expect(text).toContain('Step 1 (cache resize bogus): nodeType: a node type like cache.t4g.medium');
    expect(await runs()).toBe(before);
  });

  it("refuses a value outside the config's allow-list at the start, before anything is stored or called", async () => {
    const client = new ElastiCacheClient({ region: 'us-east-1' });
    const aws = mockClient(client);
    const elasticache = createElastiCacheOperations(client, RadioConfig.parse({}).elasticache);
    const s = runbookSetup(db, { builtIn: BUILTIN_RUNBOOKS, integrations: { aws: { mode: 'live' }, elasticache } });
    const before = await runs();
    for (const line of [
      'runbook scale-up --cache cache.r6g.large --dry-run',
      'runbook scale-up --workers 6 --cache cache.r6g.large',
    ]) {
      const { status, text } = await answer(s, line);
      expect(status).toBe('refused');
      expect(text).toContain(
        'Step 1 (cache resize cache.r6g.large) is refused: cache.r6g.large is not in elasticache.allowedNodeTypes',
      );
    }
    expect(aws.calls()).toEqual([]);
    expect(await runs()).toBe(before);
  });

  it('says what a refused argument must look like in words, not as a regular expression', async () => {
    const s = setup();
    const { status, text } = await answer(s, 'runbook scale-up --workers 444');
    expect(status).toBe('refused');
    expect(text).toContain('workers: must be a whole number from 0 to 99 (like ');
    expect(text).not.toContain('^[0-9]');
    const slug = await answer(s, 'runbook new-channel Electro! --name Electro');
    expect(slug.text).toContain('slug: must be lower-case letters, digits and -, starting with a letter');
    const named = await answer(s, 'runbook new-channel electro --name -x');
    expect(named.text).not.toContain('[A-Za-z0-9]');
    // é is a letter: the words must not say "letters" of a value they refuse for one.
    const accented = await answer(s, 'runbook new-channel electro --name Électro');
    expect(accented.text).toContain('name: must be unaccented letters (A-Z), digits, spaces');
  });
});

describe('a runbook name that names none', () => {
  it.each([
    ['runbook nope', 'Unknown runbook nope.'],
    ['runbook', 'Which runbook?'],
    ['runbook dr', 'Unknown runbook dr.'],
    ['runbook nope --db db.t4g.large', 'Unknown runbook nope.'],
  ])('`%s` says %s and lists the runbooks with their usage', async (line, said) => {
    const { status, text } = await answer(setup(), line);
    expect(status).toBe('refused');
    expect(text).toContain(said);
    expect(text).not.toContain('Unknown command');
    expect(text).toContain('runbook new-channel <slug> --name <name>');
    expect(text).toContain('runbook scale-down [--db <db>] [--cache <cache>] [--workers <workers>] [--host <host>]');
    expect(text).toContain('runbook dr restore --snapshot <snapshot>');
  });

  it('suggests the runbook a near name meant', async () => {
    const s = setup();
    expect((await answer(s, 'runbook scale-upp --db db.t4g.large')).text).toContain('Did you mean runbook scale-up?');
    expect((await answer(s, 'runbook dr')).text).toContain('Did you mean runbook dr restore?');
    const once = (await answer(s, 'runbook new-chanel electro --name Electro')).text;
    expect(once.split('Did you mean runbook new-channel?')).toHaveLength(2);
    expect((await answer(s, 'runbook dr restroe --snapshot x')).text).toContain('Did you mean runbook dr restore?');
  });
});

describe('help for a runbook', () => {
  it('takes a multi-word runbook name unquoted, and shows a boolean flag without a value', async () => {
    const { status, text } = await answer(setup(), 'help runbook dr restore');
    expect(status).toBe('succeeded');
    expect(text).toContain('/radio runbook dr restore --snapshot rds:radio-db-2025-03-14-04-00');
    expect(text).toMatch(/--rebuild-host(\n|$)/);
    expect(text).not.toContain('undefined');
  });

  it('lists the runbooks a partial name starts, and never calls `runbook` itself unknown', async () => {
    const s = setup();
    const partial = await answer(s, 'help runbook dr');
    expect(partial.status).toBe('succeeded');
    expect(partial.text).toContain('runbook dr restore');
    const unknown = await answer(s, 'help runbook nope');
    expect(unknown.status).toBe('refused');
    expect(unknown.text).toContain('Unknown runbook nope.');
    expect(unknown.text).toContain('runbook new-channel <slug> --name <name>');
    expect((await answer(s, 'help runbook new-chanel')).text).toContain('Did you mean runbook new-channel?');
    const all = await answer(s, 'help runbook');
    expect(all.text).toContain('/radio runbook new-channel electro --name Electro');
  });

  it('gives scale-up and scale-down different examples, each with values the config allows', async () => {
    const s = setup();
    const up = (await answer(s, 'help runbook scale-up')).text;
    const down = (await answer(s, 'help runbook scale-down')).text;
    expect(up).toContain(
      '/radio runbook scale-up --db db.r6g.xlarge --cache cache.r7g.large --workers 6 --host c6i.large',
    );
    expect(down).toContain(
      '/radio runbook scale-down --db db.t4g.medium --cache cache.t4g.small --workers 1 --host t3.medium',
    );
  });
});

describe('runbooks', () => {
  it('lists every argument of every runbook in full, as a terminal shows it', async () => {
    const outcome = await setup().send('runbooks', 'U0ALICE');
    expect(outcome.status).toBe('succeeded');
    const text = renderTerminal(outcome.reply);
    expect(text).toContain('runbook scale-up [--db <db>] [--cache <cache>] [--workers <workers>] [--host <host>]');
    expect(text).toContain(
      'runbook dr restore --snapshot <snapshot> [--s3-key <s3-key>] [--version <version>] [--rebuild-host]',
    );
    expect(text).not.toContain('…');
  });
});
