/**
 * Scripted outcomes (scenario rules, `X-Ssmock-Status`, `X-Ssmock-Delay`,
 * `--delay`) applied to a call: wait, fail with a ResponseStatus, or misbehave
 * at the connection level the way a flaky network does.
 */
import { errors } from '../errors.js';
import type { Outcome } from '../scenarios/model.js';

/** A fault a rule scripted; the error renderer acts it out instead of answering. */
export class FaultInjected extends Error {
  constructor(readonly fault: 'reset' | 'timeout' | 'malformed') {
    super(`fault ${fault}`);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export const applyOutcomes = async (outcomes: Outcome[]): Promise<void> => {
  for (const outcome of outcomes) {
    if (outcome.kind === 'delay') await sleep(outcome.ms);
    else if (outcome.kind === 'error')
      throw errors.scripted(outcome.status, outcome.errorCode, outcome.message, outcome.errors);
    else throw new FaultInjected(outcome.fault);
  }
};
