// An optimizer's name for reading, in the page's language (the optimizer table's `label` is the
// English one the CLI prints): the trainer's settings form and each lesson ::trainer's summary.
import type { OptimizerName } from '../../core/optimizers.ts';
import { m } from '../../paraglide/messages.js';

const names: Record<OptimizerName, () => string> = {
  sgd: m.train_opt_sgd,
  momentum: m.train_opt_momentum,
  nesterov: m.train_opt_nesterov,
  adagrad: m.train_opt_adagrad,
  rmsprop: m.train_opt_rmsprop,
  adam: m.train_opt_adam
};

export const optimizerName = (name: OptimizerName): string => names[name]();
