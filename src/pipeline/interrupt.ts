import type { Risk } from './command.js';

/** What an interrupt did to the invocation in flight: the dispatcher decides, the front door says it. */
export interface InterruptEffect {
  /**
   * `cancelling`: it only reads, or has not started, so it stops now (audited `cancelled`; nothing changed).
   * `finishing`: it may change something, so it runs to its end (bounded by its deadline) and its outcome
   * is audited: stopping a write half-way would leave nobody knowing whether it happened.
   */
  effect: 'cancelling' | 'finishing';
  /** The command's name and risk, once they are known. */
  command?: string;
  risk?: Risk;
}

/**
 * A front door's handle on one invocation it started: the shell presses it at each Ctrl-C. What a press
 * does is the dispatcher's decision (policy lives in the pipeline), returned so the front door can say it.
 */
export class Interrupt {
  #handler: (() => InterruptEffect) | undefined;

  /** The person interrupted. Returns what that does, or `undefined` when nothing is in flight. */
  press(): InterruptEffect | undefined {
    return this.#handler?.();
  }

  /** The dispatcher's side: `handler` answers presses until the returned function is called. */
  handle(handler: () => InterruptEffect): () => void {
    this.#handler = handler;
    return () => {
      if (this.#handler === handler) this.#handler = undefined;
    };
  }
}

/** The dispatcher's view of one invocation's interrupt: see {@link cancellation}. */
export interface Cancellation {
  /** Aborted by a press before {@link Cancellation.commit}: planning and reads stop on it. */
  readonly signal: AbortSignal;
  /** From here on what runs may change something: presses answer `finishing` and abort nothing. */
  commit(): void;
  /** The invocation is over: presses are no longer answered. */
  release(): void;
}

/**
 * Answers `interrupt`'s presses for one invocation. Until `commit`, a press aborts `signal` (answered
 * `cancelling`); after it, a press is answered `finishing`. `what` names the command as far as it is known.
 */
export function cancellation(
  interrupt: Interrupt | undefined,
  what: () => Pick<InterruptEffect, 'command' | 'risk'>,
): Cancellation {
  const controller = new AbortController();
  let committed = false;
  const release =
    interrupt?.handle(() => {
      if (!committed) controller.abort(new Error('interrupted by the person who asked'));
      return { effect: committed ? 'finishing' : 'cancelling', ...what() };
    }) ?? (() => undefined);
  return {
    signal: controller.signal,
    commit: () => {
      committed = true;
    },
    release,
  };
}
