// The crash tests' seeds: the same seed gives the same choices of operations and the same kill
// points, so a failure can be run again (CRASH_SEED=… npm test).

/** The project's seeded generator (mulberry32, lib/random.ts), under the name the crash tests use. */
export { createRandom as seededRandom, type Random } from "@/lib/random";

/** One seed from several numbers (the run's seed, the generation, the loop), so each gets its own stream. */
export function mixSeed(...parts: number[]): number {
  let hash = 2_166_136_261;
  for (const part of parts) {
    hash = Math.imul(hash ^ (part >>> 0), 16_777_619) >>> 0;
    hash = Math.imul(hash ^ (hash >>> 13), 0x5bd1e995) >>> 0;
  }
  return hash >>> 0;
}

/** The seed of a run: CRASH_SEED when set (to replay a failure), else a fixed one so `npm test` is repeatable. */
export function runSeed(fallback: number): number {
  const given = process.env.CRASH_SEED;
  if (given === undefined || given === "") return fallback;
  const seed = Number(given);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`CRASH_SEED must be a whole number, not "${given}".`);
  return seed;
}
