// remark plugin: the ::descent and ::plot attributes are read by the core (src/lib/core/descent.ts,
// plot.ts), the same readers the page uses, and each problem is reported at its attribute — inside
// the value where the core knows the character (f="x^2 + y" points at the y).
import type { Root } from 'mdast';
import type { LeafDirective } from 'mdast-util-directive';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { readDescentAttributes, type DescentProblem } from '../core/descent.ts';
import { readPlotAttributes } from '../core/plot.ts';
import { attributeOffset, attributePoint, pointAt, reportError } from './report.ts';

const readers: Record<string, (attributes: Record<string, string | undefined>) => { problems: DescentProblem[] }> = {
  descent: readDescentAttributes,
  plot: readPlotAttributes
};

export default function remarkDescent() {
  return (tree: Root, file: VFile) => {
    visit(tree, 'leafDirective', (node: LeafDirective) => {
      const reader = readers[node.name];
      if (!reader) return;
      const attributes = Object.fromEntries(Object.entries(node.attributes ?? {}).map(([k, v]) => [k, v ?? undefined]));
      for (const problem of reader(attributes).problems) {
        const start = attributes[problem.attribute] === undefined ? undefined : attributeOffset(file, node, problem.attribute, 'value');
        const place = start === undefined ? (attributePoint(file, node, problem.attribute) ?? node.position?.start) : pointAt(file, start + problem.offset);
        reportError(file, `::${node.name}: ${problem.message}`, place);
      }
    });
  };
}
