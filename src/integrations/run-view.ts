import type { Integrations } from './integrations.js';

/** Views registered by {@link withRunView}: a module's client, and how to make its view for one run. */
const views = new WeakMap<object, (signal: AbortSignal) => unknown>();

/**
 * Registers `view` as the way to see `client` for one run: the same operations, with every call they make
 * bound to the run's `AbortSignal` (aborted at its deadline). Returns `client`. A module calls this in its
 * factory; commands never see it (they get the view in `integrations`).
 */
export function withRunView<C extends object>(client: C, view: (signal: AbortSignal) => C): C {
  views.set(client, view);
  return client;
}

/**
 * `integrations` as one run sees them: each client that has a run view (see {@link withRunView}) replaced
 * by its view bound to `signal`; everything else (fakes, the audit log) as it is.
 */
export function integrationsForRun<I extends Integrations>(integrations: I, signal: AbortSignal): I {
  const forRun: I = { ...integrations };
  for (const [key, client] of Object.entries(integrations)) {
    const view = typeof client === 'object' && client !== null ? views.get(client) : undefined;
    if (view) Object.assign(forRun, { [key]: view(signal) });
  }
  return forRun;
}
