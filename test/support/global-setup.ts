// Once per run: drop the worker databases an earlier run left, so every run starts from an empty schema.
import { DATABASE_PREFIX, withAdmin } from './test-services.js';

export default async function setup(): Promise<void> {
  await withAdmin(async (client) => {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${DATABASE_PREFIX}%`]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
}
