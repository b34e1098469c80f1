// Parsers of the server's answers (the body before `END`), as Liquidsoap 2.1 to 2.4 print them.
// Sources: src/tools/server.ml (`help`), src/outputs/output.ml (`<id>.metadata`, `<id>.remaining`) and
// src/tools/server_builtins.ml (`uptime`) at v2.1.3; src/core/outputs/output.ml at v2.4.1 and v2.4.3.

/** What `help` lists, and what it says about the script's ids and this version's commands. */
export interface LiquidsoapCommands {
  /** Every command name, as listed (`rap.skip`, `rap_queue.push`, `version`). */
  names: string[];
  /** Ids with `<id>.metadata` and `<id>.remaining`: the outputs (`output.icecast`, `output.file.hls`, …). */
  outputs: string[];
  /** Ids with `<id>.push`: the request queues. */
  queues: string[];
  /** Ids with `<id>.insert`: sources wrapped in `server.insert_metadata`. */
  metadataInserts: string[];
  /** Outputs with `<id>.start` and `<id>.stop`: Liquidsoap 1.x, and again from 2.4.1 (2.0 to 2.4.0 have none). */
  startStop: string[];
  /** Outputs with `<id>.status` (`on`/`off`): from 2.4.3. */
  status: string[];
}

/** `help` (no argument): `Available commands:` then one `| <usage>` line per command, sorted. */
export function parseHelp(body: string): LiquidsoapCommands {
  const names = body
    .split(/\r?\n/)
    .filter((line) => line.startsWith('| '))
    .map((line) => line.slice(2).split(' ')[0] ?? '')
    .filter((name) => name !== '');
  const verbsById = new Map<string, Set<string>>();
  for (const name of names) {
    const dot = name.lastIndexOf('.');
    if (dot <= 0) continue;
    const id = name.slice(0, dot);
    const verbs = verbsById.get(id) ?? new Set<string>();
    verbs.add(name.slice(dot + 1));
    verbsById.set(id, verbs);
  }
  const having = (...verbs: string[]) =>
    [...verbsById].filter(([, has]) => verbs.every((verb) => has.has(verb))).map(([id]) => id);
  const outputs = having('metadata', 'remaining');
  return {
    names,
    outputs,
    queues: having('push'),
    metadataInserts: having('insert'),
    startStop: having('start', 'stop').filter((id) => outputs.includes(id)),
    status: having('status').filter((id) => outputs.includes(id)),
  };
}

/** One metadata chunk an output sent, keys as Liquidsoap has them (`title`, `artist`, `on_air`, …). */
export type LiquidsoapMetadata = Record<string, string>;

/**
 * `<id>.metadata`: the output's last ten chunks, oldest first, headed `--- n ---` with n counting down to 1
 * (the newest); one `key="value"` line each, values quoted like Liquidsoap strings. Returned newest first.
 */
export function parseMetadata(body: string): LiquidsoapMetadata[] {
  const chunks: { n: number; fields: LiquidsoapMetadata }[] = [];
  for (const line of body.split(/\r?\n/)) {
    const header = /^--- (\d+) ---$/.exec(line);
    if (header) {
      chunks.push({ n: Number(header[1]), fields: {} });
      continue;
    }
    const field = /^([^=]+)=(".*")$/.exec(line);
    const current = chunks.at(-1);
    if (!field || !current) continue;
    const key = field[1] as string;
    if (!(key in current.fields)) current.fields[key] = unquote(field[2] as string);
  }
  return chunks.sort((a, b) => a.n - b.n).map((chunk) => chunk.fields);
}

/** A Liquidsoap string literal's text: `\"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\'`, `\/`, `\uXXXX`, `\xHH`. */
export function unquote(literal: string): string {
  return literal.slice(1, -1).replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, escape: string) => {
    if (escape.length > 1) return String.fromCharCode(parseInt(escape.slice(1), 16));
    return { n: '\n', r: '\r', t: '\t', b: '\b' }[escape] ?? escape;
  });
}

/** `<id>.remaining`: seconds left in the current track (`12.34`), or undefined for `(undef)` (an endless source). */
export function parseRemaining(body: string): number | undefined {
  const seconds = Number.parseFloat(body.trim());
  return Number.isFinite(seconds) ? seconds : undefined;
}

/** `uptime` as printed (`0d 00h 00m 04s`) and in seconds. */
export function parseUptime(body: string): { text: string; seconds?: number } {
  const text = body.trim();
  const match = /^(\d+)d (\d+)h (\d+)m (\d+)s$/.exec(text);
  if (!match) return { text };
  const [d, h, m, s] = match.slice(1).map(Number) as [number, number, number, number];
  return { text, seconds: ((d * 24 + h) * 60 + m) * 60 + s };
}
