/**
 * Property tests run with a fixed seed so that `npm test` (and CI) gives the same verdict every
 * time; `FC_SEED=random npx vitest run` explores new cases, `FC_SEED=123` replays one.
 */
import fc from 'fast-check';

const seed = process.env['FC_SEED'];
if (seed !== 'random') fc.configureGlobal({ seed: seed === undefined ? 20261126 : Number(seed) });
