// remark plugin: `:::question{#id answer="grad(w3)" rtol=1e-3}` … `:::`. Every question needs a
// unique id and an answer that names only the lesson's quantities; the parsed questions are left
// in file.data.questions for the page and the checker.
import type { Root } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { defaultRtol, type QuestionSpec } from './check-question.ts';
import { parseQuantity, type QuantityNames } from '../core/quantity.ts';
import { attributeOffset, attributePoint, pointAt, reportError, reportWarning } from './report.ts';

declare module 'vfile' {
  interface DataMap {
    questions: QuestionSpec[];
  }
}

export interface QuestionOptions {
  names: QuantityNames | null;
}

export default function remarkQuestions(options: QuestionOptions) {
  return (tree: Root, file: VFile) => {
    const questions: QuestionSpec[] = [];
    const seen = new Set<string>();
    visit(tree, 'containerDirective', (node: ContainerDirective) => {
      if (node.name !== 'question') return;
      const { id, answer, rtol } = node.attributes ?? {};
      if (!id) reportError(file, ':::question needs an id, like :::question{#z1 answer="z1"}', node);
      else if (seen.has(id)) reportError(file, `two questions have the id "${id}"; ids must be unique in a lesson`, attributePoint(file, node, 'id'));
      if (id) seen.add(id);
      if (!node.children.length) reportWarning(file, `question "${id ?? ''}" has no prompt: write it between :::question and :::`, node);
      if (!answer) {
        reportError(file, ':::question needs an answer, like answer="grad(w3)"', node);
        return;
      }
      if (!options.names) return;
      const parsed = parseQuantity(answer, options.names);
      if ('message' in parsed) {
        const at = attributeOffset(file, node, 'answer', 'value');
        reportError(file, `question "${id ?? ''}": answer="${answer}": ${parsed.message}`, at === undefined ? node : pointAt(file, at + parsed.offset));
        return;
      }
      const tolerance = rtol !== undefined && Number(rtol) > 0 ? Number(rtol) : defaultRtol;
      if (id && !questions.some((q) => q.id === id)) questions.push({ id, answer, expr: parsed.expr, rtol: tolerance });
    });
    file.data.questions = questions;
  };
}
