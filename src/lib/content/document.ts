// One entry point from a file's text to its front matter (with positions) and graph spec:
// Markdown lessons and exercises carry YAML front matter; .yaml/.json files are a bare spec.
import type { Root } from 'mdast';
import { Reporter } from '../core/diagnostics.ts';
import { parseYamlLocated, type Located } from '../core/source.ts';
import { readGraphSpec, type GraphSpec } from '../core/spec.ts';
import { markdownParser } from './pipeline.ts';
import { Graph } from '../core/graph.ts';
import { firstNonFinite, specPath } from '../core/finite.ts';

export interface SpecDocument {
  file: string;
  kind: 'markdown' | 'data';
  frontMatter: Located;
  spec: GraphSpec | null;
  reporter: Reporter;
  /** The Markdown tree, for Markdown files. */
  tree?: Root;
}


export function isMarkdown(file: string) {
  return /\.(md|markdown)$/i.test(file);
}

/** Find the YAML front matter of a Markdown text: its source and the line it starts on. */
export function frontMatterOf(tree: Root): { value: string; firstLine: number } | null {
  const first = tree.children[0];
  if (first?.type !== 'yaml') return null;
  // The YAML text starts on the line after the opening `---`.
  return { value: first.value, firstLine: (first.position?.start.line ?? 1) + 1 };
}

export function readSpecDocument(text: string, file: string, options: { specRequired?: boolean } = {}): SpecDocument {
  const reporter = new Reporter(file);
  if (isMarkdown(file)) {
    const tree = markdownParser.parse(text) as Root;
    const fm = frontMatterOf(tree);
    if (!fm) reporter.error('no front matter: start the file with a YAML block between --- lines');
    const frontMatter = parseYamlLocated(fm?.value ?? '', reporter, (fm?.firstLine ?? 1) - 1);
    const spec = fm && frontMatter.data ? readGraphSpec(frontMatter, reporter, { required: options.specRequired }) : null;
    if (spec) warnNonFinite(spec, frontMatter, reporter);
    return { file, kind: 'markdown', frontMatter, spec, reporter, tree };
  }
  const frontMatter = parseYamlLocated(text, reporter);
  const spec = frontMatter.data !== null ? readGraphSpec(frontMatter, reporter, { required: options.specRequired }) : null;
  if (spec) warnNonFinite(spec, frontMatter, reporter);
  if (frontMatter.data === null && !reporter.failed) reporter.error('the file is empty');
  return { file, kind: 'data', frontMatter, spec, reporter };
}

/** Solve the spec as written; the first value or gradient that is not a finite number is a warning at its line. */
function warnNonFinite(spec: GraphSpec, frontMatter: Located, reporter: Reporter) {
  const graph = new Graph(spec);
  const found = firstNonFinite(graph, graph.solve());
  if (found) reporter.warn(found.message, frontMatter.locate(specPath(frontMatter.data, spec, found.name), 'key'));
}
