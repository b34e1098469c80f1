// Issue 11, fault 8: warn when the bot's database doubles as the station's.
import { describe, expect, it } from 'vitest';
import { sharedDatabaseWarning } from '../../src/config/shared-database-warning.js';

describe('sharedDatabaseWarning', () => {
  it('warns when RADIO_DATABASE_URL is unset or names the same host, port and database', () => {
    expect(sharedDatabaseWarning('postgres://bot@db.internal/radio_station', undefined)).toMatch(
      /RADIO_DATABASE_URL is not set/,
    );
    expect(
      sharedDatabaseWarning(
        'postgres://bot@DB.internal:5432/radio_station',
        'postgres://inspector:pw@db.internal/radio_station?sslmode=require',
      ),
    ).toMatch(/also the station database/);
  });

  it('is quiet when they are separate, or when the shell runs on its embedded database', () => {
    expect(
      sharedDatabaseWarning('postgres://bot@ops-db/radio_ops', 'postgres://inspector@radio-db/radio_station'),
    ).toBeUndefined();
    expect(
      sharedDatabaseWarning('postgres://bot@db/radio_ops', 'postgres://inspector@db/radio_station'),
    ).toBeUndefined();
    expect(
      sharedDatabaseWarning('postgres://bot@db:5433/radio_station', 'postgres://bot@db:5432/radio_station'),
    ).toBeUndefined();
    expect(sharedDatabaseWarning(undefined, undefined)).toBeUndefined();
  });
});
