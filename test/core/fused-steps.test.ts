// The step script of a network whose loss is computed from the logits still reads as a student
// expects: forward shows the outputs a_j and the loss formula, backward starts at C and reaches
// z_j as ŷ_j − y_j, and the outputs (which the loss does not read) get no backward step.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readSpecDocument } from '../../src/lib/content/document.ts';
import { Graph } from '../../src/lib/core/graph.ts';
import { buildSteps } from '../../src/lib/core/steps.ts';
import { texProblem } from '../../src/lib/content/katex.ts';

const stepsOf = (name: string) => {
  const file = `test/fixtures/reference/${name}.yaml`;
  const graph = new Graph(readSpecDocument(readFileSync(file, 'utf8'), file).spec!);
  return buildSteps(graph);
};
const byId = (steps: ReturnType<typeof stepsOf>, id: string) => steps.find((s) => s.id === id);

describe('steps when the loss comes from the logits', () => {
  it('sigmoid + bce: C typeset as the cross-entropy, ∂C/∂z as σ(z) − y with the numbers', () => {
    const steps = stepsOf('sigmoid-40');
    expect(byId(steps, 'forward:a1_1')?.formulaTex).toBe('a^{(1)}_{1} = \\sigma\\left(z^{(1)}_{1}\\right)');
    expect(byId(steps, 'forward:C')?.formulaTex).toBe('C = -\\left[y_{1} \\log \\sigma\\left(z^{(1)}_{1}\\right) + \\left(1 - y_{1}\\right) \\log\\left(1 - \\sigma\\left(z^{(1)}_{1}\\right)\\right)\\right]');
    expect(byId(steps, 'forward:C')?.value).toBe(40);
    const dz = byId(steps, 'backward:z1_1')!;
    expect(dz.formulaTex).toContain('\\sigma\\left(z^{(1)}_{1}\\right) - y_{1}');
    expect(dz.substitutedTex).toBe('\\frac{\\partial C}{\\partial z^{(1)}_{1}} = \\sigma\\left(40\\right) - 0 = 1');
    expect(byId(steps, 'backward:w1_1_1')?.value).toBe(1);
    expect(byId(steps, 'backward:a1_1')).toBeUndefined();
  });

  it('softmax + cross-entropy: a_j = e^{z_j − log S}, ∂C/∂z_j = ∂C/∂log S · softmax_j − y_j = ŷ_j − y_j', () => {
    const steps = stepsOf('softmax-800');
    expect(byId(steps, 'forward:s1')?.formulaTex).toBe('\\log S^{(1)} = \\log\\left(e^{z^{(1)}_{1}} + e^{z^{(1)}_{2}}\\right)');
    expect(byId(steps, 'forward:a1_1')?.formulaTex).toBe('a^{(1)}_{1} = e^{z^{(1)}_{1} - \\log S^{(1)}}');
    expect(byId(steps, 'forward:C')?.formulaTex).toBe('C = y_{1} \\left(\\log S^{(1)} - z^{(1)}_{1}\\right) + y_{2} \\left(\\log S^{(1)} - z^{(1)}_{2}\\right)');
    const dz = byId(steps, 'backward:z1_1')!;
    expect(dz.terms?.map((t) => t.via)).toEqual(['s1', 'C']);
    expect(dz.substitutedTex).toBe('\\frac{\\partial C}{\\partial z^{(1)}_{1}} = 1 \\cdot 0.731059 - 1 = -0.268941');
    expect(steps.some((s) => s.id === 'backward:a1_1' || s.id === 'backward:a1_2')).toBe(false);
  });

  it('every step of the edge fixtures is TeX that KaTeX accepts in strict mode', () => {
    const problems: string[] = [];
    for (const name of ['sigmoid-40', 'sigmoid-40-right', 'softmax-800', 'softmax-underflow', 'bce-mean', 'chain-saturated', 'edges-equations']) {
      for (const step of stepsOf(name)) {
        for (const tex of [step.formulaTex, step.substitutedTex, ...(step.terms ?? []).flatMap((t) => [t.localTex, t.localSubstitutedTex])]) {
          const problem = texProblem(tex, true);
          if (problem) problems.push(`${name} ${step.id}: ${problem.message} in ${tex}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
