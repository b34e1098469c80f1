import { defineIntegration } from '../integration-module.js';
import { createBackendTerminator, type BackendTerminator } from './pg-backend-terminator.js';

/**
 * Terminates station-database backends (`db kill-idle`, `db terminate`) with `pg_terminate_backend`, on
 * the same kept connection as the station inspector: it works when nobody else can connect.
 */
export const terminatorModule = defineIntegration({
  id: 'terminator',
  notConfigured: 'Terminating station-database backends is not set up in this process.',
  create: ({ stationDb }): BackendTerminator => createBackendTerminator(stationDb),
});
