// The directives a lesson may use, with the kind each must be written as and the attributes it
// takes. Each attribute check returns an error message or null. The plugins and the docs read this.
import { PRESET_FIELDS } from '../train/settings.ts';
import { MAX_EPOCHS } from '../core/perceptron.ts';
import { DESCENT2D_ATTRIBUTES } from '../core/descent2d.ts';

export type DirectiveKind = 'text' | 'leaf' | 'container';

export type AttributeCheck = (value: string) => string | null;

export interface DirectiveSpec {
  kind: DirectiveKind;
  /** A container that may also be written as a leaf, on one line (an exercise's ::question{…}). */
  leafToo?: boolean;
  /** Its attributes are read and checked by the exercise model (one message each, at its place). */
  readByModel?: boolean;
  summary: string;
  attributes: Record<string, AttributeCheck>;
}

export const passes = ['forward', 'backward', 'update', 'all'] as const;
export const graphParts = ['values', 'gradients', 'partials', 'params'] as const;

const oneOf = (allowed: readonly string[]): AttributeCheck => (v) => (allowed.includes(v) ? null : `must be one of ${allowed.join(', ')}, not "${v}"`);
const boolean = oneOf(['true', 'false']);
const text: AttributeCheck = () => null;
const wordsFrom = (allowed: readonly string[]): AttributeCheck => (v) => {
  const bad = v.split(/[\s,]+/).filter((w) => w && !allowed.includes(w));
  return bad.length ? `unknown word "${bad[0]}" (use any of ${allowed.join(', ')})` : null;
};
const integer = (min: number, max: number): AttributeCheck => (v) =>
  /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max ? null : `must be a whole number from ${min} to ${max}, not "${v}"`;
const positive: AttributeCheck = (v) => (v.trim() !== '' && Number.isFinite(Number(v)) && Number(v) > 0 ? null : `must be a positive number, not "${v}"`);
/** choices="narrowed|widened|stayed the same": at least two, none empty, none twice. */
export const splitChoices = (v: string) => v.split('|').map((c) => c.trim());
const choiceList: AttributeCheck = (v) => {
  const choices = splitChoices(v);
  if (choices.length < 2) return `needs at least two choices separated by |, like choices="went up|went down", not "${v}"`;
  if (choices.some((c) => !c)) return `has an empty choice in "${v}"`;
  const twice = choices.find((c, i) => choices.indexOf(c) !== i);
  return twice === undefined ? null : `lists "${twice}" twice`;
};
/** A widget's id, read by questions as start(id): letters, digits and _ (a - would read as a minus). */
const widgetId: AttributeCheck = (v) => (/^[A-Za-z]\w*$/.test(v) ? null : `must start with a letter and use letters, digits and _ (a question reads it as start(${v.replace(/\W/g, '_') || 'bowl'})), not "${v}"`);
const numberIn = (min: number, max: number): AttributeCheck => (v) =>
  v.trim() !== '' && Number.isFinite(Number(v)) && Number(v) >= min && Number(v) <= max ? null : `must be a number from ${min} to ${max}, not "${v}"`;
const identifier: AttributeCheck = (v) => (/^[A-Za-z][\w-]*$/.test(v) ? null : `must start with a letter and use letters, digits, - and _, not "${v}"`);

export const directives: Record<string, DirectiveSpec> = {
  graph: {
    kind: 'leaf',
    summary: 'the computation graph of the lesson',
    attributes: { show: wordsFrom(graphParts), caption: text }
  },
  steps: {
    kind: 'leaf',
    summary: 'the step-through panel for one pass or all of them',
    attributes: { pass: oneOf(passes), practice: boolean }
  },
  controls: {
    kind: 'leaf',
    summary: 'number fields and sliders for the inputs, params and learning rate',
    attributes: { names: text }
  },
  value: {
    kind: 'text',
    summary: 'a live number: a name, grad(name) or updated(name)',
    attributes: { digits: integer(1, 15) }
  },
  question: {
    kind: 'container',
    summary: 'a question the student answers with a number, or by picking one of `choices`',
    attributes: { id: identifier, answer: text, rtol: positive, choices: choiceList }
  },
  trainer: {
    kind: 'leaf',
    summary: 'a small MNIST trainer with these settings (the student may change them): curves, test accuracy',
    attributes: { title: text, ...Object.fromEntries(Object.entries(PRESET_FIELDS).map(([name, field]) => [name, field.check])) }
  },
  compare: {
    kind: 'leaf',
    summary: 'the validation curves of the ::trainer runs named in trainers="title A|title B", overlaid on one chart (labels="A|B": short names beside the lines)',
    attributes: { trainers: text, labels: text, measure: oneOf(['accuracy', 'loss']), title: text }
  },
  'forward-digit': {
    kind: 'leaf',
    summary: "one test digit going forward through the network of the page's ::trainer: each layer's activations and the ten probabilities",
    attributes: { digit: integer(1, 1000) }
  },
  perceptron: {
    kind: 'leaf',
    summary: 'a truth table or 2-D points with a step neuron or network of them (layers="1,1>=2"), or, without layers, the perceptron rule stepped sample by sample',
    // data, layers and init are read, with positions inside the value, by remark-perceptron.ts.
    attributes: { data: text, layers: text, rate: positive, init: text, seed: integer(0, 2147483647), epochs: integer(1, MAX_EPOCHS), caption: text }
  },
  descent: {
    kind: 'leaf',
    summary: 'gradient descent on a function of x (f="x^2"): the curve, the iterates, a table of n, xₙ, f′(xₙ), xₙ₊₁, sliders for the rate and the start, Step / Run / Rewind; with an id (::descent{#bowl …}) a question reads the chosen start and rate as start(bowl), rate(bowl)',
    // Every attribute is read, with positions inside the value, by remark-descent.ts (the core's reader).
    attributes: { f: text, domain: text, rate: text, start: text, steps: text, 'max-rate': text, caption: text, id: widgetId }
  },
  descent2d: {
    kind: 'leaf',
    summary: 'optimizers on a function of x and y (f="x^2 + 10*y^2"): contours, each optimizer\'s path from one start overlaid, sliders for their settings, Step / Run / Rewind, the iterate table and one update walked with its numbers',
    // Every attribute is read, with positions inside the value, by remark-descent.ts (core descent2d.ts).
    attributes: Object.fromEntries(DESCENT2D_ATTRIBUTES.map((name) => [name, text]))
  },
  loop: {
    kind: 'leaf',
    summary: 'the training loop on a tiny data set (data="x,y; …" split="8,2,2"): a line fitted by gradient descent in batches over epochs, the split drawn, the cost per epoch on the training and validation sets, the test set measured once at the end; with an id a question reads rate(id), batch(id), epochs(id)',
    // Read, with positions inside the value, by remark-descent.ts (the core's training-loop reader).
    attributes: { data: text, split: text, rate: text, batch: text, epochs: text, init: text, 'max-rate': text, caption: text, id: widgetId }
  },
  plot: {
    kind: 'leaf',
    summary: 'functions of x (f="x^2; 2*x") and, with derivative=true, their derivatives on one chart, with points, reference lines, shaded intervals and a read-out of f(x) and f′(x) at an x the student picks',
    // Read, with positions inside the value, by remark-descent.ts (the core's plot reader).
    attributes: { f: text, labels: text, 'derivative-labels': text, domain: text, range: text, derivative: text, at: text, points: text, lines: text, shade: text, 'shade-label': text, xlabel: text, caption: text }
  },
  symmetry: {
    kind: 'leaf',
    summary: "the 2-2-1 network trained N steps from equal weights (or a seeded random start): the two hidden units' weights step by step, identical from the equal start",
    attributes: { steps: integer(1, 2000), start: oneOf(['equal', 'random']), seed: integer(0, 2147483647), caption: text }
  },
  'init-spread': {
    kind: 'leaf',
    summary: 'a 10-layer network: the spread of activations and of gradients layer by layer as bar charts, per initialization (small, large, xavier, he) and activation (sigmoid, tanh, relu)',
    attributes: { activation: oneOf(['sigmoid', 'tanh', 'relu']), init: oneOf(['small', 'large', 'xavier', 'he']), caption: text }
  },
  'sigmoid-chain': {
    kind: 'leaf',
    summary: 'a chain of sigmoids: the gradient reaching each layer as bars against the bound 0.25 per layer',
    attributes: { layers: integer(2, 20), caption: text }
  },
  dropout: {
    kind: 'leaf',
    summary: 'inverted dropout on the 2-2-1 network: a mask on the hidden units (mask="10"), dropped paths greyed with zero gradient, kept units scaled by 1/(1 − p)',
    attributes: { p: numberIn(0.05, 0.9), mask: (v) => (/^[01]{2}$/.test(v) ? null : `must be two digits 0 or 1 (1 keeps a hidden unit), like mask="10", not "${v}"`), seed: integer(0, 2147483647), caption: text }
  },
  penalty: {
    kind: 'leaf',
    summary: "an L2 (λ/2·Σw²) or L1 (λ·Σ|w|) penalty on the 2-2-1 network: every weight's gradient split into the data's share and the penalty's, with a λ slider",
    attributes: { kind: oneOf(['l2', 'l1']), lambda: numberIn(0, 10), caption: text }
  },
  matrices: {
    kind: 'leaf',
    summary: "the lesson's batch (network: with inputs: and targets:) in matrix form: every matrix of the forward and backward pass with its shape and formula, a batch-size slider (m = 1 is the scalar network), mean or sum, and each dW entry opening into its sum over the batch",
    attributes: { m: integer(1, 64), cost: oneOf(['mean', 'sum']), caption: text }
  },
  hint: { kind: 'container', summary: 'a collapsible hint', attributes: { title: text } },
  note: { kind: 'container', summary: 'a callout', attributes: { title: text } }
};

/**
 * The directives an exercise may use: its questions and their own misconceptions, whose
 * attributes the exercise model reads (core/exercise.ts), as it reads front-matter questions.
 */
export const exerciseDirectives: Record<string, DirectiveSpec> = {
  question: { kind: 'container', leafToo: true, readByModel: true, summary: 'a question the student answers with a number; the prompt inside', attributes: {} },
  misconception: { kind: 'leaf', readByModel: true, summary: "a question's own misconception: ::misconception[message]{answer=\"…\" credit=…}", attributes: {} }
};

export const directiveMarker: Record<DirectiveKind, string> = { text: ':', leaf: '::', container: ':::' };
