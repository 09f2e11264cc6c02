// Training a graph for N steps: any graph spec, any optimizer of the one table, float64. Returns
// the trajectory a lesson walks, plots or checks: step 0 (the start) to N, each with the loss, every
// param, the gradients there and the optimizer's state, and stops with a clear message when the
// run diverges instead of filling the trajectory with Infinity and NaN.
import { RunBuffers, type Graph } from './graph.ts';
import { OPTIMIZERS, describeSettings, exact, optimizerSettings, type OptimizerSettings } from './optimizers.ts';

export interface TrajectoryStep {
  /** 0 is the start; step n comes after n updates. */
  step: number;
  loss: number;
  params: Record<string, number>;
  /** ∂loss/∂param at these params (what update n + 1 uses). */
  gradients: Record<string, number>;
  /**
   * The optimizer's state after update `step` (at step 0, where it starts): each slot and derived
   * quantity by key (velocity, accumulator, mean_square, m, v, m_hat, v_hat), then by param.
   */
  state: Record<string, Record<string, number>>;
  /** The step size α_t this update used (Adam's bias-corrected one); absent at step 0. */
  stepSize?: number;
}

export interface Trajectory {
  optimizer: OptimizerSettings;
  steps: TrajectoryStep[];
  /** Set when the run stopped early: the loss, a param or a gradient stopped being finite. */
  diverged?: { step: number; message: string };
  /** Set when the run finished but the loss grew (a learning rate too large, most likely). */
  warning?: string;
}

/** The optimizer a graph trains with: its spec's, or plain gradient descent at its learning_rate. */
export function graphOptimizer(graph: Graph): OptimizerSettings {
  return graph.spec.optimizer ?? optimizerSettings('sgd', { learningRate: graph.spec.learningRate });
}

/** Largest number of steps one call runs (a lesson's slider, `solve --steps`). */
export const MAX_STEPS = 100_000;

/**
 * Run `steps` updates of `optimizer` on the graph's params, from the spec's values (or
 * `overrides`, e.g. a lesson's sliders). Inputs stay fixed; the loss is the spec's.
 */
export function optimize(graph: Graph, optimizer: OptimizerSettings = graphOptimizer(graph), steps: number, overrides: Record<string, number> = {}): Trajectory {
  if (!Number.isInteger(steps) || steps < 0 || steps > MAX_STEPS) throw new RangeError(`steps must be a whole number from 0 to ${MAX_STEPS}, not ${steps}`);
  const rule = OPTIMIZERS[optimizer.name];
  const names = Object.keys(graph.spec.params);
  const slotOf = names.map((n) => graph.slot.get(n)!);
  const n = graph.size;
  const slots = rule.slots.map((s) => new Float64Array(names.length).fill(s.initial(optimizer)));
  // `start` holds the params (and inputs) of the current step; a run fills `out.state` with every
  // value (slots 0…n−1) and every gradient (n…2n−1).
  const start = graph.initialValues(overrides);
  const out = new RunBuffers(n, graph.edges.length);
  const values = out.state;
  const grad = (slot: number) => values[n + slot];
  const params = new Float64Array(names.length);
  const gradients = new Float64Array(names.length);
  const byName = (read: (k: number) => number) => Object.fromEntries(names.map((n, k) => [n, read(k)]));

  const trajectory: Trajectory = { optimizer, steps: [] };
  let stepSize: number | undefined;
  for (let t = 0; ; t++) {
    graph.run(start, out);
    const loss = values[graph.lossSlot];
    const bad = firstNonFinite(loss, names, (k) => values[slotOf[k]], (k) => grad(slotOf[k]));
    if (bad) {
      trajectory.diverged = { step: t, message: divergenceMessage(graph, optimizer, trajectory, t, bad) };
      break;
    }
    const state: TrajectoryStep['state'] = {};
    rule.slots.forEach((s, j) => (state[s.key] = byName((k) => slots[j][k])));
    if (t > 0) for (const d of rule.derived) state[d.key] = byName((k) => d.of(slots.map((s) => s[k]), optimizer, t));
    trajectory.steps.push({
      step: t,
      loss,
      params: byName((k) => values[slotOf[k]]),
      gradients: byName((k) => grad(slotOf[k])),
      state,
      ...(stepSize === undefined ? {} : { stepSize })
    });
    if (t === steps) break;
    stepSize = rule.stepSize(optimizer, t + 1);
    for (let k = 0; k < names.length; k++) {
      params[k] = values[slotOf[k]];
      gradients[k] = grad(slotOf[k]);
    }
    rule.apply(params, gradients, slots, names.length, optimizer, stepSize, exact);
    for (let k = 0; k < names.length; k++) start[slotOf[k]] = params[k];
  }
  const first = trajectory.steps[0];
  const last = trajectory.steps.at(-1);
  if (!trajectory.diverged && first && last && last.step > 0 && last.loss > first.loss) {
    trajectory.warning = `the loss grew from ${first.loss} to ${last.loss} over ${last.step} steps of ${describeSettings(optimizer)}: the learning rate is probably too large`;
  }
  return trajectory;
}

type NonFinite = { what: string; value: number };

function firstNonFinite(loss: number, names: string[], param: (k: number) => number, grad: (k: number) => number): NonFinite | null {
  if (!Number.isFinite(loss)) return { what: 'the loss', value: loss };
  for (let k = 0; k < names.length; k++) {
    if (!Number.isFinite(param(k))) return { what: `param "${names[k]}"`, value: param(k) };
    if (!Number.isFinite(grad(k))) return { what: `∂loss/∂${names[k]}`, value: grad(k) };
  }
  return null;
}

function divergenceMessage(graph: Graph, optimizer: OptimizerSettings, trajectory: Trajectory, step: number, bad: NonFinite): string {
  const settings = describeSettings(optimizer);
  if (step === 0) return `${bad.what} is ${bad.value} at the start, before any update: check the spec's values (nothing was trained)`;
  const last = trajectory.steps.at(-1)!;
  const start = trajectory.steps[0].loss;
  const grew = last.loss > start ? `; the loss had grown from ${start} to ${last.loss} by step ${last.step}` : '';
  return (
    `the run diverged at step ${step}: ${bad.what} became ${bad.value}${grew}. ` +
    `The updates of ${settings} overshoot on this graph: try a smaller learning rate (e.g. ${Number((optimizer.learningRate / 10).toPrecision(3))})`
  );
}
