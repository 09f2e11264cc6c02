// The update panel's TeX: every line of every update (right or wrong, integer or fractional
// weights) passes KaTeX's strict mode, and the numbers in it are the core's.
import { describe, expect, it } from 'vitest';
import { texProblem } from '../../src/lib/content/katex.ts';
import { gateSamples, trainPerceptron } from '../../src/lib/core/perceptron.ts';
import { boundaryText, updateTex, weightsText } from '../../src/lib/components/perceptron/update-text.ts';

describe('perceptron update text', () => {
  it('writes the first update on AND with its numbers', () => {
    const run = trainPerceptron(gateSamples('and'));
    expect(updateTex(run.updates[0], 1)).toEqual([
      's = 0\\cdot 0 + 0\\cdot 0 + 0 = 0',
      'y = \\operatorname{step}(0) = 1',
      'e = t - y = 0 - 1 = -1',
      'w_i \\leftarrow w_i + \\eta\\, e\\, x_i, \\quad b \\leftarrow b + \\eta\\, e',
      'w_1 \\leftarrow 0 + 1\\cdot (-1)\\cdot 0 = 0',
      'w_2 \\leftarrow 0 + 1\\cdot (-1)\\cdot 0 = 0',
      'b \\leftarrow 0 + 1\\cdot (-1) = -1'
    ]);
    expect(updateTex(run.updates[1], 1)).toHaveLength(3); // right: no change
    expect(weightsText(run.final)).toBe('w₁ = 2, w₂ = 1, b = −3');
    expect(boundaryText(run.final)).toBe('2·x₁ + 1·x₂ − 3 = 0');
  });

  it('is valid TeX for every update, with fractional rates and starts too', () => {
    const runs = [
      trainPerceptron(gateSamples('and')),
      trainPerceptron(gateSamples('xor'), { maxEpochs: 5 }),
      trainPerceptron(gateSamples('and'), { rate: 0.1, init: { weights: [0.3, -0.7], bias: 0.2 } })
    ];
    for (const [k, run] of runs.entries()) {
      for (const u of run.updates) for (const line of updateTex(u, k === 2 ? 0.1 : 1)) expect(texProblem(line, true), line).toBeNull();
    }
  });
});
