// The state one lesson page shares between its workbench (graph, step, controls), questions and
// prose: the student's edits to the numbers, the current step, practice reveals and answers.
// Everything the page shows is derived from here, so one edit updates every view at once, and
// every verdict is computed from the numbers now on screen, never kept from older ones.
import { Graph, type Solution } from '../../core/graph.ts';
import { buildSteps, type Step } from '../../core/steps.ts';
import type { LessonModel } from '../../content/lesson.ts';
import { checkQuestion, noSolution, type LessonAnswer } from '../../core/check/checker.ts';
import { pageLang } from '../../page-lang.ts';
import { markLessonQuestion } from '../../core/lesson-question.ts';
import { initialWidgetValues, type WidgetValues } from '../../core/widget-state.ts';
import { lessonRtol } from '../../core/exercise.ts';
import { checkMatrixQuestion } from '../../core/check/matrix.ts';
import { evaluateQuantity, keyText, quantityKinds } from '../../core/quantity.ts';
import { constant, ref, type Expr } from '../../core/expr.ts';
import { askedSteps, stepsOfExpr, walkedSteps } from '../../content/lesson-steps.ts';

export interface SavedAnswer {
  given: string;
  /** The verdict against the numbers the answer was last marked with (the index page counts these). */
  verdict: LessonAnswer['verdict'];
  message: string;
  /** Which numbers the student answered against (see `numbersKey`). */
  numbers?: string;
}

/** What is kept in the browser for a lesson: the walk, the answers and the edits to the numbers. */
export interface Progress {
  current: number;
  reached: number;
  answers: Record<string, SavedAnswer>;
  revealed: Record<string, boolean>;
  overrides: Record<string, number>;
  learningRate: number;
  /** What the student chose in the widgets questions read (the start of a ::descent), by widget id. */
  widgets?: WidgetValues;
}

/** True when the body has a ::steps{practice=true} panel: the lesson starts in "try it first" mode. */
function opensInPractice(node: { type: string; tagName?: string; properties?: Record<string, unknown>; children?: unknown[] }): boolean {
  if (node.type === 'element' && node.tagName === 'bs-steps' && node.properties?.practice === 'true') return true;
  return (node.children ?? []).some((c) => opensInPractice(c as typeof node));
}

const isNumberRecord = (v: unknown): v is Record<string, number> =>
  typeof v === 'object' && v !== null && Object.values(v).every((x) => typeof x === 'number' && Number.isFinite(x));

export class LessonState {
  readonly model: LessonModel;
  readonly baseGraph: Graph | null;
  overrides = $state<Record<string, number>>({});
  learningRate = $state(0.1);
  current = $state(0);
  reached = $state(0);
  /** "Reveal all": every value on the page, for review. */
  showAll = $state(false);
  practice = $state(false);
  /** Steps whose result the student asked to see (false) or typed right in "try it first" (true). */
  revealed = $state<Record<string, boolean>>({});
  answers = $state<Record<string, SavedAnswer>>({});
  /** "Try it first" on backward steps: the factors the student has given (`backward:w3|z3:local`). */
  pieces = $state<Record<string, boolean>>({});
  /** The workbench's "change the numbers" panel is open. */
  numbersOpen = $state(false);
  /** What the student has chosen in the widgets with an id (::descent{#bowl}): start(bowl) in an answer. */
  widgets = $state<WidgetValues>({});

  /** A new Graph only when the learning rate changes (it is part of the spec the steps print). */
  readonly graph = $derived.by(() => {
    const base = this.baseGraph;
    if (!base || this.learningRate === base.spec.learningRate) return base;
    return new Graph({ ...base.spec, learningRate: this.learningRate });
  });
  readonly solution: Solution | null = $derived(this.graph ? this.graph.solve(this.overrides) : null);
  /** A lesson without ::graph or ::steps (its graph only feeds widgets and questions) has no walk. */
  readonly walks: boolean = $derived.by(() => hasWalk(this.model.body));
  readonly steps: Step[] = $derived.by(() => (this.walks && this.graph && this.solution ? walkedSteps(buildSteps(this.graph, this.solution, pageLang()), this.graph, this.model) : []));
  readonly step: Step | undefined = $derived(this.steps[this.current]);
  readonly indexOf: Map<string, number> = $derived(new Map(this.steps.map((s) => [s.id, s.index])));
  /** For each number question, the steps whose values it asks for. */
  readonly asked: Map<string, string[]>;
  /** The same, by step: which questions ask for this step's value. */
  readonly askedBy: Map<string, string[]>;
  /** The numbers as they are now, as one string: a verdict remembers which numbers it was checked against. */
  readonly numbersKey = $derived(JSON.stringify([Object.entries(this.overrides).sort(), this.learningRate, this.widgetsRead()]));
  /** The same for one question: the numbers and the widget values it reads (moving another widget does not re-mark it). */
  numbersFor(id: string): string {
    const question = this.model.questions.find((q) => q.id === id);
    return JSON.stringify([Object.entries(this.overrides).sort(), this.learningRate, this.widgetsRead(question?.kind === 'number' ? (question.reads ?? []) : [])]);
  }
  /**
   * Every answered question marked against the numbers in `markedKey`. After an edit the page
   * calls `remark()` once the new numbers are drawn; until then `marking` is true and no verdict
   * is shown, so a verdict never sits beside numbers it was not checked against.
   */
  results = $state<Record<string, LessonAnswer>>({});
  markedKey = $state('');
  readonly marking = $derived(this.markedKey !== this.numbersKey && Object.keys(this.answers).length > 0);

  /** `carry` keeps the walk and the edits when a lesson is re-read (the author preview). */
  constructor(model: LessonModel, carry?: LessonState) {
    this.model = model;
    this.baseGraph = model.spec ? new Graph(model.spec) : null;
    this.learningRate = model.spec?.learningRate ?? 0.1;
    this.widgets = initialWidgetValues(model.widgets ?? {});
    this.practice = opensInPractice(model.body);
    this.asked = askedSteps(model, this.baseGraph);
    this.askedBy = new Map();
    for (const [question, ids] of this.asked) for (const id of ids) this.askedBy.set(id, [...(this.askedBy.get(id) ?? []), question]);
    if (carry) {
      const names = new Set(this.baseGraph?.order ?? []);
      this.overrides = Object.fromEntries(Object.entries(carry.overrides).filter(([n]) => names.has(n)));
      this.showAll = carry.showAll;
      // The student's "Try it first" toggle survives a re-read, unless the author changed ::steps{practice=…}.
      if (opensInPractice(carry.model.body) === this.practice) this.practice = carry.practice;
      this.answers = carry.answers;
      this.revealed = carry.revealed;
      this.restoreWidgets(carry.widgets);
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

  /** Is the current step's result still to be worked out (try it first, or a question on the page asks for it)? */
  waiting(id: string): boolean {
    if (this.showAll || id in this.revealed || this.indexOf.get(id) !== this.current) return false;
    const questions = this.askedBy.get(id) ?? [];
    if (questions.some((q) => this.results[q]?.verdict === 'correct' && !this.marking)) return false;
    return this.practice || questions.length > 0;
  }

  /**
   * May this step's value be shown? Only once the walk has reached it: steps before the current
   * one, and the current one unless it is waiting for the student. "Reveal all" shows everything.
   */
  shows(id: string): boolean {
    const index = this.indexOf.get(id);
    if (index === undefined || this.showAll) return true;
    return index < this.current || (index === this.current && !this.waiting(id));
  }
  /** May a quantity (`grad(w3)`, `a3 - y`) be shown? Only when every step it reads may be. */
  showsExpr(expr: Expr): boolean {
    return !this.graph || stepsOfExpr(this.graph, expr).every((id) => this.shows(id));
  }
  reveal(id: string, typedRight = false) {
    this.revealed = { ...this.revealed, [id]: typedRight };
  }

  quantity(expr: Expr): number {
    return this.solution ? evaluateQuantity(expr, this.solution) : Number.NaN;
  }

  /**
   * Marks an answer against the numbers as they are now: a typed number (the full checker with the
   * lesson's graph, and the widget values it reads), or a picked choice.
   */
  private mark(id: string, typed: string): LessonAnswer | null {
    const question = this.model.questions.find((q) => q.id === id);
    if (!question || (this.baseGraph && !this.solution)) return null;
    return markLessonQuestion(question, typed, this.solution, this.questionGraph, this.widgets, pageLang());
  }

  /** A widget's chosen values changed (the ::descent start slider): questions reading them are marked again. */
  setWidget(id: string, values: Record<string, number>) {
    if (!(id in (this.model.widgets ?? {})) || !Object.values(values).every(Number.isFinite)) return;
    this.widgets = { ...this.widgets, [id]: { ...this.widgets[id], ...values } };
  }

  /** Only the widgets some question reads take part in `numbersKey` (moving any other slider re-marks nothing). */
  private widgetsRead(ids = this.model.questions.flatMap((q) => (q.kind === 'number' ? (q.reads ?? []) : []))): [string, Record<string, number>][] {
    const read = new Set(ids);
    return Object.entries(this.widgets).filter(([id]) => read.has(id)).sort(([a], [b]) => a.localeCompare(b));
  }

  private restoreWidgets(saved: unknown) {
    if (typeof saved !== 'object' || saved === null) return;
    const known = this.model.widgets ?? {};
    const out: WidgetValues = initialWidgetValues(known);
    for (const [id, values] of Object.entries(saved)) {
      if (!(id in known) || !isNumberRecord(values)) continue;
      for (const [name, v] of Object.entries(values)) {
        const range = known[id].ranges[name];
        if (range && v >= range[0] && v <= range[1]) out[id][name] = v;
      }
    }
    this.widgets = out;
  }

  /** The graph as edited, for the checker. */
  private get questionGraph() {
    return this.baseGraph ? { spec: this.baseGraph.spec, overrides: this.overrides, learningRate: this.learningRate } : undefined;
  }

  /** "Try it first": a step's value as the student typed it, marked by the same checker as questions. */
  practise(step: Step, typed: string): LessonAnswer {
    const kind = quantityKinds[['forward', 'backward', 'update'].indexOf(step.pass)];
    const expr = ref(keyText({ kind, name: step.name }));
    return checkQuestion({ expr, rtol: lessonRtol }, typed, this.solution ?? noSolution, this.questionGraph, pageLang());
  }

  /** "Try it first": one factor of a backward step (a plain number), by the same checker. */
  practisePiece(value: number, typed: string): LessonAnswer {
    return checkQuestion({ expr: constant(value), rtol: lessonRtol }, typed, noSolution, undefined, pageLang());
  }

  answer(id: string, typed: string): LessonAnswer | null {
    this.remark();
    const result = this.mark(id, typed);
    if (result) {
      this.answers = { ...this.answers, [id]: { given: typed, verdict: result.verdict, message: result.message, numbers: this.numbersFor(id) } };
      this.results = { ...this.results, [id]: result };
    }
    return result;
  }

  /** Mark every answered question again against the numbers as they are now. */
  remark() {
    if (this.markedKey === this.numbersKey) return;
    const out: Record<string, LessonAnswer> = {};
    for (const [id, saved] of Object.entries(this.answers)) {
      const result = this.mark(id, saved.given);
      if (result) out[id] = result;
    }
    this.results = out;
    this.markedKey = this.numbersKey;
  }

  get progress(): Progress {
    // The saved verdicts are the ones against the numbers saved with them.
    const answers = Object.fromEntries(
      Object.entries(this.answers).map(([id, a]) => [id, { ...a, verdict: this.results[id]?.verdict ?? a.verdict, message: this.results[id]?.message ?? a.message }])
    );
    return { current: this.current, reached: this.reached, answers, revealed: this.revealed, overrides: this.overrides, learningRate: this.learningRate, widgets: this.widgets };
  }
  restore(saved: Partial<Progress>) {
    // The numbers first: the steps (and so the clamp below) and every verdict depend on them.
    if (isNumberRecord(saved.overrides)) {
      const names = new Set(this.baseGraph?.order ?? []);
      this.overrides = Object.fromEntries(Object.entries(saved.overrides).filter(([n]) => names.has(n)));
    }
    if (typeof saved.learningRate === 'number') this.setLearningRate(saved.learningRate);
    this.restoreWidgets(saved.widgets);
    const last = Math.max(0, this.steps.length - 1);
    const clamp = (n: unknown) => (typeof n === 'number' && Number.isInteger(n) ? Math.max(0, Math.min(last, n)) : 0);
    this.current = clamp(saved.current);
    this.reached = Math.max(this.current, clamp(saved.reached));
    if (saved.answers && typeof saved.answers === 'object') this.answers = saved.answers;
    this.markedKey = '';
    this.remark();
    if (saved.revealed && typeof saved.revealed === 'object') this.revealed = saved.revealed;
  }
  resetProgress() {
    this.current = 0;
    this.reached = 0;
    this.answers = {};
    this.results = {};
    this.pieces = {};
    this.revealed = {};
    this.showAll = false;
    this.widgets = initialWidgetValues(this.model.widgets ?? {});
    this.resetValues();
  }
}

/** Whether a lesson body places the workbench (::graph or ::steps), i.e. has steps to walk. */
function hasWalk(node: { children?: unknown[] }): boolean {
  return (node.children ?? []).some((child) => {
    const c = child as { type?: string; tagName?: string; children?: unknown[] };
    return c.type === 'element' && (c.tagName === 'bs-graph' || c.tagName === 'bs-steps' || hasWalk(c));
  });
}
