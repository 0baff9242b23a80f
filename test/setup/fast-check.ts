/**
 * One fast-check seed for every property of a test file: `FC_SEED` when set, a fixed seed in CI (`CI=true`,
 * so a red build is red again on re-run), else a random one. A failing property reports it as `seed: N` in
 * its message; `FC_SEED=N` replays the run (see README, Development).
 */
import fc from 'fast-check';

const CI_SEED = 1_202_612;

const seedFrom = (env: NodeJS.ProcessEnv): number => {
  const given = env['FC_SEED']?.trim();
  if (given) {
    const seed = Number(given);
    if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer, not '${given}'`);
    return seed;
  }
  return env['CI'] === 'true' ? CI_SEED : Math.floor(Math.random() * 2 ** 31);
};

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: seedFrom(process.env) });
