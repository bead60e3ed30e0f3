// A small seeded random generator (mulberry32): one seed always gives the same numbers on every
// machine, so the demo seed (prisma/seed.ts), the benchmark's data set (scripts/bench/plan.ts) and
// the crash tests' choices (test/crash) are the same on every run. Not for secrets. Pure: no I/O.

export type Random = {
  /** A number in [0, 1). */
  next: () => number;
  /** A whole number from `min` to `max`, both included. */
  int: (min: number, max: number) => number;
  /** One of the items (the list must not be empty). */
  pick: <T>(items: readonly T[]) => T;
  /** `count` different items (all of them when there are fewer), in a random order. */
  sample: <T>(items: readonly T[], count: number) => T[];
  chance: (probability: number) => boolean;
  /** One of `items`, chosen with the given weights (any positive numbers). */
  weighted: <T>(items: readonly (readonly [T, number])[]) => T;
  /** A new array with the same items in a random order. */
  shuffle: <T>(items: readonly T[]) => T[];
  /** A version-4 UUID made from the generator (not from the system's randomness). */
  uuid: () => string;
};

/** Numbers in [0, 1) from a 32-bit seed. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function createRandom(seed: number): Random {
  const next = mulberry32(seed);
  const word = () => Math.floor(next() * 4_294_967_296);
  const hex = (value: number) => value.toString(16).padStart(8, "0");
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      if (items.length === 0) throw new Error("pick from an empty list");
      return items[Math.floor(next() * items.length)]!;
    },
    sample: (items, count) => {
      const pool = [...items];
      const chosen: (typeof items)[number][] = [];
      while (chosen.length < count && pool.length > 0)
        chosen.push(pool.splice(Math.floor(next() * pool.length), 1)[0]!);
      return chosen;
    },
    chance: (probability) => next() < probability,
    weighted: (items) => {
      const total = items.reduce((sum, [, weight]) => sum + weight, 0);
      let point = next() * total;
      for (const [item, weight] of items) {
        point -= weight;
        if (point < 0) return item;
      }
      return items[items.length - 1]![0];
    },
    shuffle: (items) => {
      const copy = [...items];
      for (let index = copy.length - 1; index > 0; index -= 1) {
        const other = Math.floor(next() * (index + 1));
        [copy[index], copy[other]] = [copy[other]!, copy[index]!];
      }
      return copy;
    },
    uuid: () => {
      const raw = hex(word()) + hex(word()) + hex(word()) + hex(word());
      const variant = ((parseInt(raw[16]!, 16) & 0x3) | 0x8).toString(16);
      return `${raw.slice(0, 8)}-${raw.slice(8, 12)}-4${raw.slice(13, 16)}-${variant}${raw.slice(17, 20)}-${raw.slice(20, 32)}`;
    },
  };
}
