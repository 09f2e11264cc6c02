// Seeded randomness for the trainer. A small PRNG drives initialisation and shuffling; a
// counter-based hash draws dropout masks, so the CPU and the GPU drop exactly the same units.

/** mulberry32: a 32-bit state PRNG, good enough for shuffling and weight initialisation. */
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

/** PCG hash of one u32 (Jarzynski & Olano 2020); `hash.wgsl` holds the same function. */
export function pcgHash(value: number): number {
  const state = (Math.imul(value >>> 0, 747796405) + 2891336453) >>> 0;
  const word = Math.imul((state >>> ((state >>> 28) + 4)) ^ state, 277803737) >>> 0;
  return ((word >>> 22) ^ word) >>> 0;
}

/** The per-layer, per-step word the dropout hash starts from (computed on the CPU for both backends). */
export function dropoutSeedWord(seed: number, step: number, layer: number): number {
  return pcgHash((seed >>> 0) ^ pcgHash(((step * 16) >>> 0) + layer));
}

/** Whether unit `index` survives dropout at `rate` (a float32) — the twin of `keep()` in hash.wgsl. */
export function dropoutKeeps(seedWord: number, index: number, rate: number): boolean {
  return (pcgHash((index ^ seedWord) >>> 0) >>> 8) / 16777216 >= rate;
}
