// The one Markdown pipeline for lessons and exercises: one parser (remark-parse, front matter,
// directives, math) and one list of remark plugins, each reporting author mistakes at their
// file:line:col. A file is a lesson or an exercise by its front matter; both get every check
// that applies to their body (unknown or broken directives, broken TeX, raw HTML, unknown names).
import { unified, type PluggableList } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkDirective from 'remark-directive';
import remarkMath from 'remark-math';
import type { Root } from 'mdast';
import { VFile } from 'vfile';
import type { Diagnostic } from '../core/diagnostics.ts';
import type { Located } from '../core/source.ts';
import type { QuantityNames } from '../core/quantity.ts';
import remarkCheckFrontMatter from './remark-check-front-matter.ts';
import remarkCheckDirectives from './remark-check-directives.ts';
import remarkLiveValues from './remark-live-values.ts';
import remarkQuestions from './remark-questions.ts';
import remarkCheckMath from './remark-check-math.ts';
import remarkNoHtml from './remark-no-html.ts';
import remarkBrokenDirectives from './remark-broken-directives.ts';
import remarkNeedsGraph from './remark-needs-graph.ts';
import remarkTrainers from './remark-trainers.ts';
import remarkPerceptron from './remark-perceptron.ts';
import remarkDescent from './remark-descent.ts';
import { exerciseDirectives, directives } from './directives.ts';

/** The parser every Markdown file goes through. */
export const markdownParser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkDirective).use(remarkMath);

/** Front matter keys only an exercise has: a file with any of them is an exercise. */
export const exerciseKeys = ['id', 'mode', 'variants', 'questions', 'expect', 'tolerance', 'credit'];

export type DocumentKind = 'lesson' | 'exercise';

/** Lesson or exercise, by the front matter (not by the folder the file is in). */
export function documentKind(frontMatter: unknown): DocumentKind {
  const isRecord = typeof frontMatter === 'object' && frontMatter !== null && !Array.isArray(frontMatter);
  return isRecord && exerciseKeys.some((key) => key in frontMatter) ? 'exercise' : 'lesson';
}

export interface BodyOptions {
  kind: DocumentKind;
  frontMatter: Located;
  /** The graph's names (null: no graph, or a spec with errors). */
  names: QuantityNames | null;
  /** True when the front matter has no graph spec at all. */
  graphless: boolean;
}

/**
 * The plugins a body goes through. Lessons and exercises share every check; the lesson adds its
 * front matter keys, live values, lesson questions and widgets (an exercise reads its questions
 * with the exercise model, and its front matter with the core).
 */
function plugins({ kind, frontMatter, names, graphless }: BodyOptions): PluggableList {
  if (kind === 'exercise') return [remarkBrokenDirectives, [remarkCheckDirectives, { table: exerciseDirectives }], remarkCheckMath, remarkNoHtml];
  return [
    [remarkCheckFrontMatter, { frontMatter }],
    remarkBrokenDirectives,
    [remarkCheckDirectives, { table: directives }],
    [remarkNeedsGraph, { graphless }],
    remarkTrainers,
    remarkPerceptron,
    remarkDescent,
    [remarkLiveValues, { names }],
    [remarkQuestions, { names, graphless }],
    remarkCheckMath,
    remarkNoHtml
  ];
}

/** Run a body through the pipeline: the checked tree, the vfile (with its data) and the diagnostics. */
export function runBody(text: string, file: string, options: BodyOptions): { tree: Root; vfile: VFile; diagnostics: Diagnostic[] } {
  const vfile = new VFile({ path: file, value: text });
  const processor = markdownParser().use(plugins(options));
  const tree = processor.runSync(processor.parse(vfile), vfile) as Root;
  const diagnostics: Diagnostic[] = vfile.messages.map((m) => ({ file, line: m.line ?? 1, column: m.column ?? 1, severity: m.fatal ? 'error' : 'warning', message: m.reason }));
  return { tree, vfile, diagnostics };
}
