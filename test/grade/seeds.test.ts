// Variants and seeds: draws are reproducible and within bounds, codes round-trip, signatures
// bind a seed to its student and exercise, and the grader regenerates each student's variant.
import { describe, expect, it } from 'vitest';
import { SignedSeeds } from '../../src/cli/grading/seeds.ts';
import { Grader } from '../../src/lib/core/grade/grader.ts';
import { decodeSeedCode, drawVariant, encodeSeedCode, publicSeed } from '../../src/lib/core/variants.ts';
import { loadExercise } from '../check/helpers.ts';

const exercise = loadExercise('exercises/chain3.md');
const secret = 'test-secret-0123456789abcdef';
const enc = (o: unknown) => new TextEncoder().encode(JSON.stringify(o));

describe('variants', () => {
  it('draw within bounds, rounded, reproducibly', () => {
    const seen = new Set<number>();
    for (let seed = 0; seed < 2000; seed++) {
      const v = drawVariant(exercise.variants, seed);
      expect(v).toEqual(drawVariant(exercise.variants, seed));
      expect(v.x).toBeGreaterThanOrEqual(0.5);
      expect(v.x).toBeLessThanOrEqual(1.5);
      expect(Number(v.x.toFixed(2))).toBe(v.x);
      expect([0.23, 0.27, 0.31]).toContain(v.w3);
      seen.add(v.w3);
    }
    expect(seen.size).toBe(3);
  });

  it('codes round-trip and reject junk', () => {
    for (const seed of [0, 1, 123456789, 0xffffffff]) expect(decodeSeedCode(encodeSeedCode(seed, 'abcdefgh12345678'))).toEqual({ seed, signature: 'abcdefgh12345678' });
    expect(decodeSeedCode(42)).toEqual({ seed: 42, signature: '' });
    for (const junk of ['', 'ZZ', '1-x', '12345678-abcdefghij', -1, 2 ** 33, 1.5, {}, null]) expect(decodeSeedCode(junk), String(junk)).toBeNull();
  });

  it('signatures bind student, exercise and seed', () => {
    const seeds = new SignedSeeds(secret, 'chain3');
    const code = decodeSeedCode(seeds.code('ana'))!;
    expect(code.seed).toBe(seeds.issued('ana'));
    expect(seeds.verify('ana', code.seed, code.signature)).toBe(true);
    expect(seeds.verify('bo', code.seed, code.signature)).toBe(false);
    expect(seeds.verify('ana', code.seed + 1, code.signature)).toBe(false);
    expect(new SignedSeeds(secret, 'other').verify('ana', code.seed, code.signature)).toBe(false);
    expect(new SignedSeeds(secret + 'x', 'chain3').verify('ana', code.seed, code.signature)).toBe(false);
    expect(seeds.issued('ana')).toBe(new SignedSeeds(secret, 'chain3').issued('ana'));
  });

  it('the grader regenerates each variant: a signed code, an issued seed, the public seed', () => {
    const seeds = new SignedSeeds(secret, 'chain3');
    const signed = new Grader(exercise, { seeds });
    const open = new Grader(exercise);
    const right = (seed: number) => Object.fromEntries(Object.entries(signed.checker.expected(seed)).map(([k, v]) => [k, v.toFixed(4)]));
    const ana = seeds.issued('ana');
    const full = signed.maxScore;
    // Signed code given.
    expect(signed.gradeFile(enc({ exercise: 'chain3', student: 'ana', seed: seeds.code('ana'), answers: right(ana) }), 'a.json')[0]).toMatchObject({ seed: ana, score: full });
    // No seed: the issued one (with the secret) or the public one (without).
    expect(signed.gradeFile(enc({ student: 'ana', answers: right(ana) }), 'a.json')[0]).toMatchObject({ seed: ana, score: full });
    const pub = publicSeed('chain3', 'ana');
    expect(open.gradeFile(enc({ student: 'ana', answers: right(pub) }), 'a.json')[0]).toMatchObject({ seed: pub, score: full });
    // Without the secret a code is used but flagged as unverified.
    const unverified = open.gradeFile(enc({ student: 'ana', seed: seeds.code('ana'), answers: right(ana) }), 'a.json')[0];
    expect(unverified).toMatchObject({ seed: ana, score: full });
    expect(unverified.warnings?.join()).toMatch(/not verified/);
    // Answers for someone else's variant are not full marks (the variants really differ).
    const bo = seeds.issued('bo');
    if (JSON.stringify(drawVariant(exercise.variants, bo)) !== JSON.stringify(drawVariant(exercise.variants, ana))) {
      expect(signed.gradeFile(enc({ student: 'ana', answers: right(bo) }), 'a.json')[0].score).toBeLessThan(full);
    }
  });
});
