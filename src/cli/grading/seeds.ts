// The instructor's secret turns seeds into signed codes (HMAC-SHA256, node:crypto): a code names
// its student and exercise, so it cannot be swapped or invented. The browser never sees the
// secret; only the grader (here) verifies.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SeedAuthority } from '../../lib/core/grade/grader.ts';
import type { Exercise } from '../../lib/core/exercise.ts';
import { encodeSeedCode, seedDerivation, seedMessage, variantFingerprint } from '../../lib/core/variants.ts';
import { CliError } from '../command.ts';
import { displayPath, readText } from '../load.ts';

export const MIN_SECRET_LENGTH = 16;
const SIGNATURE_LENGTH = 16; // base64url characters: 96 bits

export function readSecret(file: string): string {
  const secret = readText(file).trim();
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new CliError(`${displayPath(file)}: the secret is too short (at least ${MIN_SECRET_LENGTH} characters; try: openssl rand -hex 32 > ${displayPath(file)})`, 2);
  }
  return secret;
}

export class SignedSeeds implements SeedAuthority {
  /** `fingerprint`: of the exercise's variants block as it is now (codes made now carry it). */
  constructor(private readonly secret: string, private readonly exercise: string, private readonly fingerprint = '') {}

  /** The authority for an exercise as it is now: its codes carry its variants' fingerprint. */
  static forExercise(secret: string, exercise: Exercise): SignedSeeds {
    return new SignedSeeds(secret, exercise.id, variantFingerprint(exercise.variants));
  }

  private hmac(message: string): Buffer {
    return createHmac('sha256', this.secret).update(message, 'utf8').digest();
  }

  /** The seed issued to a student: derived from the secret, so re-running `variants` repeats it. */
  issued(student: string): number {
    return this.hmac(seedDerivation(this.exercise, student)).readUInt32BE(0);
  }

  sign(student: string, seed: number, fingerprint = this.fingerprint): string {
    return this.hmac(seedMessage(this.exercise, student, seed, fingerprint)).toString('base64url').slice(0, SIGNATURE_LENGTH);
  }

  code(student: string): string {
    const seed = this.issued(student);
    return encodeSeedCode(seed, this.sign(student, seed), this.fingerprint);
  }

  /** Was this code (seed, the fingerprint it carries, signature) issued to this student? */
  verify(student: string, seed: number, signature: string, fingerprint = ''): boolean {
    const expected = Buffer.from(this.sign(student, seed, fingerprint));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
