// Grading many submissions of one exercise: resolve each student's variant (a signed seed code,
// or the seed the instructor issued, or the public seed), check the answers, and produce one
// result per submission — a failed one is an error row, and the batch goes on.
import { Checker, type QuestionResult } from '../check/checker.ts';
import type { Exercise, Verdict } from '../exercise.ts';
import { decodeSeedCode, publicSeed } from '../variants.ts';
import { isSubmissionError, readSubmissionFile, type ReadSubmission, type Submission } from './submission.ts';

export interface GradedQuestion {
  id: string;
  score: number;
  max_score: number;
  status: Verdict;
  misconception: string | null;
  feedback: string;
  answer: string | null;
  expected: number;
}

export interface StudentResult {
  source: string;
  student: string | null;
  seed: number | null;
  score: number;
  max_score: number;
  questions: GradedQuestion[];
  /** Set when the submission could not be graded. */
  error?: string;
  /** Things worth knowing that did not stop grading (unknown question ids, unverified seed). */
  warnings?: string[];
}

export interface SeedAuthority {
  /** Does this signature belong to (student, seed)? */
  verify(student: string, seed: number, signature: string): boolean;
  /** The seed issued to a student by `backstep variants`. */
  issued(student: string): number;
}

export interface GraderOptions {
  /** With the instructor's secret (CLI only): signed codes are checked, missing seeds are issued ones. */
  seeds?: SeedAuthority;
}

export class Grader {
  readonly checker: Checker;
  readonly maxScore: number;
  private readonly questionIds: Set<string>;

  constructor(readonly exercise: Exercise, readonly options: GraderOptions = {}) {
    this.checker = new Checker(exercise);
    this.maxScore = this.checker.maxScore;
    this.questionIds = new Set(exercise.questions.map((q) => q.id));
  }

  /** Grade the submissions in one file's bytes (one for JSON, one per row for CSV). */
  gradeFile(bytes: Uint8Array, source: string): StudentResult[] {
    return readSubmissionFile(bytes, source).map((s) => this.grade(s));
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
    const checked = this.checker.check(sub.answers, seed);
    const result: StudentResult = {
      source: sub.source,
      student: sub.student,
      seed,
      score: checked.score,
      max_score: checked.maxScore,
      questions: checked.questions.map((q) => toGraded(q, sub.answers[q.id]))
    };
    if (warnings.length) result.warnings = warnings;
    return result;
  }

  /** The seed to grade with, or an error message. Exercises without variants need none. */
  private resolveSeed(sub: Submission, warnings: string[]): number | null | string {
    if (!this.exercise.variants) return null;
    const authority = this.options.seeds;
    if (sub.seed === undefined || sub.seed === null || sub.seed === '') {
      return authority ? authority.issued(sub.student) : publicSeed(this.exercise.id, sub.student);
    }
    const code = decodeSeedCode(sub.seed);
    if (!code) return `the seed ${JSON.stringify(sub.seed)} is not a seed code (like 1x9ka2-Qm3v0b8cZ1pT)`;
    if (authority) {
      if (!code.signature) return 'the seed is not signed: use the code from your link, or leave the seed out';
      if (!authority.verify(sub.student, code.seed, code.signature)) return 'the seed code was not issued to this student (its signature does not match)';
    } else if (code.signature) warnings.push('seed signature not verified (no --secret-file given)');
    return code.seed;
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
    answer: typed === undefined || typed === null ? null : typeof typed === 'string' ? typed : JSON.stringify(typed),
    expected: q.expected
  };
}
