// remark plugin: `:value[a3]{digits=4}` shows a live number. The label must be a quantity over
// the lesson's names (a3, grad(w3), updated(w3), or arithmetic on them); its parsed form travels
// to the page as the element's `expr` property.
import type { Root } from 'mdast';
import type { TextDirective } from 'mdast-util-directive';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { parseQuantity, type QuantityNames } from '../core/quantity.ts';
import { pointAt, reportError } from './report.ts';

export interface LiveValueOptions {
  /** Null when the graph spec has errors: then names are not checked (the spec errors say why). */
  names: QuantityNames | null;
}

export default function remarkLiveValues(options: LiveValueOptions) {
  return (tree: Root, file: VFile) => {
    visit(tree, 'textDirective', (node: TextDirective) => {
      if (node.name !== 'value') return;
      const texts = node.children.filter((c) => c.type === 'text');
      const source = texts.map((c) => c.value).join('').trim();
      const props = (node.data?.hProperties ?? {}) as Record<string, unknown>;
      node.data = { ...node.data, hProperties: { ...props, source }, hChildren: [] };
      if (texts.length !== node.children.length) {
        reportError(file, ':value[…] takes plain text: a name, grad(name) or updated(name)', node);
        return;
      }
      if (!source) {
        reportError(file, ':value needs a quantity in brackets, like :value[a3] or :value[grad(w3)]', node);
        return;
      }
      if (!options.names) return;
      const parsed = parseQuantity(source, options.names);
      const start = texts[0]?.position?.start.offset;
      if ('message' in parsed) {
        const leading = texts[0].value.length - texts[0].value.trimStart().length;
        reportError(file, `:value[${source}]: ${parsed.message}`, start === undefined ? node : pointAt(file, start + leading + parsed.offset));
        return;
      }
      node.data.hProperties = { ...props, source, expr: parsed.expr as never };
    });
  };
}
