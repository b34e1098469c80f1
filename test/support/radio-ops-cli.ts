// The CLI from source, as bin/radio-ops.js runs it from dist/: tests spawn this (with tsx) so they
// never depend on a stale build.
import { main } from '../../src/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
