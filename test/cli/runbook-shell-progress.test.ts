// Issue 17: a runbook run in the shell shows its progress as it goes; `-c` follows it to its end or to a person,
// then closes the embedded database only once the runbook worker stopped (no run left `running`, no stack).
// Real shell processes on their embedded database, as test/cli/runbook-demo-shell.test.ts (issue 16).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  collect,
  emptyEnv,
  runRadioOps,
  spawnRadioOps,
  spawnRadioOpsInTerminal,
  transcript,
} from '../support/radio-ops-process.js';
import { tempDirs } from '../support/temp-dirs.js';

const freshDir = tempDirs('radio-runbook-shell-');

const CHECK_DB = [
  'roles:',
  '  viewer: [U0ALICE]',
  '  operator: [U0ALICE]',
  '  approver: [U0BOB]',
  'runbooks:',
  '  - name: check-db',
  '    summary: Read the sizes, wait until they read, a person looks, read again',
  '    steps:',
  '      - command: db size',
  '      - wait: until db size',
  '        every: 1s',
  '        timeout: 1m',
  '      - manual: Look at the sizes, then confirm.',
  '      - command: db size',
  // Without AWS credentials this wait never holds: a run that is still going when the shell is told to stop.
  '  - name: slow',
  '    summary: Read the sizes, then wait for RDS',
  '    steps:',
  '      - command: db size',
  '      - wait: rds-available',
  '        every: 1s',
  '        timeout: 1h',
  '',
].join('\n');

/** The log of the shell runs in `cwd` (the default data directory), checked for stacks. */
const logOf = (cwd: string) => {
  const path = join(cwd, '.radio-ops', 'radio-ops.log');
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
};
const runIdIn = (text: string) => /run (run_[0-9A-Z]+)\./.exec(text)?.[1] ?? 'no run id';

describe('a runbook run in the shell (issue 17)', () => {
  it('-c follows the demo scale-up to its end: the step runs as a dry run (no AWS credentials), shown as it goes', async () => {
    const cwd = freshDir();
    const started = await runRadioOps(['shell', '-c', 'runbook scale-up --workers 4'], { cwd, env: emptyEnv() });
    const id = runIdIn(started.stdout);
    expect(started.stdout).toMatch(
      new RegExp(
        [
          'Dry run only: no AWS credentials',
          `${id} 1\\. running: run \`scale n8n 4\``,
          'ECS UpdateService',
          `${id} 1\\. done: run \`scale n8n 4\``,
          `runbook \`scale-up\` \\(${id}\\) ended\\. Dry run only: no AWS credentials[^\\n]*Step 1 only plans here and changes nothing\\.`,
        ].join('[\\s\\S]*'),
      ),
    );
    expect(started.code).toBe(0);
    expect(logOf(cwd)).not.toMatch(/PGlite is closed|"stack"/);
    const status = await runRadioOps(['shell', '-c', `runbook status ${id}`], { cwd, env: emptyEnv() });
    expect(status.stdout).toContain('1. done: run `scale n8n 4`');
  }, 180_000);

  it('-c stops at the manual step (exit 3, what to type); confirming it follows the run to its end (exit 0)', async () => {
    const cwd = freshDir();
    const config = join(cwd, 'radio.yml');
    writeFileSync(config, CHECK_DB);
    const env = emptyEnv({ RADIO_CONFIG: config });
    const shell = (line: string) => runRadioOps(['shell', '--user', 'U0ALICE', '-c', line], { cwd, env });
    const started = await shell('runbook check-db');
    const id = runIdIn(started.stdout);
    const progress = started.stdout.slice(started.stdout.indexOf('started'));
    expect(progress).toMatch(
      new RegExp(
        [
          `${id} 1\\. running: run \`db size\``,
          'Database \\S+ is',
          `${id} 1\\. done: run \`db size\``,
          `${id} 2\\. done: wait until \`until db size\``,
          `${id} ! 3\\. waiting for a person: manual step`,
          'Look at the sizes, then confirm\\.',
          `\\[Confirm: runbook confirm ${id}\\]`,
        ].join('[\\s\\S]*'),
      ),
    );
    expect(started.code).toBe(3);

    const confirmed = await shell(`runbook confirm ${id}`);
    expect(confirmed.stdout).toMatch(
      new RegExp(`${id} 4\\. running[\\s\\S]*${id} 4\\. done[\\s\\S]*runbook \`check-db\` \\(${id}\\) succeeded\\.`),
    );
    expect(confirmed.code).toBe(0);
    expect(logOf(cwd)).not.toMatch(/PGlite is closed|"stack"/);
    const audit = await shell('audit --command "runbook check-db"');
    // The request's own rows: started when asked, succeeded (naming its run) when the run ended.
    expect(audit.stdout).toMatch(
      new RegExp(`succeeded +runbook check-db +${id}: runbook check-db[\\s\\S]*started +runbook check-db`),
    );
  }, 180_000);
});

/** What the shell writes before a line that arrives at the prompt: erase the line, cursor to column 1. */
const CLEARED = '\x1b[2K\x1b[1G';

describe('Ctrl-C while -c follows a run (issue 17)', () => {
  it('stops following cleanly: the wait is left due for the next process, said in words, no stack, exit 130', async () => {
    const cwd = freshDir();
    const config = join(cwd, 'radio.yml');
    writeFileSync(config, CHECK_DB);
    const env = emptyEnv({ RADIO_CONFIG: config });
    const child = spawnRadioOps(['shell', '--user', 'U0ALICE', '-c', 'runbook slow'], { cwd, env });
    child.stdin.end();
    const done = collect(child);
    const err = transcript(child, 'stderr');
    await err.until('following the run', (text) => text.includes('radio-ops: following runbook slow'));
    child.kill('SIGINT');
    const { code, stdout, stderr } = await done;
    const id = runIdIn(stdout);
    expect(stdout).toContain(`${id} 2. waiting: wait until \`rds-available\``);
    expect(stderr).toContain(`radio-ops: run ${id} is still running: it goes on the next time radio-ops runs`);
    expect(code).toBe(130);
    expect(logOf(cwd)).not.toMatch(/PGlite is closed|"stack"/);
    const status = await runRadioOps(['shell', '--user', 'U0ALICE', '-c', `runbook status ${id}`], { cwd, env });
    expect(status.stdout).toMatch(/1\. done: run `db size`[\s\S]*2\. waiting: wait until `rds-available`/);
  }, 180_000);
});

describe('a runbook run at the interactive prompt (issue 17)', () => {
  it('prints the progress that arrives at the prompt above it, and redraws the prompt', async () => {
    const cwd = freshDir();
    const config = join(cwd, 'radio.yml');
    writeFileSync(config, CHECK_DB);
    const env = emptyEnv({ RADIO_CONFIG: config, TERM: 'xterm' });
    const child = spawnRadioOpsInTerminal(['shell', '--user', 'U0ALICE'], { cwd, env });
    const done = collect(child);
    const screen = transcript(child);
    const PROMPT = 'radio-ops (U0ALICE)> ';
    await screen.until('the first prompt', (text) => text.includes(PROMPT));
    child.stdin.write('runbook check-db\r');
    await screen.until('the manual step', (text) => text.includes('[Confirm: runbook confirm run_'));
    const id = runIdIn(screen.text);
    await screen.until('a prompt after it', (text) => text.lastIndexOf(PROMPT) > text.indexOf('[Confirm:'));

    // The confirmation's answer comes first; the run goes on while the prompt shows.
    const mark = screen.text.length;
    child.stdin.write(`runbook confirm ${id}\r`);
    await screen.until('the end of the run', (text) => text.slice(mark).includes(`(${id}) succeeded.`));
    await screen.until(
      'a prompt after it',
      (text) => text.lastIndexOf(PROMPT) > text.lastIndexOf(`(${id}) succeeded.`),
    );
    const after = screen.text.slice(mark);
    // A line that arrives at the prompt starts on a cleared line (erase line, cursor to column 1), never after the prompt.
    for (const line of [`${id} 4. running`, `${id} 4. done`, `@U0ALICE runbook \`check-db\` (${id}) succeeded.`]) {
      const at = after.indexOf(line);
      expect(at, line).toBeGreaterThan(-1);
      const before = after.slice(0, at);
      expect(before.endsWith('\n') || before.endsWith(CLEARED), line).toBe(true);
    }
    // The end arrives steps after the confirmation's answer, at the prompt: the prompt was cleared for it.
    expect(after).toContain(`${CLEARED}@U0ALICE runbook \`check-db\` (${id}) succeeded.`);
    child.stdin.write('\x04');
    expect((await done).code).toBe(0);
    expect(logOf(cwd)).not.toMatch(/PGlite is closed|"stack"/);
  }, 180_000);
});
