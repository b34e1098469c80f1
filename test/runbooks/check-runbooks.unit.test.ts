import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildRegistry } from '../../src/commands/index.js';
import { ConfigError } from '../../src/config/load-config.js';
import { RadioConfig } from '../../src/config/radio-config.js';
import { defineCommand } from '../../src/pipeline/command.js';
import { text } from '../../src/pipeline/reply.js';
import { BUILTIN_RUNBOOKS } from '../../src/runbooks/builtin-runbooks.js';
import { checkRunbooks } from '../../src/runbooks/check-runbooks.js';
import { Runbook, type RunbookInput } from '../../src/runbooks/runbook.js';
import { runSteps } from '../../src/runbooks/run-steps.js';
import { checkPlaybooks } from '../../src/alarms/check-playbooks.js';
import { bindArguments } from '../../src/pipeline/bind-arguments.js';
import { parseCommandLine } from '../../src/pipeline/parse-command-line.js';
import { buildRunbookRegistry } from '../../src/runbooks/runbook-registry.js';

const radio = RadioConfig.parse({});
const builtIn = BUILTIN_RUNBOOKS.map((runbook) => Runbook.parse(runbook));

/** Stand-ins for the commands other branches add (issue 15, 16, 17 item 6), with their usage's shape. */
const stub = (name: string, positional: string[], flags: Record<string, 'string'> = {}) =>
  defineCommand({
    name,
    usage: name,
    summary: 'stand-in',
    examples: [],
    positional,
    flags,
    args: z.object(Object.fromEntries([...positional, ...Object.keys(flags)].map((key) => [key, z.string()]))),
    risk: () => 'write',
    run: async () => 'ok',
    present: () => ({ summary: 'ok', visibility: 'in_channel', parts: [text('ok')] }),
  });
// Stand-ins only for the commands the registry does not have yet (the others have merged since).
const laterCommands = [
  stub('s3 prefix create', ['prefix']),
  stub('channel add', ['slug'], { name: 'string' }),
  stub('liquidsoap create-channel', ['slug']),
  stub('cache resize', ['type']),
  stub('host resize', ['type']),
].filter((command) => !buildRegistry().get(command.name));

function problemsOf(custom: RunbookInput[]): string[] {
  try {
    checkRunbooks({ builtIn: [], custom: custom.map((runbook) => Runbook.parse(runbook)) }, buildRegistry(), radio);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('the start check of custom runbooks', () => {
  it('fails on an unknown command, with a did-you-mean', () => {
    expect(problemsOf([{ name: 'x', summary: 'x', steps: [{ command: 'db sizee' }] }])).toEqual([
      'runbooks[0]: steps[0] (`db sizee`): Unknown command `db sizee`. Did you mean `db size`?',
    ]);
  });

  it('takes {started} (when the run was asked) in any step, and refuses an argument that would shadow it', () => {
    expect(
      problemsOf([{ name: 'x', summary: 'x', steps: [{ command: 'db size' }, { manual: 'at {started}' }] }]),
    ).toEqual([]);
    expect(
      problemsOf([
        { name: 'x', summary: 'x', arguments: [{ name: 'started', example: 'now' }], steps: [{ command: 'db size' }] },
      ]),
    ).toEqual([
      'runbooks[0]: argument started: the name is taken (`{started}` is when the run was asked); choose another',
    ]);
  });

  it("fails on a command line missing its command's arguments", () => {
    expect(problemsOf([{ name: 'x', summary: 'x', steps: [{ command: 'scale n8n' }] }])).toEqual([
      'runbooks[0]: steps[0] (`scale n8n`): `count` is missing Usage: /radio scale <service> <count|+N|-N>',
    ]);
  });

  it('fails on bad substitutions: unknown, malformed, unpaired, optional without when', () => {
    const problems = problemsOf([
      {
        name: 'x',
        summary: 'x',
        arguments: [
          { name: 'slug', example: 'rap' },
          { name: 'db', flag: true, required: false, example: 'db.t4g.large' },
        ],
        steps: [{ command: 'invalidate {slgu}' }, { manual: 'see {Slug} and {slug' }, { command: 'db resize {db}' }],
      },
    ]);
    expect(problems).toEqual([
      'runbooks[0]: steps[0] (`invalidate {slgu}`): `{slgu}` is no argument of this runbook',
      'runbooks[0]: steps[1] (`see {Slug} and {slug`): `{Slug}` is not an argument placeholder (a lower-case name in braces)',
      'runbooks[0]: steps[1] (`see {Slug} and {slug`): a `{` or `}` without its pair',
      'runbooks[0]: steps[2] (`db resize {db}`): `{db}` is optional: give the step `when: db`',
    ]);
  });

  it('fails on a wait condition it does not know, and an `until` that writes', () => {
    expect(
      problemsOf([{ name: 'x', summary: 'x', steps: [{ wait: 'on-aír rap' }, { wait: 'until scale n8n 2' }] }]),
    ).toEqual([
      'runbooks[0]: steps[0] (`on-aír rap`): no wait condition `on-aír` (known: on-air, rds-available, until)',
      'runbooks[0]: steps[1] (`until scale n8n 2`): `until` polls a read command; `scale` changes things',
    ]);
  });

  it('accepts a good one, from the YAML', () => {
    const config = RadioConfig.parse({
      runbooks: [
        {
          name: 'refresh',
          summary: 'invalidate a channel',
          arguments: [{ name: 'channel', example: 'rap' }],
          steps: [{ command: 'invalidate {channel}' }],
        },
      ],
    });
    const { runbooks } = checkRunbooks({ builtIn: [], custom: config.runbooks }, buildRegistry(), config);
    expect(runSteps(runbooks[0]!, { channel: 'jazz' })).toEqual([
      { kind: 'command', line: 'invalidate jazz', words: ['invalidate', 'jazz'], ownApproval: false },
    ]);
  });
});

describe('the built-in runbooks', () => {
  it('all check against the registry as it is (dr rebuild-host, the last one missing, is in it)', () => {
    const { runbooks, leftOut } = checkRunbooks({ builtIn, custom: [] }, buildRegistry(), radio);
    expect(leftOut).toEqual([]);
    expect(runbooks.map(({ runbook }) => runbook.name)).toEqual([
      'new-channel',
      'scale-up',
      'scale-down',
      'dr restore',
    ]);
  });

  it('are left out, with why, while the registry lacks their commands; custom ones never are', () => {
    const later = Runbook.parse({ name: 'later', summary: 'x', steps: [{ command: 'dr rebuild-cluster' }] });
    const { runbooks, leftOut } = checkRunbooks({ builtIn: [...builtIn, later], custom: [] }, buildRegistry(), radio);
    expect(runbooks.map(({ runbook }) => runbook.name)).toEqual([
      'new-channel',
      'scale-up',
      'scale-down',
      'dr restore',
    ]);
    expect(leftOut.map(({ name }) => name)).toEqual(['later']);
    expect(leftOut[0]!.why).toContain('Unknown command `dr rebuild-cluster`');
  });

  it('all check once those commands exist', () => {
    const { runbooks, leftOut } = checkRunbooks({ builtIn, custom: [] }, buildRegistry(laterCommands), radio);
    expect(leftOut).toEqual([]);
    expect(runbooks.map(({ runbook }) => runbook.name)).toEqual([
      'new-channel',
      'scale-up',
      'scale-down',
      'dr restore',
    ]);
  });

  it('keep only the steps given: scale-up --db resizes the database and waits for it', () => {
    const { runbooks } = checkRunbooks({ builtIn, custom: [] }, buildRegistry(laterCommands), radio);
    const scaleUp = runbooks.find(({ runbook }) => runbook.name === 'scale-up')!;
    expect(runSteps(scaleUp, { db: 'db.r6g.xlarge' }).map((step) => step.line)).toEqual([
      'db resize db.r6g.xlarge',
      'rds-available',
    ]);
    const restore = runbooks.find(({ runbook }) => runbook.name === 'dr restore')!;
    expect(
      runSteps(restore, { snapshot: 'snap-1', 'rebuild-host': true, started: '20261203-0010' }).map(
        (step) => step.line.split('\n')[0],
      ),
    ).toEqual([
      'dr restore-db snap-1 --as radio-db-restored-20261203-0010',
      'dr rebuild-host',
      'Cut over: point the station at the restored instance (RADIO_DATABASE_URL and the apps), check `status`, then confirm.',
    ]);
  });

  it("give examples the default config's allow-lists take, smaller for scale-down than for scale-up", () => {
    const example = (name: string) =>
      Object.fromEntries(builtIn.find((r) => r.name === name)!.arguments.map((a) => [a.name, a.example!]));
    const n8n = radio.ecs.services.n8n!;
    for (const name of ['scale-up', 'scale-down']) {
      const { db, cache, workers, host } = example(name);
      expect(radio.rds.allowedClasses).toContain(db);
      expect(radio.elasticache.allowedNodeTypes).toContain(cache);
      expect(radio.host.allowedInstanceTypes).toContain(host);
      expect(Number(workers)).toBeGreaterThanOrEqual(n8n.min);
      expect(Number(workers)).toBeLessThanOrEqual(n8n.max);
    }
    const [up, down] = [example('scale-up'), example('scale-down')];
    for (const name of ['db', 'cache', 'host']) expect(down[name]).not.toBe(up[name]);
    expect(Number(down.workers)).toBeLessThan(Number(up.workers));
  });

  it('substitute a value as one word: a name with spaces stays one argument', () => {
    const { runbooks } = checkRunbooks({ builtIn, custom: [] }, buildRegistry(laterCommands), radio);
    const steps = runSteps(runbooks[0]!, { slug: 'electro', name: 'Electro Lounge --all' });
    expect(steps[2]).toMatchObject({
      line: 'channel add electro --name "Electro Lounge --all"',
      words: ['channel', 'add', 'electro', '--name', 'Electro Lounge --all'],
    });
    expect(steps[4]!.line).toContain('<mount-name>/electro</mount-name>');
  });
});

describe('a runbook as written', () => {
  it('says in words what a bad `when` is, not the regular expression', () => {
    const parsed = Runbook.safeParse({ name: 'x', summary: 'x', steps: [{ when: 'Db', command: 'status' }] });
    expect(parsed.success).toBe(false);
    const messages = parsed.error!.issues.flatMap((issue) =>
      issue.code === 'invalid_union' ? issue.errors.flat().map((inner) => inner.message) : [issue.message],
    );
    expect(messages.join(' ')).toContain('the name of an optional argument, like db');
    expect(messages.join(' ')).not.toContain('[a-z]');
  });
});

describe('the runbook commands in the registry', () => {
  const { registry } = buildRunbookRegistry(radio);

  it('show help examples that parse and validate (a boolean flag has no value), each naming its runbook', () => {
    for (const command of registry.commands.filter((c) => c.name.startsWith('runbook'))) {
      expect(command.examples.length).toBeGreaterThan(0);
      for (const example of command.examples) {
        const found = registry.resolve(parseCommandLine(example))!;
        // `runbook`, the refusal of names that are no runbook, shows every runbook's example.
        expect(found.command.name).toBe(command.name === 'runbook' ? found.command.name : command.name);
        expect(found.command.name).not.toBe('runbook');
        expect(() => bindArguments(found.command, found.rest)).not.toThrow();
      }
    }
  });

  it("refuse an alarm playbook's button naming no runbook at start, as an unknown command", () => {
    const buttons = [{ label: 'Scale', command: 'runbook scale-upp --db db.r6g.xlarge' }];
    expect(() => checkPlaybooks([{ match: {}, buttons }], registry, radio)).toThrow(
      /Unknown runbook `scale-upp`\. Did you mean `runbook scale-up`\?/,
    );
  });

  it("refuse an alarm playbook's button at start when the runbook it starts would have nothing to run", () => {
    const buttons = [{ label: 'Scale', command: 'runbook scale-up' }];
    expect(() => checkPlaybooks([{ match: {}, buttons }], registry, radio)).toThrow(
      /buttons\[0\] \("Scale"\): `runbook scale-up`: Give at least one of --db, --cache, --workers, --host/,
    );
    const given = [{ label: 'Scale', command: 'runbook scale-up --workers 4' }];
    expect(checkPlaybooks([{ match: {}, buttons: given }], registry, radio)[0]?.buttons).toHaveLength(1);
  });
});
