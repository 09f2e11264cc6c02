// An exercise as its page needs it, built at prerender time: the exercise model (plain data, so
// the browser can check answers without the Markdown parser) and the body as HTML blocks with
// the questions in their places. Math is typeset with KaTeX here; raw HTML in the Markdown is
// shown as text, never passed through.
import { unified } from 'unified';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';
import type { Root, RootContent } from 'mdast';
import type { Diagnostic } from '../core/diagnostics.ts';
import type { Exercise } from '../core/exercise.ts';
import { readExerciseDocument } from './exercise.ts';
import { renderTex } from './katex.ts';
import { markdownParser as parser } from './pipeline.ts';

export type ExerciseBlock = { kind: 'html'; html: string } | { kind: 'question'; id: string };

export interface ExercisePage {
  slug: string;
  file: string;
  exercise: Exercise;
  blocks: ExerciseBlock[];
  /** Each question's prompt as HTML. */
  prompts: Record<string, string>;
}

const toHtml = unified().use(remarkRehype, { allowDangerousHtml: true }).use(rehypeStringify, { allowDangerousHtml: true });

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

type AnyNode = { type: string; value?: string; children?: AnyNode[]; name?: string };

/** Math → KaTeX HTML; author HTML → text; directives that are not questions → their content. */
function prepare(node: AnyNode): AnyNode {
  if (node.type === 'inlineMath' || node.type === 'math') {
    const display = node.type === 'math';
    const html = renderTex(display ? `\\displaystyle ${node.value ?? ''}` : node.value ?? '').html;
    return { type: 'html', value: display ? `<div class="tex-display">${html}</div>` : html };
  }
  if (node.type === 'html') return { type: 'text', value: node.value ?? '' };
  if (node.type === 'leafDirective' || node.type === 'containerDirective' || node.type === 'textDirective') {
    return { type: node.type === 'textDirective' ? 'emphasis' : 'paragraph', children: (node.children ?? []).map(prepare) };
  }
  return node.children ? { ...node, children: node.children.map(prepare) } : node;
}

function render(nodes: AnyNode[]): string {
  if (!nodes.length) return '';
  const tree = { type: 'root', children: nodes.map(prepare) } as unknown as Root;
  return String(toHtml.stringify(toHtml.runSync(tree)));
}

/** Markdown (a prompt) → HTML with typeset math. */
export function markdownToHtml(markdown: string): string {
  const tree = parser.parse(markdown) as Root;
  return render(tree.children as AnyNode[]);
}

export function exercisePage(text: string, file: string, slug: string): { page: ExercisePage | null; diagnostics: Diagnostic[] } {
  const { doc, exercise } = readExerciseDocument(text, file);
  if (!exercise) return { page: null, diagnostics: doc.reporter.diagnostics };
  const tree = parser.parse(text) as Root;
  const body = (tree.children as RootContent[]).filter((n) => n.type !== 'yaml') as AnyNode[];
  const isQuestion = (n: AnyNode) => (n.type === 'containerDirective' || n.type === 'leafDirective') && n.name === 'question';
  const idOf = (n: AnyNode) => (n as { attributes?: { id?: string } }).attributes?.id ?? '';
  const directiveIds = new Set(body.filter(isQuestion).map(idOf));
  const frontMatterIds = exercise.questions.map((q) => q.id).filter((id) => !directiveIds.has(id));
  const blocks: ExerciseBlock[] = [];
  let chunk: AnyNode[] = [];
  const flush = () => {
    if (chunk.length) blocks.push({ kind: 'html', html: render(chunk) });
    chunk = [];
  };
  // Front-matter questions go after the opening paragraphs, before the first heading or question.
  let placedFrontMatter = false;
  const placeFrontMatter = () => {
    if (placedFrontMatter) return;
    placedFrontMatter = true;
    flush();
    for (const id of frontMatterIds) blocks.push({ kind: 'question', id });
  };
  for (const node of body) {
    if (isQuestion(node)) {
      placeFrontMatter();
      flush();
      blocks.push({ kind: 'question', id: idOf(node) });
    } else {
      if (node.type === 'heading') placeFrontMatter();
      chunk.push(node);
    }
  }
  placeFrontMatter();
  flush();
  const prompts = Object.fromEntries(exercise.questions.map((q) => [q.id, q.prompt ? markdownToHtml(q.prompt) : '']));
  return { page: { slug, file, exercise, blocks, prompts }, diagnostics: doc.reporter.diagnostics };
}
