// remark plugin: every $…$ and $$…$$ must be TeX that KaTeX accepts in strict mode. A rejected
// formula is an error at the character KaTeX stopped on; the page still renders it leniently.
import type { Root } from 'mdast';
import type { InlineMath, Math } from 'mdast-util-math';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { texProblem } from './katex.ts';
import { pointAt, reportError } from './report.ts';

export default function remarkCheckMath() {
  return (tree: Root, file: VFile) => {
    visit(tree, (node) => {
      if (node.type !== 'inlineMath' && node.type !== 'math') return;
      const math = node as InlineMath | Math;
      const display = math.type === 'math';
      const problem = texProblem(math.value, display);
      if (problem) {
        // Find the TeX source inside the node to turn KaTeX's offset into a line and column.
        const start = math.position?.start.offset;
        const inner = start === undefined ? -1 : String(file.value).indexOf(math.value, start);
        const place = inner >= 0 ? pointAt(file, inner + (problem.offset ?? 0)) : math.position?.start;
        reportError(file, `TeX: ${problem.message}`, place);
      }
      math.data = { ...math.data, hName: 'bs-math', hProperties: { tex: math.value, display: display as never }, hChildren: [] };
    });
  };
}
