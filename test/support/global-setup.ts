// Once per run: name this run (its pid), clear databases of runs that are gone, and drop this run's
// databases at the end. A run still going on (another terminal, a helper) is left alone.
import type { TestProject } from 'vitest/node';
import { dropTestDatabases } from './test-services.js';
import { isRunning } from '../../src/db/data-dir-lock.js';

declare module 'vitest' {
  export interface ProvidedContext {
    testRunId: string;
  }
}

export default async function setup(project: TestProject) {
  const runId = String(process.pid);
  await dropTestDatabases((id) => isRunning(Number(id)));
  project.provide('testRunId', runId);
  return async () => {
    await dropTestDatabases((id) => id !== runId && isRunning(Number(id)));
  };
}
