// The Liquidsoap script the test station runs: generated tones with metadata, a request queue, outputs whose
// ids match the channel config, optional Icecast and HLS outputs. Written for Debian's Liquidsoap 2.1.3.

/** One channel of the test station. */
export interface TestChannel {
  /** Output id (`rap.skip`, `rap.metadata`): the channel config's `output`. */
  output: string;
  /** `request.queue(id=…)` in front of the tones, when set (`rap_queue.push`). */
  queue?: string;
  /** Icecast mount when streaming to one (`/rap.mp3`). */
  mount: string;
  /** Encoder towards Icecast: `%mp3` or `%vorbis` (Debian's 2.1.3 has lame and libvorbis). */
  format: 'mp3' | 'vorbis';
  /** Sine frequency in Hz: each channel sounds different. */
  frequency: number;
}

/** Where a running Icecast takes sources. */
export interface IcecastTarget {
  host: string;
  port: number;
  sourcePassword: string;
}

export interface ScriptOptions {
  port: number;
  channels: TestChannel[];
  /** Seconds the server waits on an idle client before closing it (`settings.server.timeout`, 30 by default). */
  idleTimeoutSeconds?: number;
  /** Stream every channel to this Icecast; without it, `output.dummy` (no encoding, the cheapest). */
  icecast?: IcecastTarget;
  /** Seconds between an Icecast failure and the reconnection (the output's `on_error` answer; 3 by default in 2.1.3). */
  reconnectSeconds?: number;
  /** Write this channel's HLS (1 s segments) into `dir`: `<dir>/live.m3u8` (media) and `<dir>/index.m3u8` (master). */
  hls?: { output: string; dir: string };
  /**
   * Register the station's own server command `create_channel <slug>` (what `liquidsoap create-channel` sends):
   * it creates a new tone and an `output.icecast` with id `<slug>` on mount `/<slug>` (MP3) on the fly, and answers
   * `Done`; a slug it created already, or one that is not `[a-z0-9-]+`, answers `ERROR: …`. Needs `icecast`.
   */
  createChannel?: boolean;
  /** The test process: the script shuts itself down once `/proc/<pid>` is gone, so a crashed run leaves no Liquidsoap behind. */
  parentPid: number;
  asRoot: boolean;
}

/** A Liquidsoap string literal (the values here are ours: paths and ids, never a person's text). */
const str = (value: string) => JSON.stringify(value);

function channelLines(channel: TestChannel, options: ScriptOptions): string[] {
  const name = channel.output.replace(/[^A-Za-z0-9_]/g, '_');
  const lines = [
    // Every new track (the first, and each one after a skip) gets the next title: a skip is visible in `<id>.metadata`.
    `${name}_n = ref(0)`,
    `def ${name}_title(_) =`,
    `  ${name}_n := !${name}_n + 1`,
    `  [("title", ${str(`${channel.output} tone `)} ^ string_of(!${name}_n)), ("artist", "radio-ops test")]`,
    `end`,
    `${name}_src = metadata.map(${name}_title, sine(${channel.frequency.toFixed(1)}))`,
  ];
  if (channel.queue) {
    lines.push(
      `${name}_queue = request.queue(id=${str(channel.queue)})`,
      `${name}_src = fallback(track_sensitive=false, [${name}_queue, ${name}_src])`,
    );
  }
  // `<output>_meta.insert key="value",…`: the one command that takes a quoted text.
  lines.push(`${name}_src = mksafe(server.insert_metadata(id=${str(`${channel.output}_meta`)}, ${name}_src))`);
  const id = str(channel.output);
  if (options.icecast) {
    const { host, port, sourcePassword } = options.icecast;
    const encoder = channel.format === 'mp3' ? '%mp3(bitrate=64)' : '%vorbis(quality=0.1)';
    lines.push(
      `output.icecast(${encoder}, id=${id}, host=${str(host)}, port=${port}, password=${str(sourcePassword)},`,
      `  mount=${str(channel.mount)}, name=${id}, public=false, on_error=fun (_) -> ${(options.reconnectSeconds ?? 1).toFixed(1)}, ${name}_src)`,
    );
  } else {
    lines.push(`output.dummy(id=${id}, ${name}_src)`);
  }
  if (options.hls?.output === channel.output) {
    lines.push(
      `output.file.hls(id=${str(`${channel.output}_hls`)}, playlist="index.m3u8", segment_duration=1., segments=4,`,
      `  segments_overhead=2, ${str(options.hls.dir)}, [("live", %mp3(bitrate=32))], ${name}_src)`,
    );
  }
  return lines;
}

/**
 * `create_channel <slug>` by `server.register` (2.1.3: `(?namespace, ?description, ?usage, string,
 * (string) -> string) -> unit`; the callback gets the rest of the line). Sources created in a server command start
 * at once in 2.1.3 (tried on Debian's build), so no output needs to be provisioned ahead.
 */
function createChannelLines(icecast: IcecastTarget): string[] {
  return [
    'created_channels = ref([])',
    'def create_channel(argument) =',
    '  slug = string.trim(argument)',
    '  if not string.match(pattern="^[a-z0-9][a-z0-9-]*$", slug) then',
    '    "ERROR: not a channel slug"',
    '  elsif list.mem(slug, !created_channels) then',
    '    "ERROR: channel " ^ slug ^ " exists"',
    '  else',
    '    created_channels := slug :: !created_channels',
    `    output.icecast(%mp3(bitrate=64), id=slug, host=${str(icecast.host)}, port=${icecast.port},`,
    `      password=${str(icecast.sourcePassword)}, mount="/" ^ slug, name=slug, public=false,`,
    '      on_error=fun (_) -> 1., mksafe(sine(550.)))',
    '    "Done"',
    '  end',
    'end',
    'server.register(usage="create_channel <slug>", description="Start a new channel", "create_channel", create_channel)',
  ];
}

/** The whole script for {@link ScriptOptions}. */
export function liquidsoapScript(options: ScriptOptions): string {
  return [
    ...(options.asRoot ? ['settings.init.allow_root.set(true)'] : []),
    'settings.log.file.set(false)',
    'settings.log.stdout.set(true)',
    'settings.server.telnet.set(true)',
    'settings.server.telnet.bind_addr.set("127.0.0.1")',
    `settings.server.telnet.port.set(${options.port})`,
    `settings.server.timeout.set(${(options.idleTimeoutSeconds ?? 30).toFixed(1)})`,
    `thread.run(every=1., fun () -> if not file.exists(${str(`/proc/${options.parentPid}`)}) then shutdown() end)`,
    ...options.channels.flatMap((channel) => channelLines(channel, options)),
    ...(options.createChannel && options.icecast ? createChannelLines(options.icecast) : []),
    '',
  ].join('\n');
}
