// Issue 13, fault 23: the README promises the two-person flow can be tried alone in the demo shell. This
// runs exactly the session its "Try it" section shows (read from README.md, so the two can't drift)
// through a real `radio-ops shell` process in an empty environment: no AWS credentials, so AWS only plans.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collect, emptyEnv, spawnRadioOps, transcript } from '../support/radio-ops-process.js';
import { tempDirs } from '../support/temp-dirs.js';

// Safety net only: the run starts a process and an embedded Postgres; nothing asserts on time.
const SLOW = 180_000;
const freshDir = tempDirs('radio-shell-readme-');
const APPROVAL_ID = /apr_[0-9A-HJKMNP-TV-Z]{26}/;
/** Where the README's session has the id the first line printed. */
const ID_PLACEHOLDER = 'apr_…';

/** The lines of the session in README.md's "Try it" section, each with the prompt it is typed at. */
function tryItSession(): { prompt: string; line: string }[] {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf('\n## Try it\n');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  return [...section.matchAll(/^(radio-ops demo \(U0[A-Z0-9]+\)> )(.+)$/gm)].map(([, prompt = '', line = '']) => ({
    prompt,
    line,
  }));
}

describe('the README\'s "Try it" session', () => {
  it(
    'fault 23: a destructive request in the demo reaches approval, U0BOB approves it, and it runs as a dry run that says so, audited as one',
    async () => {
      const session = tryItSession();
      expect(session.map(({ line }) => line.split(' ')[0])).toEqual(['scale', '/as', 'approve', 'audit']);
      const child = spawnRadioOps(['shell'], { cwd: freshDir(), env: emptyEnv() });
      const done = collect(child);
      const out = transcript(child);
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer | string) => (stderr += String(chunk)));

      /** What each line printed on stdout, up to the next prompt. */
      const printed: string[] = [];
      let from = 0;
      let id: string | undefined;
      for (const { prompt, line } of session) {
        // The README's prompt is the one the shell shows: who is typing is who the README says.
        await out.until(`the prompt "${prompt}"`, (text) => text.length > from && text.endsWith(prompt));
        if (from > 0) printed.push(out.text.slice(from, -prompt.length));
        id ??= APPROVAL_ID.exec(printed.join(''))?.[0];
        from = out.text.length;
        child.stdin.write(`${line.replace(ID_PLACEHOLDER, id ?? ID_PLACEHOLDER)}\n`);
      }
      child.stdin.end();
      const { code } = await done;
      printed.push(out.text.slice(from));
      const [request = '', , approval = '', audit = ''] = printed;

      // The request: an approval card that says it is a dry run, and the requester told the same.
      expect(request).toMatch(APPROVAL_ID);
      expect(request).toContain('Approval needed (dry run only): scale');
      expect(request).toContain("waits for a second person's approval");
      expect(request).toMatch(/only be planned here[^.]*no AWS credentials were found/);
      expect(stderr).toContain('Now acting as U0BOB');
      // The approval: the approved run is a dry run and says so; nothing pretends it was done.
      expect(approval).toContain('Dry run: scale');
      expect(approval).toContain('"desiredCount": 0');
      expect(approval).toContain('Nothing was changed.');
      expect(approval).toContain('Approved, run as a dry run: nothing was changed');
      expect(approval).toContain('approved, and run as a dry run: nothing was changed');
      expect(approval).not.toMatch(/Approved and done|approved and done/);
      // The audit log: the whole chain, every row marked as a dry run.
      expect(audit).toMatch(/U0LOCAL\s+succeeded \(dry run\)\s+scale\s/);
      expect(audit).toMatch(/U0LOCAL\s+started \(dry run\)\s+scale\s/);
      expect(audit).toMatch(/U0BOB\s+approved \(dry run\)\s+scale\s/);
      expect(audit).toMatch(/U0LOCAL\s+requested \(dry run\)\s+scale\s/);
      expect(audit).not.toMatch(/(succeeded|started|approved|requested)\s+scale\s/);
      expect(code).toBe(0);
    },
    SLOW,
  );
});
