import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { resolveAwsAccess, type AwsAccess } from '../integrations/aws/aws-access.js';
import { RadioConfig } from './radio-config.js';

/** Which front door is starting: each needs different settings. */
export type FrontDoor = 'server' | 'shell' | 'send';

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

const Environment = z.object({
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  SLACK_BOT_TOKEN: z
    .string()
    .regex(/^xoxb-/, 'a bot token starting with xoxb-')
    .optional(),
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-/, 'an app-level token starting with xapp-')
    .optional(),
  SLACK_API_URL: z.url().optional(),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// URL')
    .optional(),
  RADIO_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// URL')
    .optional(),
  RADIO_DATABASE_WRITE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// URL')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'a redis:// or rediss:// URL')
    .optional(),
  ICECAST_ADMIN_PASSWORD: z.string().min(1).optional(),
  RADIO_CONFIG: z.string().min(1).optional(),
  RADIO_DATA_DIR: z.string().min(1).default('./.radio-ops'),
  LOG_LEVEL: LogLevel.default('info'),
});

/** The settings every part of radio-ops reads; produced only by {@link loadConfig}. */
export interface Config {
  slack: { signingSecret?: string; botToken?: string; appToken?: string; apiUrl?: string };
  port: number;
  databaseUrl?: string;
  /** The station database the `db` commands inspect; defaults to `databaseUrl`. */
  radioDatabaseUrl?: string;
  /**
   * `channel add`'s connection to the station database (`RADIO_DATABASE_WRITE_URL`), for a role with only INSERT
   * on `radio_channels`; never defaulted: without it `channel add` says what to set.
   */
  radioDatabaseWriteUrl?: string;
  redisUrl?: string;
  /** Icecast's admin password (`ICECAST_ADMIN_PASSWORD`), for `station.icecast`'s admin user; never logged or shown. */
  icecastAdminPassword?: string;
  dataDir: string;
  logLevel: z.infer<typeof LogLevel>;
  /** Path of the YAML file, when one was given. */
  configPath?: string;
  radio: RadioConfig;
  /** Whether AWS commands call AWS or only plan (see `resolveAwsAccess`). */
  aws: AwsAccess;
}

/** Thrown by {@link loadConfig}; `problems` names every missing or invalid setting. */
export class ConfigError extends Error {
  constructor(
    readonly problems: string[],
    readonly hints: string[] = [],
  ) {
    super([`radio-ops cannot start:`, ...problems.map((p) => `  - ${p}`), ...hints].join('\n'));
    this.name = 'ConfigError';
  }
}

/** Shown when the server lacks its settings: the shell needs none. */
export const TRY_THE_SHELL = 'To try radio-ops without Slack or a database, run: npx radio-ops shell';

const REQUIRED: Record<FrontDoor, (keyof z.infer<typeof Environment>)[]> = {
  server: ['SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN', 'DATABASE_URL'],
  shell: [],
  send: ['SLACK_SIGNING_SECRET'],
};

/**
 * Reads and validates the environment and the YAML file it names. The only reader of `process.env`.
 *
 * @throws ConfigError naming every problem at once, before anything starts.
 */
export function loadConfig(frontDoor: FrontDoor, env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const blankless = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = Environment.safeParse(blankless);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.')}: ${issue.message}`);
  }
  const missing = REQUIRED[frontDoor].filter((name) => !blankless[name]);
  for (const name of missing) {
    problems.push(
      `${name} is required for ${frontDoor === 'server' ? '`radio-ops start`' : `\`radio-ops ${frontDoor}\``}`,
    );
  }
  const hints = frontDoor === 'server' && missing.length > 0 ? [TRY_THE_SHELL] : [];
  const radio = readRadioConfig(blankless.RADIO_CONFIG, problems);
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems, hints);
  const e = parsed.data;
  return {
    slack: {
      signingSecret: e.SLACK_SIGNING_SECRET,
      botToken: e.SLACK_BOT_TOKEN,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
    },
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    radioDatabaseUrl: e.RADIO_DATABASE_URL ?? e.DATABASE_URL,
    radioDatabaseWriteUrl: e.RADIO_DATABASE_WRITE_URL,
    redisUrl: e.REDIS_URL,
    icecastAdminPassword: e.ICECAST_ADMIN_PASSWORD,
    dataDir: e.RADIO_DATA_DIR,
    logLevel: e.LOG_LEVEL,
    configPath: e.RADIO_CONFIG,
    radio: radio ?? RadioConfig.parse({}),
    aws: resolveAwsAccess(radio?.aws.mode, frontDoor, blankless),
  };
}

function readRadioConfig(path: string | undefined, problems: string[]): RadioConfig | undefined {
  if (!path) return undefined;
  let document: unknown;
  try {
    document = parseYaml(readFileSync(path, 'utf8')) ?? {};
  } catch (error) {
    problems.push(`RADIO_CONFIG (${path}): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    return undefined;
  }
  const parsed = RadioConfig.safeParse(document);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues)
    problems.push(`${path}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  return undefined;
}
