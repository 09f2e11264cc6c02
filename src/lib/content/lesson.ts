// From a lesson's Markdown to the model the page renders and `backstep lint` checks: front matter
// and graph spec (core; a lesson whose body needs no graph may leave it out), then the body through
// one remark plugin per concern, then a hast tree whose bs-* elements the page turns into live
// components. Runs the same in Node and the browser.
import { unified } from 'unified';
import remarkRehype from 'remark-rehype';
import type { Root as HastRoot, Nodes as HastNodes } from 'hast';
import type { Diagnostic } from '../core/diagnostics.ts';
import type { GraphSpec } from '../core/spec.ts';
import { Graph } from '../core/graph.ts';
import { readSpecDocument, type SpecDocument } from './document.ts';
import type { QuestionSpec } from '../core/exercise.ts';
import type { QuantityNames } from '../core/quantity.ts';
import type { WidgetStates } from '../core/widget-state.ts';
import { notationOf } from './remark-check-front-matter.ts';
import { runBody } from './pipeline.ts';
import { matrixNames } from '../core/matrix.ts';

/** Everything the lesson page needs, as plain data (it is serialised into prerendered pages). */
export interface LessonModel {
  file: string;
  title: string;
  summary: string;
  order: number;
  spec: GraphSpec | null;
  notation: { tex: string; meaning: string }[];
  body: HastRoot;
  questions: QuestionSpec[];
  /** The widgets with an id (::descent{#bowl}) and the values a question may read from them. */
  widgets?: WidgetStates;
  diagnostics: Diagnostic[];
}

export interface ParsedLesson extends LessonModel {
  doc: SpecDocument;
  graph: Graph | null;
}

const toHast = unified().use(remarkRehype);

function namesOf(graph: Graph | null): QuantityNames | null {
  if (!graph) return null;
  const network = graph.spec.network;
  return { all: new Set(graph.order), params: new Set(Object.keys(graph.spec.params)), ...(network ? { matrices: new Set(matrixNames(network)) } : {}) };
}

/** Drop positions and data from the hast tree: the page does not need them and they are heavy. */
function strip(node: HastNodes) {
  delete node.position;
  if ('data' in node) delete node.data;
  if ('children' in node) node.children.forEach((c) => strip(c as HastNodes));
}

/** True when the front matter reads and has neither `graph:` nor `network:` (nor a bare spec). */
function hasNoSpec(doc: SpecDocument): boolean {
  const data = doc.frontMatter.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return false;
  return !['graph', 'network', 'nodes', 'layers'].some((key) => key in data);
}

export function parseLesson(text: string, file: string): ParsedLesson {
  const doc = readSpecDocument(text, file, { specRequired: false });
  const data = doc.frontMatter.data;
  if (doc.tree?.children[0]?.type === 'yaml' && !doc.reporter.failed && (typeof data !== 'object' || data === null || Array.isArray(data))) {
    doc.reporter.error('the front matter must be a mapping, starting with title: "…"', doc.frontMatter.locate([]));
  }
  const graphless = hasNoSpec(doc);
  const graph = doc.spec ? new Graph(doc.spec) : null;
  const names = namesOf(graph);
  const run = runBody(text, file, { kind: 'lesson', frontMatter: doc.frontMatter, names, graphless });
  const { vfile } = run;
  const body = toHast.runSync(run.tree, vfile) as HastRoot;
  strip(body);

  const diagnostics: Diagnostic[] = [...doc.reporter.diagnostics, ...run.diagnostics];
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);

  const fm = (doc.frontMatter.data ?? {}) as Record<string, unknown>;
  const slug = file.replace(/^.*\//, '').replace(/\.md$/, '');
  return {
    file,
    title: typeof fm.title === 'string' ? fm.title : slug,
    summary: typeof fm.summary === 'string' ? fm.summary : '',
    order: typeof fm.order === 'number' ? fm.order : 1000,
    spec: doc.spec,
    notation: notationOf(doc.frontMatter),
    body,
    questions: vfile.data.questions ?? [],
    widgets: vfile.data.widgets ?? {},
    diagnostics,
    doc,
    graph
  };
}

/** The serialisable part of a parsed lesson. */
export function lessonModel(lesson: ParsedLesson): LessonModel {
  const { doc: _doc, graph: _graph, ...model } = lesson;
  return model;
}
