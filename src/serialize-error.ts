import { stdSerializers } from 'pino';

/** What a redacted argument is written as. */
export const REDACTED = '[redacted]';

/** How deep {@link serializeError} follows nested errors and objects; deeper values are written as they are. */
const MAX_DEPTH = 8;

/**
 * The logger's `err` serializer: pino's own (type, message and stack with causes, the error's other
 * fields), then every Redis command found in it, at any depth, with its secret arguments redacted
 * (see {@link redactRedisArgs}). ioredis hangs the command a reply answered on the error
 * (`err.command = { name, args }`), on each error of a transaction (`previousErrors`) and of an
 * aggregate; a refused `HELLO 3 AUTH default <password>` would otherwise be written in clear.
 * Nested errors (`previousErrors`) are serialized like the outer one. Never throws; never changes `error`.
 * Source: https://github.com/redis/ioredis/blob/main/lib/DataHandler.ts (`returnError`)
 */
export function serializeError(error: unknown): unknown {
  return redactCommands(stdSerializers.err(error as Error), new Set(), 0);
}

function redactCommands(value: unknown, path: Set<object>, depth: number): unknown {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (path.has(value)) return '[Circular]';
  if (value instanceof Error) return redactCommands(stdSerializers.err(value), path, depth + 1);
  if (!Array.isArray(value) && !isRecord(value)) return value; // a Buffer, a Date: no command in there
  path.add(value);
  try {
    if (Array.isArray(value)) return value.map((item: unknown) => redactCommands(item, path, depth + 1));
    const copy: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) copy[key] = redactCommands(field, path, depth + 1);
    if (typeof copy.name === 'string' && Array.isArray(copy.args)) copy.args = redactRedisArgs(copy.name, copy.args);
    return copy;
  } finally {
    path.delete(value);
  }
}

/** A plain object, or pino's serialized error (whose prototype carries its `raw` getter). */
function isRecord(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null || 'raw' in value;
}

/**
 * A Redis command's arguments with its secrets replaced by {@link REDACTED}: `AUTH [username] password`
 * keeps the username; `HELLO protover [AUTH username password] [SETNAME clientname]` keeps all but the
 * password, and any argument it does not recognise is redacted too. Other commands are left as they are.
 * Sources: https://redis.io/docs/latest/commands/auth/, https://redis.io/docs/latest/commands/hello/
 */
export function redactRedisArgs(name: string, args: readonly unknown[]): unknown[] {
  switch (name.toLowerCase()) {
    case 'auth':
      return args.length === 2 ? [args[0], REDACTED] : args.map(() => REDACTED);
    case 'hello': {
      const shown: unknown[] = args.slice(0, 1);
      for (let i = 1; i < args.length;) {
        const word = String(args[i]).toUpperCase();
        if (word === 'AUTH') {
          shown.push(args[i], ...args.slice(i + 1, i + 2), ...args.slice(i + 2, i + 3).map(() => REDACTED));
          i += 3;
        } else if (word === 'SETNAME') {
          shown.push(...args.slice(i, i + 2));
          i += 2;
        } else {
          shown.push(REDACTED);
          i += 1;
        }
      }
      return shown;
    }
    default:
      return [...args];
  }
}
