// Variants and seeds: draws are reproducible and within bounds, codes round-trip, signatures
// bind a seed to its student and exercise, and the grader regenerates each student's variant.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readExerciseDocument } from '../../src/lib/content/exercise.ts';
import { SignedSeeds } from '../../src/cli/grading/seeds.ts';
import { Grader } from '../../src/lib/core/grade/grader.ts';
import { decodeSeedCode, drawVariant, encodeSeedCode, publicSeed, variantFingerprint } from '../../src/lib/core/variants.ts';
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
    for (const seed of [0, 1, 123456789, 0xffffffff]) {
      expect(decodeSeedCode(encodeSeedCode(seed, 'abcdefgh12345678'))).toEqual({ seed, fingerprint: '', signature: 'abcdefgh12345678' });
      expect(decodeSeedCode(encodeSeedCode(seed, 'ab-d_fgh12345678', 'k2z09a'))).toEqual({ seed, fingerprint: 'k2z09a', signature: 'ab-d_fgh12345678' });
    }
    expect(decodeSeedCode(42)).toEqual({ seed: 42, fingerprint: '', signature: '' });
    for (const junk of ['', 'ZZ', '1-x', '12345678-abcdefghij', -1, 2 ** 33, 1.5, {}, null]) expect(decodeSeedCode(junk), String(junk)).toBeNull();
  });

  it('signatures bind student, exercise and seed', () => {
    const seeds = SignedSeeds.forExercise(secret, exercise);
    const code = decodeSeedCode(seeds.code('ana'))!;
    expect(code.seed).toBe(seeds.issued('ana'));
    expect(code.fingerprint).toBe(variantFingerprint(exercise.variants));
    const fp = code.fingerprint;
    expect(seeds.verify('ana', code.seed, code.signature, fp)).toBe(true);
    expect(seeds.verify('bo', code.seed, code.signature, fp)).toBe(false);
    expect(seeds.verify('ana', code.seed + 1, code.signature, fp)).toBe(false);
    expect(seeds.verify('ana', code.seed, code.signature, fp.replace(/^./, (c) => (c === '0' ? '1' : '0')))).toBe(false);
    expect(new SignedSeeds(secret, 'other', fp).verify('ana', code.seed, code.signature, fp)).toBe(false);
    expect(new SignedSeeds(secret + 'x', 'chain3', fp).verify('ana', code.seed, code.signature, fp)).toBe(false);
    expect(seeds.issued('ana')).toBe(new SignedSeeds(secret, 'chain3').issued('ana'));
  });

  it('the grader regenerates each variant: a signed code, an issued seed, the public seed', () => {
    const seeds = SignedSeeds.forExercise(secret, exercise);
    const signed = new Grader(exercise, { seeds });
    const open = new Grader(exercise, { trustSeeds: true });
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

describe('variants by name, fingerprints and where:', () => {
  const withBlock = (block: string) => {
    const text = readFileSync('exercises/chain3.md', 'utf8').replace(/variants:\n(  .*\n)+/, `variants:\n${block}`);
    const { exercise: ex, doc } = readExerciseDocument(text, 'chain3.md');
    if (!ex) throw new Error(doc.reporter.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join('\n'));
    return { ex, doc };
  };
  const original = withBlock('  x: { uniform: [0.5, 1.5], decimals: 2 }\n  w3: { choice: [0.23, 0.27, 0.31] }\n').ex;
  const reordered = withBlock('  w3: { choice: [0.23, 0.27, 0.31] }\n  x: { uniform: [0.5, 1.5], decimals: 2 }\n').ex;
  const widened = withBlock('  x: { uniform: [0.5, 2.5], decimals: 2 }\n  w3: { choice: [0.23, 0.27, 0.31] }\n').ex;

  it('reordering the block draws the same numbers and keeps the fingerprint', () => {
    for (let seed = 0; seed < 500; seed++) expect(drawVariant(reordered.variants, seed)).toEqual(drawVariant(original.variants, seed));
    expect(variantFingerprint(reordered.variants)).toBe(variantFingerprint(original.variants));
  });

  it('a code made for the old block is refused after a range is widened, naming the variable', () => {
    const seeds = SignedSeeds.forExercise(secret, original);
    const sub = enc({ student: 'ana', seed: seeds.code('ana'), answers: {} });
    const now = new Grader(widened, { seeds: SignedSeeds.forExercise(secret, widened) });
    expect(now.gradeFile(sub, 'a.json')[0].error).toMatch(/variants block changed since this code was made \("x"\)/);
    const anyway = new Grader(widened, { seeds: SignedSeeds.forExercise(secret, widened), acceptChangedVariants: true }).gradeFile(sub, 'a.json')[0];
    expect(anyway.error).toBeUndefined();
    expect(anyway.warnings?.join()).toMatch(/accept-changed-variants/);
    // The same code on the reordered block is fine.
    expect(new Grader(reordered, { seeds: SignedSeeds.forExercise(secret, reordered) }).gradeFile(sub, 'a.json')[0].error).toBeUndefined();
  });

  it('where: conditions hold for every variant, deterministically; impossible ones are author errors', () => {
    const { ex } = withBlock('  x: { uniform: [-1, 1], decimals: 1 }\n  w3: { choice: [0.23, 0.27, 0.31] }\n  where: ["abs(x) >= 0.3", "x * w3 != 0"]\n');
    for (let seed = 0; seed < 500; seed++) {
      const v = drawVariant(ex.variants, seed);
      expect(Math.abs(v.x)).toBeGreaterThanOrEqual(0.3);
      expect(drawVariant(ex.variants, seed)).toEqual(v);
    }
    expect(() => withBlock('  x: { uniform: [0, 1], decimals: 1 }\n  where: ["x > 2"]\n')).toThrow(/no variant meets these conditions/);
    expect(() => withBlock('  x: { uniform: [0, 1], decimals: 1 }\n  where: ["x + q > 2"]\n')).toThrow(/unknown name "q"/);
    expect(() => withBlock('  x: { uniform: [0, 1], decimals: 1 }\n  where: ["x"]\n')).toThrow(/exactly one comparison/);
  });

  it('no guessing: without the secret a seedless or bare-seed submission is an error row unless trusted', () => {
    const open = new Grader(exercise);
    expect(open.gradeFile(enc({ student: 'ana', answers: {} }), 'a.json')[0].error).toMatch(/no seed.*--trust-seeds/);
    expect(open.gradeFile(enc({ student: 'ana', seed: 12345, answers: {} }), 'a.json')[0].error).toMatch(/bare number/);
    expect(new Grader(exercise, { trustSeeds: true }).gradeFile(enc({ student: 'ana', seed: 12345, answers: {} }), 'a.json')[0].seed).toBe(12345);
  });
});
