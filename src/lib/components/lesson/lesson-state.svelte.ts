// The state one lesson page shares between its graph, step panels, questions and editors: the
// student's edits to the numbers, the current step, practice reveals and answers. Everything
// the page shows is derived from here, so one edit updates every view at once.
import { Graph, type Solution } from '../../core/graph.ts';
import { buildSteps, type Step } from '../../core/steps.ts';
import type { LessonModel } from '../../content/lesson.ts';
import { checkChoice, checkQuestion, noSolution, type LessonAnswer } from '../../core/check/checker.ts';
import { lessonRtol } from '../../core/exercise.ts';
import { evaluateQuantity, keyText, quantityKinds } from '../../core/quantity.ts';
import { ref, type Expr } from '../../core/expr.ts';

export interface SavedAnswer {
  given: string;
  verdict: LessonAnswer['verdict'];
  message: string;
}

/** What is kept in localStorage for a lesson. */
export interface Progress {
  current: number;
  reached: number;
  answers: Record<string, SavedAnswer>;
  revealed: Record<string, boolean>;
}

/** True when the body has a ::steps{practice=true} panel: the lesson starts in "try it first" mode. */
function opensInPractice(node: { type: string; tagName?: string; properties?: Record<string, unknown>; children?: unknown[] }): boolean {
  if (node.type === 'element' && node.tagName === 'bs-steps' && node.properties?.practice === 'true') return true;
  return (node.children ?? []).some((c) => opensInPractice(c as typeof node));
}

export class LessonState {
  readonly model: LessonModel;
  readonly baseGraph: Graph | null;
  overrides = $state<Record<string, number>>({});
  learningRate = $state(0.1);
  current = $state(0);
  reached = $state(0);
  showAll = $state(false);
  practice = $state(false);
  revealed = $state<Record<string, boolean>>({});
  answers = $state<Record<string, SavedAnswer>>({});

  /** A new Graph only when the learning rate changes (it is part of the spec the steps print). */
  readonly graph = $derived.by(() => {
    const base = this.baseGraph;
    if (!base || this.learningRate === base.spec.learningRate) return base;
    return new Graph({ ...base.spec, learningRate: this.learningRate });
  });
  readonly solution: Solution | null = $derived(this.graph ? this.graph.solve(this.overrides) : null);
  readonly steps: Step[] = $derived(this.graph && this.solution ? buildSteps(this.graph, this.solution) : []);
  readonly step: Step | undefined = $derived(this.steps[this.current]);
  readonly indexOf: Map<string, number> = $derived(new Map(this.steps.map((s) => [s.id, s.index])));

  /** `carry` keeps the walk and the edits when a lesson is re-read (the author preview). */
  constructor(model: LessonModel, carry?: LessonState) {
    this.model = model;
    this.baseGraph = model.spec ? new Graph(model.spec) : null;
    this.learningRate = model.spec?.learningRate ?? 0.1;
    this.practice = opensInPractice(model.body);
    if (carry) {
      const names = new Set(this.baseGraph?.order ?? []);
      this.overrides = Object.fromEntries(Object.entries(carry.overrides).filter(([n]) => names.has(n)));
      this.showAll = carry.showAll;
      // The student's "Try it first" toggle survives a re-read, unless the author changed ::steps{practice=…}.
      if (opensInPractice(carry.model.body) === this.practice) this.practice = carry.practice;
      this.answers = carry.answers;
      this.revealed = carry.revealed;
      this.current = Math.min(carry.current, Math.max(0, this.steps.length - 1));
      this.reached = Math.max(this.current, Math.min(carry.reached, Math.max(0, this.steps.length - 1)));
    }
  }

  get edited() {
    return Object.keys(this.overrides).length > 0 || this.learningRate !== (this.baseGraph?.spec.learningRate ?? 0.1);
  }

  go(index: number) {
    if (!this.steps.length) return;
    this.current = Math.max(0, Math.min(this.steps.length - 1, index));
    if (this.current > this.reached) this.reached = this.current;
  }
  next = () => this.go(this.current + 1);
  previous = () => this.go(this.current - 1);
  first = () => this.go(0);
  last = () => this.go(this.steps.length - 1);

  /** The value the spec gives a param or input, before any edit. */
  initial(name: string): number {
    const spec = this.baseGraph?.spec;
    return spec?.params[name] ?? spec?.inputs[name] ?? 0;
  }
  setValue(name: string, value: number) {
    if (Number.isFinite(value)) this.overrides = { ...this.overrides, [name]: value };
  }
  setLearningRate(value: number) {
    if (Number.isFinite(value) && value > 0) this.learningRate = value;
  }
  resetValues() {
    this.overrides = {};
    this.learningRate = this.baseGraph?.spec.learningRate ?? 0.1;
  }

  /** Has the walk reached this step (or is everything shown)? Practice hides the current one until answered. */
  shows(id: string): boolean {
    const index = this.indexOf.get(id);
    if (index === undefined) return true;
    if (this.practice && index === this.current && !this.revealed[id]) return false;
    return this.showAll || index <= this.current;
  }
  reveal(id: string) {
    this.revealed = { ...this.revealed, [id]: true };
  }

  quantity(expr: Expr): number {
    return this.solution ? evaluateQuantity(expr, this.solution) : Number.NaN;
  }

  /** Marks an answer: a typed number (against the graph as edited, or plain arithmetic without one) or a picked choice. */
  answer(id: string, typed: string): LessonAnswer | null {
    const question = this.model.questions.find((q) => q.id === id);
    if (!question || (this.baseGraph && !this.solution)) return null;
    const result = question.kind === 'choice' ? checkChoice(question, typed) : checkQuestion(question, typed, this.solution ?? noSolution, this.questionGraph);
    this.answers = { ...this.answers, [id]: { given: typed, verdict: result.verdict, message: result.message } };
    return result;
  }

  /** The graph as edited, for the checker. */
  private get questionGraph() {
    return this.baseGraph ? { spec: this.baseGraph.spec, overrides: this.overrides, learningRate: this.learningRate } : undefined;
  }

  /** "Try it first": a step's value as the student typed it, marked by the same checker as questions. */
  practise(step: Step, typed: string): LessonAnswer {
    const kind = quantityKinds[['forward', 'backward', 'update'].indexOf(step.pass)];
    const expr = ref(keyText({ kind, name: step.name }));
    return checkQuestion({ expr, rtol: lessonRtol }, typed, this.solution ?? noSolution, this.questionGraph);
  }

  get progress(): Progress {
    return { current: this.current, reached: this.reached, answers: this.answers, revealed: this.revealed };
  }
  restore(saved: Partial<Progress>) {
    const last = Math.max(0, this.steps.length - 1);
    const clamp = (n: unknown) => (typeof n === 'number' && Number.isInteger(n) ? Math.max(0, Math.min(last, n)) : 0);
    this.current = clamp(saved.current);
    this.reached = Math.max(this.current, clamp(saved.reached));
    if (saved.answers && typeof saved.answers === 'object') this.answers = saved.answers;
    if (saved.revealed && typeof saved.revealed === 'object') this.revealed = saved.revealed;
  }
  resetProgress() {
    this.current = 0;
    this.reached = 0;
    this.answers = {};
    this.revealed = {};
    this.showAll = false;
  }
}
