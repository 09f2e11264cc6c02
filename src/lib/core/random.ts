// The project's one seeded random generator: exercise variants, the trainer's initial weights and
// shuffles, and the tests all draw from it, so a seed means the same numbers everywhere.
// (The trainer's dropout masks use a counter-based hash instead, train/dropout-hash.ts, because
// the GPU must draw them in parallel; it is a hash, not a second generator.)

/** mulberry32: a 32-bit state PRNG, small, well mixed and the same in every JavaScript engine. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform in [low, high). */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  /** Standard normal, Box–Muller (one value per call; the twin is discarded for simplicity). */
  normal(): number {
    const u = 1 - this.next(); // (0, 1], so log(u) is finite
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Fisher–Yates shuffle of 0..n-1 into `into` (no allocation when `into` is given). */
  permutation(n: number, into: Uint32Array = new Uint32Array(n)): Uint32Array {
    for (let i = 0; i < n; i++) into[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const t = into[i];
      into[i] = into[j];
      into[j] = t;
    }
    return into;
  }
}

/** The same generator as a function returning the next uniform in [0, 1) (for code that only needs that). */
export function random32(seed: number): () => number {
  const random = new Random(seed);
  return () => random.next();
}
