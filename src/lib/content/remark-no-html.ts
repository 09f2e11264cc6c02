// remark plugin: raw HTML in a lesson is not rendered (the page never injects author HTML), so say
// so instead of dropping it silently.
import type { Root, Html } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { reportWarning } from './report.ts';

export default function remarkNoHtml() {
  return (tree: Root, file: VFile) => {
    visit(tree, 'html', (node: Html) => {
      if (/^<!--[\s\S]*-->$/.test(node.value.trim())) return; // comments are fine
      reportWarning(file, 'raw HTML is not shown in lessons; use Markdown or a directive', node);
    });
  };
}
