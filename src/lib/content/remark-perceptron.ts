// remark plugin: the ::perceptron attributes that need reading, not just matching. data= (a gate
// or points), layers= (step neurons, weights>=threshold) and init= (w1,w2,b, or random) are parsed
// by the core and a mistake is reported at its own column inside the value; then the attributes that
// only matter together: a widget shows a fixed network (layers=) or trains one by the rule (no layers=).
import type { Root } from 'mdast';
import type { LeafDirective } from 'mdast-util-directive';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { parseNetwork, parseNumberList, parseSamples, type TextProblem } from '../core/perceptron.ts';
import { attributeOffset, attributePoint, pointAt, reportError, reportWarning } from './report.ts';

const isProblem = (v: unknown): v is TextProblem => typeof v === 'object' && v !== null && 'message' in v;

export default function remarkPerceptron() {
  return (tree: Root, file: VFile) => {
    visit(tree, 'leafDirective', (node: LeafDirective) => {
      if (node.name !== 'perceptron') return;
      const attributes = node.attributes ?? {};
      const at = (name: string, problem: TextProblem) => {
        const start = attributeOffset(file, node, name, 'value');
        return start === undefined ? node.position?.start : pointAt(file, start + problem.offset);
      };

      const data = attributes.data;
      if (data === undefined || data === null) {
        reportError(file, '::perceptron needs data=…: a gate (and, or, nand, nor, xor) or points like data="0.5,1:1; 2,0.5:0"', node);
      } else {
        const samples = parseSamples(data);
        if (isProblem(samples)) reportError(file, `::perceptron: in data, ${samples.message}`, at('data', samples));
      }

      const layers = attributes.layers;
      if (layers !== undefined && layers !== null) {
        const network = parseNetwork(layers, 2);
        if (isProblem(network)) reportError(file, `::perceptron: in layers, ${network.message}`, at('layers', network));
        // With fixed weights there is nothing to train: the training settings would be ignored.
        for (const name of ['rate', 'init', 'seed', 'epochs']) {
          if (attributes[name] !== undefined) {
            reportWarning(file, `::perceptron: ${name} is only used when the perceptron rule trains the weights, and layers= fixes them (leave out layers= to train)`, attributePoint(file, node, name));
          }
        }
      }

      const init = attributes.init;
      if (attributes.seed !== undefined && init?.trim() !== 'random' && (layers === undefined || layers === null)) {
        reportWarning(file, '::perceptron: seed is only used with init=random (random starting weights)', attributePoint(file, node, 'seed'));
      }
      if (init !== undefined && init !== null && init.trim() !== 'random') {
        const values = parseNumberList(init);
        if (isProblem(values)) reportError(file, `::perceptron: in init, ${values.message}`, at('init', values));
        else if (values.length !== 3) reportError(file, `::perceptron: init needs the starting w1, w2 and b, like init="0,0,0" (or init=random), not ${values.length} number${values.length === 1 ? '' : 's'}`, attributePoint(file, node, 'init', 'value'));
      }
    });
  };
}
