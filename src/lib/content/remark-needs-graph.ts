// remark plugin: a lesson may leave out the graph spec (the MNIST lessons do), but then nothing in
// its body may need one. ::graph, ::steps, ::controls and :value[…] are reported where they are
// written; question answers that name graph quantities are reported by remark-questions.
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { directiveMarker, directives } from './directives.ts';
import { reportError } from './report.ts';

export interface NeedsGraphOptions {
  /** True when the front matter has neither `graph:` nor `network:`. */
  graphless: boolean;
}

/** The directives that show or edit the lesson's graph. */
const graphDirectives = new Set(['graph', 'steps', 'controls', 'value']);

export default function remarkNeedsGraph({ graphless }: NeedsGraphOptions) {
  return (tree: Root, file: VFile) => {
    if (!graphless) return;
    visit(tree, (node) => {
      if (node.type !== 'textDirective' && node.type !== 'leafDirective' && node.type !== 'containerDirective') return;
      if (!graphDirectives.has(node.name)) return;
      const written = `${directiveMarker[directives[node.name].kind]}${node.name}`;
      reportError(file, `${written} needs the lesson's graph, and this lesson has no graph spec: add "graph:" (equations) or "network:" (layers) to the front matter, or remove ${written}`, node);
    });
  };
}
