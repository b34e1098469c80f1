import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { parseDuration } from '../config/duration.js';
import { ConfigError, loadConfig } from '../config/load-config.js';
import { buildIamPolicy } from '../integrations/aws/iam-policy.js';
import { ShellUsageError } from '../shell/shell-identity.js';
import { sendSlashCommand } from './send.js';
import { runShell, type CliIo, type ShellOptions } from './shell.js';

const SLACK_ID = /^[A-Z][A-Z0-9]{2,}$/;
const slackId = (value: string) => {
  if (!SLACK_ID.test(value)) throw new InvalidArgumentError('expected a Slack id like U0ALICE');
  return value;
};

const awsAccountId = (value: string) => {
  if (!/^\d{12}$/.test(value)) throw new InvalidArgumentError('expected a 12-digit AWS account id');
  return value;
};

const PROCESS_IO: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };

/**
 * The `radio-ops` command line. Returns the exit code: 0 succeeded, 1 failed or refused, 2 usage error,
 * 3 waiting for approval (`shell -c`), 128 + the signal's number when a signal ended the shell (130 for
 * SIGINT, 143 for SIGTERM). `env` and `io` are passed in so tests give a plain object and their own
 * streams; `shell` adds commands the shell knows besides the registry's (tests' latch commands).
 */
export async function main(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  io: CliIo = PROCESS_IO,
  shell: Pick<ShellOptions, 'extraCommands'> = {},
): Promise<number> {
  let exitCode = 0;
  const program = new Command('radio-ops')
    .description('Slack chat-ops for the radio station')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });

  program
    .command('shell')
    .description('An interactive console on the same pipeline as Slack; with nothing configured, an embedded demo')
    .option(
      '-c, --command <line>',
      'run one line and exit: 0 succeeded, 1 failed or refused, 2 usage error, 3 waiting for approval, 130 interrupted',
    )
    .option('--user <id>', 'the Slack user id to act as (required with RADIO_CONFIG; default U0LOCAL in the demo)')
    .action(async (options: { command?: string; user?: string }) => {
      exitCode = await runShell({
        config: loadConfig('shell', env),
        user: options.user,
        command: options.command,
        io,
        extraCommands: shell.extraCommands,
      });
    });

  program
    .command('start')
    .description('Run the Slack server (HTTP on PORT, or Socket Mode with SLACK_APP_TOKEN)')
    .action(async () => {
      const config = loadConfig('server', env);
      // Imported here: Bolt and the server's parts are loaded only by `start`.
      const { runServer } = await import('./run-server.js');
      exitCode = await runServer(config);
    });

  program
    .command('send')
    .description('Sign a slash command as Slack does, post it to a running server, print the reply')
    .argument('<line>', 'the command line, e.g. "/radio db size"')
    .option('--url <url>', 'the server', 'http://127.0.0.1:3000')
    .option('--user <id>', 'Slack user id to send as', slackId, 'U0ALICE')
    .option('--channel <id>', 'Slack channel id (default: the first of slack.channels)', slackId)
    .option('--team <id>', 'Slack team id (default: slack.teamId)', slackId)
    .option('--response-url <url>', 'for a remote server: where it should reply (only the ack is shown here)')
    .option('--wait <duration>', 'how long to wait for the reply', '30s')
    .option('--json', 'print the reply as JSON')
    .action(async (line: string, options: Record<string, string | boolean | undefined>) => {
      const config = loadConfig('send', env);
      const waitMs = parseDuration(String(options.wait));
      if (waitMs === undefined) throw new InvalidArgumentError('--wait takes a duration like 30s');
      exitCode = await sendSlashCommand({
        line,
        url: String(options.url),
        signingSecret: config.slack.signingSecret ?? '',
        teamId: (options.team as string | undefined) ?? config.radio.slack.teamId ?? 'T0EXAMPLE',
        channelId: (options.channel as string | undefined) ?? config.radio.slack.channels[0] ?? 'C0EXAMPLE01',
        userId: String(options.user),
        responseUrl: options.responseUrl as string | undefined,
        waitMs,
        json: Boolean(options.json),
        out: (text) => io.stdout.write(`${text}\n`),
        err: (text) => io.stderr.write(`${text}\n`),
      });
    });

  program
    .command('iam-policy')
    .description('Print the least-privilege IAM policy for the AWS resources in RADIO_CONFIG (or the defaults)')
    .option('--account <id>', 'the 12-digit AWS account id to put in ARNs (default: * for any account)', awsAccountId)
    .action((options: { account?: string }) => {
      io.stdout.write(
        `${JSON.stringify(buildIamPolicy(loadConfig('shell', env).radio, { account: options.account }), null, 2)}\n`,
      );
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    // InvalidArgumentError is a CommanderError too: one thrown by an action (not an option parser,
    // which Commander reports itself) has not been printed yet, so it is tested first.
    if (error instanceof ConfigError || error instanceof InvalidArgumentError || error instanceof ShellUsageError) {
      io.stderr.write(`${error.message}\n`);
      return 2;
    }
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
}
