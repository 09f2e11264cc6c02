// remark plugin: text that looks like a directive but did not parse as one (an unclosed quote or
// bracket, words after ::graph on its line, a stray :::) stays plain text in remark-directive's
// output. Report it instead of letting it show up on the page as ":::question{#q…".
import type { Root, Text, Paragraph } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { pointAt, reportError } from './report.ts';

// A colon-word followed by [ or { (a text directive that failed), not preceded by a word, a colon or \.
const inline = /(^|[^\\\w:]):[A-Za-z][\w-]*[[{]/g;
// A paragraph opening with :: or ::: (a leaf or container directive that failed).
const block = /^:{2,}([A-Za-z][\w-]*)?/;

export default function remarkBrokenDirectives() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value);
    const at = (node: Text, index: number, snippet: string) => {
      const start = node.position?.start.offset;
      if (start === undefined) return node.position?.start;
      const found = source.indexOf(snippet, start);
      return pointAt(file, found >= 0 ? found : start + index);
    };
    visit(tree, 'paragraph', (paragraph: Paragraph) => {
      const first = paragraph.children[0];
      if (first?.type !== 'text') return;
      const m = block.exec(first.value);
      if (!m) return;
      const what = m[1]
        ? `"${m[0]}" could not be read as a directive: put it on a line of its own, with {attributes} in braces and quotes closed`
        : `"${m[0]}" closes nothing: a ::: line must close a :::directive opened above it`;
      reportError(file, what, at(first, 0, m[0]));
    });
    visit(tree, 'text', (node: Text, _index, parent) => {
      if (parent?.type === 'paragraph' && parent.children[0] === node && block.test(node.value)) return;
      for (const m of node.value.matchAll(inline)) {
        const snippet = m[0].slice(m[1].length);
        const name = snippet.slice(1, -1);
        reportError(file, `":${name}${snippet.at(-1)}…" could not be read as a directive: close its [label] and {attributes}, and the quotes inside`, at(node, m.index + m[1].length, snippet));
      }
    });
  };
}
