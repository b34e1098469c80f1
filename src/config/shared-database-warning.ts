/** Host, port and database name of a Postgres URL, lower-cased where Postgres ignores case. */
function identity(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    const database =
      decodeURIComponent(parsed.pathname.replace(/^\//, '')) || decodeURIComponent(parsed.username) || 'postgres';
    return `${parsed.hostname.toLowerCase()}:${parsed.port || '5432'}/${database}`;
  } catch {
    return undefined;
  }
}

/**
 * A warning when the bot's own database (`DATABASE_URL`: audit log, approvals) is the station database
 * the `db` commands inspect (`RADIO_DATABASE_URL`, which defaults to it): then an RDS outage takes the
 * audit log with it, and every command is refused (fail closed) exactly when the station needs help.
 * `undefined` when they are separate. Compares host, port and database name, not users or options.
 */
export function sharedDatabaseWarning(
  databaseUrl: string | undefined,
  radioDatabaseUrl: string | undefined,
): string | undefined {
  if (!databaseUrl) return undefined;
  const station = radioDatabaseUrl ?? databaseUrl;
  const same = radioDatabaseUrl === undefined || identity(databaseUrl) === identity(station);
  if (!same) return undefined;
  return (
    'the bot database (DATABASE_URL) is also the station database the db commands inspect' +
    `${radioDatabaseUrl ? ' (RADIO_DATABASE_URL)' : ' (RADIO_DATABASE_URL is not set)'}: when it fails, the audit log fails with it ` +
    'and every command is refused. Give the bot a database of its own.'
  );
}
