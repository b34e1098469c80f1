// Issue 13, fault 19d: text a person typed is repeated back (unknown command, usage errors, did-you-mean,
// /as, "still running") and must never reach the terminal as control characters: ESC [2J clears the
// screen, ESC ]0; retitles the window, CR overwrites the line. They are shown visibly instead (`\u001b`).
import { describe, expect, it } from 'vitest';
import { buildRegistry } from '../../src/commands/index.js';
import { RadioConfig } from '../../src/config/radio-config.js';
import { createDispatcher, type Dispatch } from '../../src/pipeline/dispatcher.js';
import { createShellSession } from '../../src/shell/shell-session.js';
import { demoRadioConfig, shellIdentity } from '../../src/shell/shell-identity.js';
import { groups, memoryAuditLog, silentLog, untouchedStationDb } from '../support/fakes.js';

/** C0 controls but tab and newline, DEL, C1 controls: what must never be written raw. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
/** Clear screen, bell, backspace, DEL, a C1 CSI and NEL (CR is whitespace to the parser: it splits words). */
const HOSTILE = '\u001b[2J\u0007\u0008\u007f\u009b6n\u0085';
const VISIBLE = '\\u001b[2J\\u0007\\u0008\\u007f\\u009b6n\\u0085';

function demoSession(dispatch?: Dispatch, notices: string[] = []) {
  const radio = demoRadioConfig(RadioConfig.parse({}));
  const real = createDispatcher({
    registry: buildRegistry(),
    config: radio,
    directory: groups({}),
    log: silentLog,
    integrations: { stationDb: untouchedStationDb, audit: memoryAuditLog() },
  });
  return createShellSession({
    dispatch: dispatch ?? real,
    identity: shellIdentity(undefined, undefined),
    notice: (text) => notices.push(text),
  });
}

const written = (result: { stdout?: string; stderr?: string }) => `${result.stdout ?? ''}${result.stderr ?? ''}`;

describe('control characters in what the shell repeats back', () => {
  it.each([
    ['an unknown command, with its did-you-mean', `sacle${HOSTILE} n8n 4`, /Unknown command/],
    ['a usage error naming the extra word', `db size ${HOSTILE}`, /Unexpected/],
    ['a usage error naming the bad value', `db kill-idle --older 5m${HOSTILE}`, /not a duration/],
    ['a usage error naming the unknown flag', `db size --x${HOSTILE}`, /Unknown flag/],
    ['/as with a bad id', `/as U0BOB${HOSTILE}`, /Slack user id/],
  ])('fault 19: %s shows them escaped, never raw', async (_what, line, answer) => {
    const result = await demoSession().handle(line);
    expect(written(result)).toMatch(answer);
    expect(written(result)).not.toMatch(RAW_CONTROL);
    expect(written(result)).toContain(VISIBLE);
  });

  it('fault 19: the "still running" notice repeats the line escaped', async () => {
    const notices: string[] = [];
    const slow: Dispatch = async (request) => {
      request.onStillRunning?.();
      return {
        status: 'succeeded',
        requestId: 'r1',
        command: 'db size',
        result: null,
        reply: { summary: 'ok', visibility: 'ephemeral', parts: [] },
      };
    };
    await demoSession(slow, notices).handle(`db size --reason "${HOSTILE}\rdone"`);
    expect(notices).toHaveLength(1);
    expect(notices[0]).not.toMatch(RAW_CONTROL);
    expect(notices[0]).toContain(`${VISIBLE}\\u000ddone`);
  });
});
