// One student's sitting of an exercise: who they are (student id, optional signed code), their
// variant, what they typed, and what the checker said. Practice checks one answer at a time;
// exam checks nothing until the end. Kept in localStorage so a reload loses nothing.
import { Checker, type CheckResult, type QuestionResult } from '$lib/core/check/checker.ts';
import type { Exercise } from '$lib/core/exercise.ts';
import { decodeSeedCode, drawVariant, publicSeed } from '$lib/core/variants.ts';
import { buildSteps, type Step } from '$lib/core/steps.ts';
import { workedSteps } from '$lib/core/worked.ts';
import { m } from '$lib/paraglide/messages.js';
import { pageLang } from '$lib/page-lang.ts';

interface Saved {
  student: string;
  code: string;
  answers: Record<string, string>;
  attempts: Record<string, number>;
  finished: boolean;
}

export class ExerciseSession {
  readonly checker: Checker;
  student = $state('');
  code = $state('');
  answers = $state<Record<string, string>>({});
  /** Checked answers that count as attempts (unreadable ones do not). */
  attempts = $state<Record<string, number>>({});
  feedback = $state<Record<string, QuestionResult>>({});
  finished = $state(false);
  final = $state<CheckResult | null>(null);

  constructor(readonly exercise: Exercise, private readonly storageKey: string) {
    this.checker = new Checker(exercise);
  }

  get mode() {
    return this.exercise.mode;
  }
  get started() {
    return this.student !== '';
  }
  /** The seed: from the code when there is one (the grader verifies it), else the public seed. */
  get seed(): number | null {
    if (!this.exercise.variants || !this.student) return null;
    return decodeSeedCode(this.code)?.seed ?? publicSeed(this.exercise.id, this.student);
  }
  /** The params and inputs this student works with. */
  get numbers(): Record<string, number> {
    const { params, inputs } = this.exercise.spec;
    return { ...inputs, ...params, ...(this.seed === null ? {} : drawVariant(this.exercise.variants, this.seed)) };
  }

  /** Answers the checker cannot read (typed but not a number), each with the reason; checks nothing else. */
  unreadable(): { id: string; message: string }[] {
    return this.checker
      .check(this.answers, this.seed, pageLang())
      .questions.filter((q) => q.verdict === 'invalid')
      .map((q) => ({ id: q.id, message: q.feedback }));
  }

  /** After finishing: the steps of the step engine that lead to a question's answer, with this student's numbers. */
  worked(id: string): Step[] {
    const question = this.exercise.questions.find((q) => q.id === id);
    if (!question || !this.finished) return [];
    const key = JSON.stringify(this.numbers);
    if (this.stepsFor?.key !== key) this.stepsFor = { key, steps: buildSteps(this.checker.graph, this.checker.graph.solve(this.numbers), pageLang()) };
    return workedSteps(this.checker.graph, this.stepsFor.steps, question.target);
  }
  private stepsFor: { key: string; steps: Step[] } | null = null;

  /** Start (or switch to) a student; a code that cannot be read is refused with a reason. */
  start(student: string, code: string): string | null {
    const id = student.trim();
    if (!id) return m.exercise_type_id();
    if (code.trim() && !decodeSeedCode(code.trim())) return m.exercise_bad_code();
    if (id !== this.student || code.trim() !== this.code) {
      this.answers = {};
      this.attempts = {};
      this.feedback = {};
      this.finished = false;
      this.final = null;
    }
    this.student = id;
    this.code = code.trim();
    this.save();
    return null;
  }

  /** Practice: check one answer now (earlier answers count for error carried forward). */
  check(id: string) {
    if (this.mode !== 'practice' || this.finished) return;
    const result = this.checker.check(this.answers, this.seed, pageLang()).questions.find((q) => q.id === id);
    if (!result) return;
    this.feedback[id] = result;
    if (result.verdict !== 'invalid' && result.verdict !== 'missing') this.attempts[id] = (this.attempts[id] ?? 0) + 1;
    this.save();
  }

  finish() {
    this.final = this.checker.check(this.answers, this.seed, pageLang());
    this.feedback = Object.fromEntries(this.final.questions.map((q) => [q.id, q]));
    this.finished = true;
    this.save();
  }

  /** The submission file the grader reads. */
  submission() {
    const seed = this.code || (this.seed === null ? undefined : this.seed);
    // `lang`: the language the student worked in (the grader can word its feedback in it; the score does not depend on it).
    return { exercise: this.exercise.id, student: this.student, ...(seed === undefined ? {} : { seed }), lang: pageLang(), submitted_at: new Date().toISOString(), answers: { ...this.answers } };
  }

  save() {
    const saved: Saved = { student: this.student, code: this.code, answers: this.answers, attempts: this.attempts, finished: this.finished };
    try {
      localStorage.setItem(this.storageKey, JSON.stringify(saved));
    } catch {
      // Storage unavailable (private window, quota): answers last as long as the page.
    }
  }

  restore() {
    let saved: Partial<Saved> | null = null;
    try {
      saved = JSON.parse(localStorage.getItem(this.storageKey) ?? 'null');
    } catch {
      saved = null;
    }
    if (!saved || typeof saved.student !== 'string' || !saved.student) return;
    this.student = saved.student;
    this.code = typeof saved.code === 'string' ? saved.code : '';
    this.answers = isStrings(saved.answers) ? saved.answers : {};
    this.attempts = typeof saved.attempts === 'object' && saved.attempts ? (saved.attempts as Record<string, number>) : {};
    if (saved.finished) this.finish();
  }

  forget() {
    this.student = '';
    this.code = '';
    this.answers = {};
    this.attempts = {};
    this.feedback = {};
    this.finished = false;
    this.final = null;
    try {
      localStorage.removeItem(this.storageKey);
    } catch {
      // nothing stored
    }
  }
}

const isStrings = (v: unknown): v is Record<string, string> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');
