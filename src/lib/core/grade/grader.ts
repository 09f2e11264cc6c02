// Grading many submissions of one exercise: resolve each student's variant (a signed seed code,
// or the seed the instructor issued, or the public seed), check the answers, and produce one
// result per submission — a failed one is an error row, and the batch goes on.
import { Checker, type QuestionResult } from '../check/checker.ts';
import type { Exercise, Verdict } from '../exercise.ts';
import { changedVariants, decodeSeedCode, publicSeed, variantFingerprint } from '../variants.ts';
import { isSubmissionError, readSubmissionFile, type ReadSubmission, type Submission } from './submission.ts';
import { baseLang, type Lang } from '../lang.ts';

export interface GradedQuestion {
  id: string;
  score: number;
  max_score: number;
  status: Verdict;
  misconception: string | null;
  feedback: string;
  /** The feedback with its maths as $…$ TeX in the exercise's notation. */
  feedback_tex: string;
  answer: string | null;
  /** The number read from the answer (null when it could not be read). */
  value: number | null;
  expected: number;
}

export interface StudentResult {
  source: string;
  student: string | null;
  seed: number | null;
  score: number;
  max_score: number;
  questions: GradedQuestion[];
  /** The language the submission says it was made in (null when it does not say). */
  lang?: Lang | null;
  /** The language its feedback is written in (--lang, else the submission's, else English). */
  feedback_lang?: Lang;
  /** Set when the submission could not be graded. */
  error?: string;
  /** Things worth knowing that did not stop grading (unknown question ids, unverified seed). */
  warnings?: string[];
  /** When it was handed in: the submission's own `submitted_at`, else the file's time. */
  submitted_at?: string | null;
  /** Gradebook: a roster student who handed nothing in (score 0). */
  missing?: true;
  /** Gradebook, with a roster: is this student on it? */
  on_roster?: boolean;
  /** Gradebook: other submissions of the same student that were not kept. */
  set_aside?: string[];
  /** Gradebook: the students whose variant these answers fit better than their own. */
  copy_of?: string[];
  /** Gradebook: what an instructor should look at (copies, duplicates, off-roster), in words. */
  flags?: string[];
}

export interface SeedAuthority {
  /** Does this signature belong to (student, seed, the fingerprint the code carries)? */
  verify(student: string, seed: number, signature: string, fingerprint: string): boolean;
  /** The seed issued to a student by `backstep variants`. */
  issued(student: string): number;
}

export interface GraderOptions {
  /** With the instructor's secret (CLI only): signed codes are checked, missing seeds are issued ones. */
  seeds?: SeedAuthority;
  /** Without a secret, take a missing seed to be the public one and a bare seed number as given. */
  trustSeeds?: boolean;
  /** Grade codes made for an earlier variants block anyway (their numbers may have changed). */
  acceptChangedVariants?: boolean;
  /** Write every submission's feedback in this language (else each in its own recorded language, else English). */
  lang?: Lang;
}

export class Grader {
  readonly checker: Checker;
  readonly maxScore: number;
  private readonly questionIds: Set<string>;
  /** The variants block's fingerprint now; a code made for another block is refused. */
  readonly fingerprint: string;

  constructor(readonly exercise: Exercise, readonly options: GraderOptions = {}) {
    this.checker = new Checker(exercise);
    this.maxScore = this.checker.maxScore;
    this.questionIds = new Set(exercise.questions.map((q) => q.id));
    this.fingerprint = variantFingerprint(exercise.variants);
  }

  /** Grade the submissions in one file's bytes (one for JSON, one per row for CSV). */
  gradeFile(bytes: Uint8Array, source: string, modified?: Date): StudentResult[] {
    return readSubmissionFile(bytes, source).map((s) => {
      const r = this.grade(s);
      const at = !isSubmissionError(s) && s.submittedAt ? s.submittedAt : modified?.toISOString();
      if (at) r.submitted_at = at;
      return r;
    });
  }

  grade(sub: ReadSubmission): StudentResult {
    if (isSubmissionError(sub)) return this.errorRow(sub.source, sub.student, sub.error);
    try {
      return this.gradeOne(sub);
    } catch (err) {
      // A bug of ours must not sink the batch: report it on this row.
      return this.errorRow(sub.source, sub.student, `internal error while grading: ${(err as Error)?.message ?? err}`);
    }
  }

  errorRow(source: string, student: string | null, error: string): StudentResult {
    return { source, student, seed: null, score: 0, max_score: this.maxScore, questions: [], error };
  }

  private gradeOne(sub: Submission): StudentResult {
    const warnings: string[] = [];
    if (sub.exercise !== null && sub.exercise !== this.exercise.id) {
      return this.errorRow(sub.source, sub.student, `this submission is for exercise "${sub.exercise}", not "${this.exercise.id}"`);
    }
    const seed = this.resolveSeed(sub, warnings);
    if (typeof seed === 'string') return this.errorRow(sub.source, sub.student, seed);
    const unknown = Object.keys(sub.answers).filter((k) => !this.questionIds.has(k));
    if (unknown.length) warnings.push(`answers to unknown questions ignored: ${unknown.join(', ')}`);
    if (sub.notes) warnings.push(...sub.notes);
    // Scores never depend on the language; only the feedback's words do.
    const feedbackLang = this.options.lang ?? sub.lang ?? baseLang;
    const checked = this.checker.check(sub.answers, seed, feedbackLang);
    const result: StudentResult = {
      source: sub.source,
      student: sub.student,
      seed,
      lang: sub.lang ?? null,
      feedback_lang: feedbackLang,
      score: checked.score,
      max_score: checked.maxScore,
      questions: checked.questions.map((q) => toGraded(q, sub.answers[q.id]))
    };
    if (warnings.length) result.warnings = warnings;
    return result;
  }

  /**
   * The seed to grade with, or an error message. Exercises without variants need none. Nothing is
   * guessed: without the instructor's secret a missing seed or a bare seed number is an error,
   * unless the instructor said to trust them (`trustSeeds`).
   */
  private resolveSeed(sub: Submission, warnings: string[]): number | null | string {
    if (!this.exercise.variants) return null;
    const { seeds: authority, trustSeeds, acceptChangedVariants } = this.options;
    if (sub.seed === undefined || sub.seed === null || sub.seed === '') {
      if (authority) return authority.issued(sub.student);
      if (trustSeeds) {
        warnings.push('no seed: graded on the public seed for this student id (--trust-seeds)');
        return publicSeed(this.exercise.id, sub.student);
      }
      return 'no seed: without --secret-file the variant cannot be known (pass --secret-file KEY, or --trust-seeds to grade on the public seed)';
    }
    const code = decodeSeedCode(sub.seed);
    if (!code) return `the seed ${JSON.stringify(sub.seed)} is not a seed code (like 1x9ka2.3fz0q1-Qm3v0b8cZ1pT)`;
    if (authority) {
      if (!code.signature) return 'the seed is not signed: use the code from your link, or leave the seed out';
      if (!authority.verify(sub.student, code.seed, code.signature, code.fingerprint)) return 'the seed code was not issued to this student (its signature does not match)';
    } else if (code.signature) warnings.push('seed signature not verified (no --secret-file given)');
    else if (!trustSeeds) return 'the seed is a bare number: without --secret-file it cannot be verified (pass --secret-file KEY, or --trust-seeds to grade on it)';
    const changed = this.variantsChanged(code.fingerprint, code.signature !== '');
    if (changed) {
      if (!acceptChangedVariants) return `${changed}; this student's numbers may differ from the ones they were given (grade with --accept-changed-variants to use the block as it is now)`;
      warnings.push(`${changed} (graded anyway: --accept-changed-variants)`);
    }
    return code.seed;
  }

  /** Why a code's fingerprint does not fit the variants block now, or null when it does. */
  private variantsChanged(fingerprint: string, signed: boolean): string | null {
    if (fingerprint === this.fingerprint) return null;
    if (!fingerprint) return signed ? 'the seed code carries no fingerprint of the variants (it was made by an older backstep)' : null;
    const { changed, removed } = changedVariants(this.exercise.variants, fingerprint);
    const names = changed.map((n) => (n === 'where' ? 'the where: conditions' : `"${n}"`));
    if (removed) names.push(`${removed} variable${removed === 1 ? '' : 's'} no longer drawn`);
    return `the variants block changed since this code was made (${names.join(', ') || 'its fingerprint differs'})`;
  }
}

function toGraded(q: QuestionResult, typed: unknown): GradedQuestion {
  return {
    id: q.id,
    score: q.score,
    max_score: q.maxScore,
    status: q.verdict,
    misconception: q.misconception,
    feedback: q.feedback,
    feedback_tex: q.feedbackTex,
    answer: typed === undefined || typed === null ? null : typeof typed === 'string' ? typed : JSON.stringify(typed),
    value: q.value,
    expected: q.expected
  };
}
