// Once per run: name this run (its pid), clear databases of runs that are gone, and drop this run's
// databases at the end. A run still going on (another terminal, a helper) is left alone.
import type { TestProject } from 'vitest/node';
import { dropTestDatabases } from './test-services.js';

declare module 'vitest' {
  export interface ProvidedContext {
    testRunId: string;
  }
}

function alive(runId: string): boolean {
  const pid = Number(runId);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export default async function setup(project: TestProject) {
  const runId = String(process.pid);
  await dropTestDatabases(alive);
  project.provide('testRunId', runId);
  return async () => {
    await dropTestDatabases((id) => id !== runId && alive(id));
  };
}
