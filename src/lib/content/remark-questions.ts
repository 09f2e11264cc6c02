// remark plugin: `:::question{#id answer="grad(w3)" rtol=1e-3}` … `:::`, or with
// `choices="narrowed|widened"` a question answered by picking one. Every question needs a unique id
// and an answer: a choice among its choices, or a quantity over the lesson's names (only numbers and
// arithmetic in a lesson without a graph), and the values a widget with an id lets the student
// choose, start(bowl). The parsed questions are left in file.data.questions.
import type { Root } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { lessonRtol, type QuestionSpec } from '../core/exercise.ts';
import { splitChoices } from './directives.ts';
import { parseQuantity, type QuantityNames } from '../core/quantity.ts';
import { widgetsRead } from '../core/widget-state.ts';
import { parseMatrixTarget } from '../core/check/matrix.ts';
import { attributeOffset, attributePoint, pointAt, reportError, reportWarning } from './report.ts';

declare module 'vfile' {
  interface DataMap {
    questions: QuestionSpec[];
  }
}

export interface QuestionOptions {
  /** The graph's names; null when the spec has errors (then answers are not checked) or there is no graph. */
  names: QuantityNames | null;
  /** True when the lesson has no graph spec at all: answers must be numbers or arithmetic. */
  graphless?: boolean;
}

export default function remarkQuestions(options: QuestionOptions) {
  return (tree: Root, file: VFile) => {
    const questions: QuestionSpec[] = [];
    const seen = new Set<string>();
    const add = (question: QuestionSpec) => {
      if (!questions.some((q) => q.id === question.id)) questions.push(question);
    };
    visit(tree, 'containerDirective', (node: ContainerDirective) => {
      if (node.name !== 'question') return;
      const { id, answer, rtol, choices } = node.attributes ?? {};
      if (!id) reportError(file, ':::question needs an id, like :::question{#z1 answer="z1"}', node);
      else if (seen.has(id)) reportError(file, `two questions have the id "${id}"; ids must be unique in a lesson`, attributePoint(file, node, 'id'));
      if (id) seen.add(id);
      if (!node.children.length) reportWarning(file, `question "${id ?? ''}" has no prompt: write it between :::question and :::`, node);
      if (!answer) {
        reportError(file, `:::question needs an answer, like ${choices === undefined ? 'answer="grad(w3)"' : 'answer="narrowed" (one of the choices)'}`, node);
        return;
      }

      if (choices !== undefined && choices !== null) {
        const list = splitChoices(choices);
        if (rtol !== undefined) reportError(file, `question "${id ?? ''}": rtol applies to number answers, not to choices`, attributePoint(file, node, 'rtol'));
        // A bad list is reported by the attribute check; only a good one is matched against.
        if (list.length < 2 || list.some((c) => !c) || new Set(list).size !== list.length) return;
        if (!list.includes(answer.trim())) {
          reportError(file, `question "${id ?? ''}": answer="${answer}" is not one of the choices (${list.join(', ')})`, attributePoint(file, node, 'answer', 'value'));
          return;
        }
        if (id) add({ kind: 'choice', id, answer: answer.trim(), choices: list });
        return;
      }

      if (!options.names && !options.graphless) return;
      const widgets = file.data.widgets ?? {};
      // A whole matrix of a layered network (dW1, Z2, dW1^T): checked shape first, then values.
      const matrix = parseMatrixTarget(answer);
      if (matrix && !options.names?.all.has(answer.trim())) {
        if (!options.names?.matrices?.has(matrix.name)) {
          const known = options.names?.matrices ? ` (this network has ${[...options.names.matrices].join(', ')})` : ' (matrix answers need a layered network: network: with layers)';
          reportError(file, `question "${id ?? ''}": answer="${answer}" is not a matrix of this lesson${known}`, attributePoint(file, node, 'answer', 'value'));
          return;
        }
        const tolerance = rtol !== undefined && Number(rtol) > 0 ? Number(rtol) : lessonRtol;
        if (id) add({ kind: 'matrix', id, answer: answer.trim(), target: matrix, rtol: tolerance });
        return;
      }
      const parsed = parseQuantity(answer, options.names, { widgets });
      if ('message' in parsed) {
        const at = attributeOffset(file, node, 'answer', 'value');
        const message = options.graphless && !parsed.syntax && !Object.keys(widgets).length
          ? 'this lesson has no graph spec, so an answer is a number or arithmetic on numbers, like answer="784*16 + 16" (or a pick among choices="…")'
          : parsed.message;
        reportError(file, `question "${id ?? ''}": answer="${answer}": ${message}`, at === undefined ? node : pointAt(file, at + parsed.offset));
        return;
      }
      const tolerance = rtol !== undefined && Number(rtol) > 0 ? Number(rtol) : lessonRtol;
      const reads = widgetsRead(parsed.expr, widgets);
      if (id) add({ kind: 'number', id, answer, expr: parsed.expr, rtol: tolerance, ...(reads.length ? { reads } : {}) });
    });
    file.data.questions = questions;
  };
}
