// The counter-based hash that draws dropout masks, so the CPU and the GPU drop exactly the same
// units (common.wgsl holds the same functions). Seeded draws elsewhere use core/random.ts.

/** PCG hash of one u32 (Jarzynski & Olano 2020); common.wgsl holds the same function. */
export function pcgHash(value: number): number {
  const state = (Math.imul(value >>> 0, 747796405) + 2891336453) >>> 0;
  const word = Math.imul((state >>> ((state >>> 28) + 4)) ^ state, 277803737) >>> 0;
  return ((word >>> 22) ^ word) >>> 0;
}

/** The per-layer, per-step word the dropout hash starts from (computed on the CPU for both backends). */
export function dropoutSeedWord(seed: number, step: number, layer: number): number {
  return pcgHash((seed >>> 0) ^ pcgHash(((step * 16) >>> 0) + layer));
}

/** Whether unit `index` survives dropout at `rate` (a float32) — the twin of `dropoutKeeps()` in common.wgsl. */
export function dropoutKeeps(seedWord: number, index: number, rate: number): boolean {
  return (pcgHash((index ^ seedWord) >>> 0) >>> 8) / 16777216 >= rate;
}
