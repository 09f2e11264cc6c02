// remark plugin: the ::descent attributes are read by the core (src/lib/core/descent.ts), the same
// reader the page uses, and each problem is reported at its attribute — inside the value where the
// core knows the character (f="x^2 + y" points at the y).
import type { Root } from 'mdast';
import type { LeafDirective } from 'mdast-util-directive';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { readDescentAttributes } from '../core/descent.ts';
import { attributeOffset, attributePoint, pointAt, reportError } from './report.ts';

export default function remarkDescent() {
  return (tree: Root, file: VFile) => {
    visit(tree, 'leafDirective', (node: LeafDirective) => {
      if (node.name !== 'descent') return;
      const attributes = Object.fromEntries(Object.entries(node.attributes ?? {}).map(([k, v]) => [k, v ?? undefined]));
      for (const problem of readDescentAttributes(attributes).problems) {
        const start = attributes[problem.attribute] === undefined ? undefined : attributeOffset(file, node, problem.attribute, 'value');
        const place = start === undefined ? (attributePoint(file, node, problem.attribute) ?? node.position?.start) : pointAt(file, start + problem.offset);
        reportError(file, `::descent: ${problem.message}`, place);
      }
    });
  };
}
