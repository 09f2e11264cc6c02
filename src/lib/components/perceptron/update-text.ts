// The numbers of one perceptron-rule update written out as TeX lines (the sum, the error, the new
// weights), and a plain sentence for screen readers. Display only: the numbers come from the core.
import { num as text, texNum } from '../../page-lang.ts';
import type { Perceptron, PerceptronUpdate } from '../../core/perceptron.ts';
import { m } from '../../paraglide/messages.js';

/** A number for TeX in the page's language (0{,}5 in Spanish), rounded for reading; negative ones in parentheses below. */
const num = (v: number) => texNum(v, 4);
const factor = (v: number) => (v < 0 ? `(${num(v)})` : num(v));

export function updateTex(u: PerceptronUpdate, rate: number): string[] {
  // Short lines (the general rule once, then the numbers) so each fits a phone's width.
  const [w1, w2] = u.before.weights;
  const sum = `s = ${factor(w1)}\\cdot ${factor(u.x[0])} + ${factor(w2)}\\cdot ${factor(u.x[1])} + ${factor(u.before.bias)} = ${num(u.sum)}`;
  const out = `y = \\operatorname{step}(${num(u.sum)}) = ${u.output}`;
  const error = `e = t - y = ${u.target} - ${u.output} = ${num(u.error)}`;
  if (u.error === 0) return [sum, out, `${error} \\quad\\text{(${m.perceptron_right_no_change()})}`];
  const lines = u.before.weights.map((w, i) => `w_${i + 1} \\leftarrow ${factor(w)} + ${num(rate)}\\cdot ${factor(u.error)}\\cdot ${factor(u.x[i])} = ${num(u.after.weights[i])}`);
  lines.push(`b \\leftarrow ${factor(u.before.bias)} + ${num(rate)}\\cdot ${factor(u.error)} = ${num(u.after.bias)}`);
  return [sum, out, error, 'w_i \\leftarrow w_i + \\eta\\, e\\, x_i, \\quad b \\leftarrow b + \\eta\\, e', ...lines];
}

/** w₁ = 2, w₂ = 1, b = −3 */
export function weightsText(p: Perceptron): string {
  return `w₁ = ${text(p.weights[0], 4)}, w₂ = ${text(p.weights[1], 4)}, b = ${text(p.bias, 4)}`;
}

/** The boundary as an equation for the plot's label: "2·x₁ + 1·x₂ − 3 = 0". */
export function boundaryText(p: Perceptron): string {
  const [w1, w2] = p.weights;
  const sign = (v: number) => (v < 0 ? ` − ${text(-v, 4)}` : ` + ${text(v, 4)}`);
  return `${text(w1, 4)}·x₁${sign(w2)}·x₂${sign(p.bias)} = 0`;
}
