/**
 * A result that started something which goes on by itself (a runbook run): `started` names it in words
 * (`run run_01JP…`). Whoever reports the run that returned it (an approval's card and answer) says
 * "started …", never "done": how it goes is told where it runs (the run's own card).
 */
export interface StartedResult {
  started: string;
}

/** What `result` started, when it is a {@link StartedResult} (as stored: plain JSON); else `undefined`. */
export function startedOf(result: unknown): string | undefined {
  if (typeof result !== 'object' || result === null) return undefined;
  const started = (result as Partial<StartedResult>).started;
  return typeof started === 'string' ? started : undefined;
}
