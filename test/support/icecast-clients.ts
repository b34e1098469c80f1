// A source and a listener for the test Icecast, without Liquidsoap: a source is an HTTP PUT with basic auth
// `source:<password>` that keeps streaming (Icecast drops a source silent for <source-timeout>), a listener a
// GET of the mount that keeps reading. Sources: https://icecast.org/docs/icecast-2.4.0/ (source clients use
// PUT since 2.4.0) and src/connection.c of xiph/Icecast-Server.
import { readFileSync } from 'node:fs';
import { request, type ClientRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import type { IcecastServer } from './icecast-server.js';

/**
 * One silent MPEG-1 Layer III frame: 128 kbit/s, 44.1 kHz, mono, no padding (417 bytes). An all-zero side
 * info and main data decode to silence, so no encoder is needed.
 */
export const SILENT_MP3_FRAME = Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0xc4]), Buffer.alloc(413)]);

/** Ogg Vorbis, 22.05 kHz mono, 4 s of noise, comment TITLE=tone (`sox -n -r 22050 -c 1 -C -1 --comment TITLE=tone noise.ogg synth 4 whitenoise vol 0.2`). */
export const OGG_FIXTURE = new URL('../fixtures/icecast/noise.ogg', import.meta.url);

/** Splits an Ogg stream into its pages (RFC 3533 section 6: 27-byte header, lacing table, body). */
export function oggPages(stream: Buffer): Buffer[] {
  const pages: Buffer[] = [];
  for (let offset = 0; offset < stream.length;) {
    if (stream.toString('latin1', offset, offset + 4) !== 'OggS') throw new Error(`no Ogg page at byte ${offset}`);
    const segments = stream[offset + 26] ?? 0;
    let body = 0;
    for (let i = 0; i < segments; i++) body += stream[offset + 27 + i] ?? 0;
    const length = 27 + segments + body;
    pages.push(stream.subarray(offset, offset + length));
    offset += length;
  }
  return pages;
}

/**
 * What a source sends: the header once, then `loop` chunks round and round. Ogg sends its header pages (granule
 * position 0) once and loops the audio pages without the end-of-stream one, so Icecast sees one endless
 * logical stream and keeps metadata set through the admin API (a new stream would bring the file's TITLE back).
 */
function sourceBytes(kind: 'mp3' | 'ogg'): { contentType: string; header: Buffer[]; loop: Buffer[] } {
  if (kind === 'mp3')
    return { contentType: 'audio/mpeg', header: [], loop: [Buffer.concat(Array(8).fill(SILENT_MP3_FRAME))] };
  const pages = oggPages(readFileSync(OGG_FIXTURE));
  const granule = (page: Buffer) => page.readBigInt64LE(6);
  const endOfStream = (page: Buffer) => ((page[5] ?? 0) & 0x04) !== 0;
  return {
    contentType: 'application/ogg',
    header: pages.filter((page) => granule(page) === 0n),
    loop: pages.filter((page) => granule(page) !== 0n && !endOfStream(page)),
  };
}

export interface TestSource {
  mount: string;
  contentType: string;
  /** Resolves when the connection ends (Icecast dropped it, or `close()`). */
  closed: Promise<void>;
  /** Stops streaming and closes the connection; resolves once closed. */
  close(): Promise<void>;
}

export interface TestSourceOptions {
  /** `mp3` (silent frames, `audio/mpeg`) or `ogg` (the Vorbis fixture, `application/ogg`). Default `mp3`. */
  kind?: 'mp3' | 'ogg';
  /** Sent as `Content-Type` instead of the kind's own (`audio/aac`: Icecast treats it as a generic stream). */
  contentType?: string;
  /** Milliseconds between chunks (default 50). */
  everyMs?: number;
  /** Password to log in with (default the server's source password). */
  password?: string;
}

/**
 * Connects a source to `mount` (`PUT` with `Expect: 100-continue`) and streams until closed. Resolves once
 * Icecast lists the mount in `/admin/stats` (an Ogg one: with its codecs, so it takes metadata).
 * @throws Error with Icecast's status line when it refuses the source (mount in use, wrong password).
 */
export async function startTestSource(
  server: IcecastServer,
  mount: string,
  options: TestSourceOptions = {},
): Promise<TestSource> {
  const bytes = sourceBytes(options.kind ?? 'mp3');
  const contentType = options.contentType ?? bytes.contentType;
  const socket: Socket = connect(server.port, '127.0.0.1');
  socket.setNoDelay(true);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => undefined); // a killed source sees a reset: `closed` tells the test
  const auth = Buffer.from(`source:${options.password ?? server.sourcePassword}`).toString('base64');
  socket.write(
    `PUT ${mount} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nAuthorization: Basic ${auth}\r\n` +
      `Content-Type: ${contentType}\r\nIce-Name: radio-ops test\r\nExpect: 100-continue\r\n\r\n`,
  );
  await accepted(socket);
  socket.setTimeout(0);
  for (const chunk of bytes.header) socket.write(chunk);
  let next = 0;
  const timer = setInterval(() => {
    if (!socket.writable) return clearInterval(timer);
    socket.write(bytes.loop[next % bytes.loop.length] as Buffer);
    next += 1;
  }, options.everyMs ?? 50);
  void closed.then(() => clearInterval(timer));
  const close = async () => {
    clearInterval(timer);
    socket.end();
    await closed;
  };
  await waitForMount(server, mount, true, options.kind === 'ogg').catch(async (error: unknown) => {
    await close();
    throw error;
  });
  return { mount, contentType, closed, close };
}

/** Resolves on Icecast's `200 OK` (after any `100 Continue`); rejects on any other status or a closed socket. */
function accepted(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    let received = '';
    const onData = (chunk: Buffer) => {
      received += chunk.toString('latin1');
      const statuses = [...received.matchAll(/^HTTP\/1\.[01] (\d{3})[^\r]*\r\n/gm)];
      const final = statuses.find((match) => match[1] !== '100');
      if (!final) return;
      socket.off('data', onData);
      if (final[1] === '200') resolve();
      else reject(new Error(`Icecast refused the source: ${final[0].trim()}`));
    };
    socket.on('data', onData);
    socket.once('close', () => reject(new Error(`Icecast closed the source connection: ${received.trim()}`)));
    // Icecast answers a source at once; a stuck one must fail the test in words, not at the test's timeout.
    socket.setTimeout(10_000, () => {
      reject(new Error(`Icecast did not answer the source within 10 s: ${received.trim()}`));
      socket.destroy();
    });
  });
}

/**
 * Polls `/admin/stats` until `mount` is listed with its `stream_start` (Icecast lists a new source a moment
 * before it sets that), or is gone with `present` false. With `subtype`, until its stats also name the Ogg
 * codecs, which Icecast knows only once it has read the stream's header pages.
 */
export async function waitForMount(
  server: IcecastServer,
  mount: string,
  present: boolean,
  subtype = false,
): Promise<void> {
  const auth = `Basic ${Buffer.from(`${server.adminUser}:${server.adminPassword}`).toString('base64')}`;
  for (let attempt = 0; attempt < 400; attempt++) {
    const xml = await fetch(`${server.url}/admin/stats`, {
      headers: { authorization: auth },
      signal: AbortSignal.timeout(5000),
    }).then((r) => r.text());
    const source = xml.split(`<source mount="${mount}">`)[1]?.split('</source>')[0];
    const ready = source?.includes('<stream_start_iso8601>') && (!subtype || source.includes('<subtype>'));
    if (present ? ready : source === undefined) return;
    await delay(25);
  }
  throw new Error(`Icecast never ${present ? 'listed' : 'dropped'} ${mount}\n${server.errorLog()}`);
}

export interface TestListener {
  /** Bytes of audio received so far. */
  readonly received: number;
  /** Resolves when Icecast ends the connection (or `close()`). */
  closed: Promise<void>;
  close(): Promise<void>;
}

/** GETs `mount` and keeps reading; resolves once Icecast answered 200 (the listener is counted from then on). */
export async function startTestListener(server: IcecastServer, mount: string): Promise<TestListener> {
  let received = 0;
  let req: ClientRequest | undefined;
  const closedOnce = { resolve: () => undefined as void };
  const closed = new Promise<void>((resolve) => (closedOnce.resolve = resolve));
  await new Promise<void>((resolve, reject) => {
    req = request(`${server.url}${mount}`, (response) => {
      if (response.statusCode !== 200)
        return reject(new Error(`listener got HTTP ${response.statusCode} for ${mount}`));
      response.on('data', (chunk: Buffer) => (received += chunk.length));
      response.on('close', () => closedOnce.resolve());
      response.on('error', () => undefined);
      resolve();
    });
    req.on('error', (error) => {
      closedOnce.resolve();
      reject(error);
    });
    req.end();
  });
  return {
    get received() {
      return received;
    },
    closed,
    async close() {
      req?.destroy();
      await closed;
    },
  };
}
