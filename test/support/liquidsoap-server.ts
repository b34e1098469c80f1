// A real Liquidsoap (Debian's 2.1.3, `/usr/bin/liquidsoap`) of the test's own: its script in a temp dir, its
// telnet server on a free loopback port, playing generated tones with metadata. Tests may kill -9 and restart it.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { liquidsoapScript, type IcecastTarget, type TestChannel } from './liquidsoap-script.js';
import { freePort } from './private-postgres.js';

export type { IcecastTarget, TestChannel } from './liquidsoap-script.js';

/** The station of the issue: `rap` (MP3, with a request queue) and `jazz` (Ogg Vorbis). */
export const DEFAULT_CHANNELS: TestChannel[] = [
  { output: 'rap', queue: 'rap_queue', mount: '/rap.mp3', format: 'mp3', frequency: 440 },
  { output: 'jazz', mount: '/jazz.ogg', format: 'vorbis', frequency: 330 },
];

export interface LiquidsoapServerOptions {
  channels?: TestChannel[];
  /** `settings.server.timeout` in seconds: a short one lets a test see the idle close without waiting 30 s. */
  idleTimeoutSeconds?: number;
  /** Stream every channel to this Icecast instead of `output.dummy`. */
  icecast?: IcecastTarget;
  /** Seconds before an output reconnects to Icecast after a failure (default 1). */
  reconnectSeconds?: number;
  /** Register `create_channel <slug>` (see `ScriptOptions.createChannel`); needs `icecast`. */
  createChannel?: boolean;
  /** Write this output's HLS under `<hlsRoot>/hls/<output>/` (`live.m3u8`, 1 s segments). */
  hlsOutput?: string;
}

export interface LiquidsoapServer {
  host: string;
  port: number;
  /** The temp dir: `station.liq`, `liquidsoap.log`, `hls/`. */
  dir: string;
  /** Root the HLS files are written under (`<hlsRoot>/hls/rap/live.m3u8`), when `hlsOutput` was given. */
  hlsRoot?: string;
  channels: TestChannel[];
  /** The running process' pid (`undefined` between a kill and a restart). */
  readonly pid: number | undefined;
  /** Its log so far (for failure messages). */
  log(): string;
  /** Sends `signal` (SIGKILL: the crash a watcher must notice) and waits for the process to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port with the same script (after a kill, or stopping it first) and waits until it answers. */
  restart(): Promise<void>;
  /** Stops it (SIGTERM, SIGKILL after 5 s) and removes its directory; safe to call twice. */
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
const BINARY = process.env.LIQUIDSOAP_BIN ?? '/usr/bin/liquidsoap';
/** Startup type-checks the standard library: 2 s on an idle machine, 10 and more on a loaded CI runner. */
const START_ATTEMPTS = 1200;
const POLL_MS = 50;

/** `help`'s answer, or undefined while nothing answers (one short connection, closed with `quit`). */
async function askHelp(port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    let reply = '';
    const socket = connect(port, HOST);
    const done = (value: string | undefined) => {
      socket.destroy();
      resolve(value);
    };
    socket.setTimeout(2_000, () => done(undefined));
    socket.on('error', () => done(undefined));
    socket.on('close', () => done(undefined));
    socket.on('connect', () => socket.write('help\n'));
    socket.on('data', (chunk) => {
      if (reply.includes('\r\nEND\r\n')) return; // `Bye!` after our `quit`
      reply += chunk.toString('utf8');
      if (reply.includes('\r\nEND\r\n')) {
        socket.end('quit\n');
        resolve(reply);
      }
    });
  });
}

/** The commands that show every channel is up: outputs and queues register theirs once their sources wake up. */
const expectedCommands = (channels: TestChannel[]) =>
  channels.flatMap((c) => [`| ${c.output}.skip`, ...(c.queue ? [`| ${c.queue}.push`] : [])]);

/**
 * Starts Liquidsoap with the test station's script and waits until its telnet server lists every channel's
 * commands. Call {@link LiquidsoapServer.stop} in `afterAll`.
 * @throws Error with the log's tail when it exits or does not answer (a port taken meanwhile is retried on another).
 */
export async function startLiquidsoap(options: LiquidsoapServerOptions = {}): Promise<LiquidsoapServer> {
  if (!existsSync(BINARY)) throw new Error(`No Liquidsoap at ${BINARY}: run \`bash .ci/services\``);
  const channels = options.channels ?? DEFAULT_CHANNELS;
  const dir = mkdtempSync(join(tmpdir(), 'radio-ops-liquidsoap-'));
  const hlsRoot = options.hlsOutput ? join(dir, 'www') : undefined;
  const hlsDir = hlsRoot && options.hlsOutput ? join(hlsRoot, 'hls', options.hlsOutput) : undefined;
  if (hlsDir) mkdirSync(hlsDir, { recursive: true });
  const scriptPath = join(dir, 'station.liq');
  const logPath = join(dir, 'liquidsoap.log');
  const log = () => (existsSync(logPath) ? readFileSync(logPath, 'utf8') : '');
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let port = 0;

  const launch = async (): Promise<void> => {
    const fd = openSync(logPath, 'a');
    const started = spawn(BINARY, [scriptPath], { cwd: dir, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    child = started;
    exited = new Promise((resolve) => started.once('exit', () => resolve()));
    started.once('exit', () => {
      if (child === started) child = undefined;
    });
    for (let attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      if (child !== started) throw new Error(`Liquidsoap exited while starting:\n${log().slice(-3000)}`);
      const help = await askHelp(port);
      if (help && expectedCommands(channels).every((line) => help.includes(line))) return;
      await delay(POLL_MS);
    }
    throw new Error(`Liquidsoap did not answer on ${HOST}:${port}:\n${log().slice(-3000)}`);
  };

  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    const running = child;
    if (!running) return;
    running.kill(signal);
    await exited;
  };

  const stopProcess = async () => {
    if (!child) return;
    const timer = setTimeout(() => child?.kill('SIGKILL'), 5_000);
    await kill('SIGTERM');
    clearTimeout(timer);
  };

  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    writeFileSync(
      scriptPath,
      liquidsoapScript({
        port,
        channels,
        idleTimeoutSeconds: options.idleTimeoutSeconds,
        icecast: options.icecast,
        reconnectSeconds: options.reconnectSeconds,
        createChannel: options.createChannel,
        hls: hlsDir && options.hlsOutput ? { output: options.hlsOutput, dir: hlsDir } : undefined,
        parentPid: process.pid,
        asRoot: process.getuid?.() === 0,
      }),
    );
    try {
      await launch();
      break;
    } catch (error) {
      await stopProcess();
      // Another process may have bound the free port between our check and Liquidsoap's bind: try another.
      if (attempt < 3 && /Bind_error|Address already in use/.test(log())) continue;
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }

  return {
    host: HOST,
    port,
    dir,
    hlsRoot,
    channels,
    get pid() {
      return child?.pid;
    },
    log,
    kill,
    async restart() {
      await stopProcess();
      await launch();
    },
    async stop() {
      await stopProcess();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
