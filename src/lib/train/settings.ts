// The settings of one training run as the pages hold them, the recommended ones, and the
// presets a lesson's ::trainer{…} writes as attributes: one table checks an attribute for lint and
// applies it to the settings, so what lint accepts is exactly what the embedded trainer runs.
import { HIDDEN_ACTIVATIONS, defaultNetwork, parseArchitecture, type HiddenActivation, type MlpSpec } from './network.ts';
import { OPTIMIZER_NAMES, OPTIMIZERS, type OptimizerName } from './optimizers.ts';
import { MNIST10K_SPLIT } from './data/mnist10k-format.ts';

export interface Settings {
  arch: string;
  hidden: HiddenActivation;
  optimizer: OptimizerName;
  learningRate: number;
  /** Used by the momentum and nesterov optimizers. */
  momentum: number;
  batchSize: number;
  epochs: number;
  dropout: number;
  l2: number;
  patience: number;
  seed: number;
  samples: number;
  /** 'webgpu' means WebGPU when the browser has it, else the CPU (with a notice). */
  backend: 'webgpu' | 'cpu';
}

/** What the MNIST lessons recommend: one hidden layer of 256 ReLUs, dropout, Adam, early stopping. */
export const RECOMMENDED: Settings = {
  arch: '784-256-10',
  hidden: 'relu',
  optimizer: 'adam',
  learningRate: 0.001,
  momentum: 0.9,
  batchSize: 64,
  epochs: 15,
  dropout: 0.2,
  l2: 0,
  patience: 3,
  seed: 1,
  samples: MNIST10K_SPLIT.train,
  backend: 'webgpu'
};

/** The network these settings train (throws on an architecture that does not parse). */
export function networkOf(settings: Settings): MlpSpec {
  return defaultNetwork(parseArchitecture(settings.arch), { hidden: settings.hidden, dropout: settings.dropout });
}

interface PresetField {
  /** An error message for a bad value, or null. */
  check(value: string): string | null;
  apply(settings: Settings, value: string): void;
}

const isNumber = (v: string) => v.trim() !== '' && Number.isFinite(Number(v));
const wholeIn = (min: number, max: number) => (v: string) =>
  /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max ? null : `must be a whole number from ${min} to ${max}, not "${v}"`;
const numberIn = (min: number, max: number, upper: 'open' | 'closed') => (v: string) =>
  isNumber(v) && Number(v) >= min && (upper === 'open' ? Number(v) < max : Number(v) <= max)
    ? null
    : `must be a number from ${min} to ${max}${upper === 'open' ? ' (not included)' : ''}, not "${v}"`;
const oneOf = (allowed: readonly string[]) => (v: string) => (allowed.includes(v) ? null : `must be one of ${allowed.join(', ')}, not "${v}"`);

const LESSON_INPUTS = 784;
const LESSON_CLASSES = 10;

function checkArchitecture(v: string): string | null {
  if (!/^\d+(-\d+)+$/.test(v)) return `must be layer sizes joined by dashes, like 784-16-16-10, not "${v}"`;
  const sizes = v.split('-').map(Number);
  if (sizes[0] !== LESSON_INPUTS) return `must start with ${LESSON_INPUTS} (one input per pixel of a 28×28 digit), not ${sizes[0]}`;
  if (sizes.at(-1) !== LESSON_CLASSES) return `must end with ${LESSON_CLASSES} (one output per digit), not ${sizes.at(-1)}`;
  if (sizes.length > 16) return 'has too many layers (at most 15 dense layers)';
  const bad = sizes.slice(1, -1).find((n) => n < 1 || n > 2048);
  return bad === undefined ? null : `hidden layers must have 1 to 2048 units, not ${bad}`;
}

/** ::trainer attribute → how it is checked and what it sets. */
export const PRESET_FIELDS: Record<string, PresetField> = {
  arch: { check: checkArchitecture, apply: (s, v) => (s.arch = v) },
  hidden: { check: (v) => (v === 'leaky-relu' ? 'is spelled leaky_relu (as in graph specs), not "leaky-relu"' : oneOf(HIDDEN_ACTIVATIONS)(v)), apply: (s, v) => (s.hidden = v as HiddenActivation) },
  optimizer: { check: oneOf(OPTIMIZER_NAMES), apply: (s, v) => (s.optimizer = v as OptimizerName) },
  lr: { check: (v) => (isNumber(v) && Number(v) > 0 && Number(v) <= 10 ? null : `must be a number above 0 and at most 10, not "${v}"`), apply: (s, v) => (s.learningRate = Number(v)) },
  momentum: { check: numberIn(0, 1, 'open'), apply: (s, v) => (s.momentum = Number(v)) },
  dropout: { check: numberIn(0, 0.9, 'closed'), apply: (s, v) => (s.dropout = Number(v)) },
  l2: { check: numberIn(0, 1, 'closed'), apply: (s, v) => (s.l2 = Number(v)) },
  batch: { check: wholeIn(1, MNIST10K_SPLIT.train), apply: (s, v) => (s.batchSize = Number(v)) },
  epochs: { check: wholeIn(1, 200), apply: (s, v) => (s.epochs = Number(v)) },
  patience: { check: wholeIn(0, 200), apply: (s, v) => (s.patience = Number(v)) },
  samples: { check: wholeIn(100, MNIST10K_SPLIT.train), apply: (s, v) => (s.samples = Number(v)) },
  seed: { check: wholeIn(0, 2 ** 31 - 1), apply: (s, v) => (s.seed = Number(v)) },
  backend: { check: oneOf(['auto', 'cpu']), apply: (s, v) => (s.backend = v === 'cpu' ? 'cpu' : 'webgpu') }
};

/**
 * The settings a ::trainer starts with: the recommended ones, with the lesson's presets on top.
 * A default learning rate follows the optimizer (Keras's defaults) unless `lr` is given.
 */
export function settingsFromPresets(presets: Record<string, string | undefined>): Settings {
  const settings: Settings = { ...RECOMMENDED };
  if (presets.optimizer && presets.lr === undefined && !PRESET_FIELDS.optimizer.check(presets.optimizer)) {
    settings.learningRate = OPTIMIZERS[presets.optimizer as OptimizerName].defaultLearningRate;
  }
  for (const [name, value] of Object.entries(presets)) {
    const field = PRESET_FIELDS[name];
    if (field && value !== undefined && field.check(value) === null) field.apply(settings, value);
  }
  return settings;
}
