// The CLI from source, as bin/radio-ops.js runs it from dist/: tests spawn this (with tsx) so they
// never depend on a stale build. With RADIO_TEST_LATCH set, the shell also knows `test latch read` and
// `test latch write` (test/support/latch-commands.ts), commands that run until the test releases them.
import { main } from '../../src/cli/main.js';
import { latchCommands } from './latch-commands.js';

const latch = process.env.RADIO_TEST_LATCH;
main(process.argv.slice(2), process.env, undefined, { extraCommands: latch ? latchCommands(latch) : [] }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
