// An exercise file (exercises/*.md) → the exercise model: front matter (graph, variants,
// questions, marking tests) plus body questions as :::question{#id answer="…" points=…} blocks,
// the prompt inside, with optional ::misconception[message]{answer="…" credit=…} lines.
import type { Root, RootContent } from 'mdast';
import type { Diagnostic, Position } from '../core/diagnostics.ts';
import { exerciseWarnings } from '../core/check/lint.ts';
import { readExercise, type Exercise, type RawQuestion } from '../core/exercise.ts';
import { readSpecDocument, type SpecDocument } from './document.ts';
import { documentKind, runBody } from './pipeline.ts';

export interface ExerciseDocument {
  doc: SpecDocument;
  exercise: Exercise | null;
  /** The diagnostics about the exercise itself (questions, variants, tests), not its graph spec. */
  exerciseDiagnostics: Diagnostic[];
}


interface DirectiveNode {
  type: 'containerDirective' | 'leafDirective' | 'textDirective';
  name: string;
  attributes?: Record<string, string | null | undefined> | null;
  children: RootContent[];
  position?: { start: { line: number; column: number; offset?: number }; end: { offset?: number } };
}

const isDirective = (n: { type: string }): n is DirectiveNode =>
  n.type === 'containerDirective' || n.type === 'leafDirective' || n.type === 'textDirective';

/** The plain text of a node (a directive's label). */
const textOf = (n: unknown): string => {
  const o = n as { value?: unknown; children?: unknown[] };
  if (typeof o.value === 'string') return o.value;
  return Array.isArray(o.children) ? o.children.map(textOf).join('') : '';
};

const startOf = (n: { position?: { start: { line: number; column: number } } }): Position => ({
  line: n.position?.start.line ?? 1,
  column: n.position?.start.column ?? 1
});

/** The `:::question` directives of a body, as raw questions with positions. */
export function bodyQuestions(tree: Root, text: string, report: (message: string, at: Position) => void): RawQuestion[] {
  const out: RawQuestion[] = [];
  const visit = (nodes: RootContent[]) => {
    for (const node of nodes) {
      if (isDirective(node) && node.name === 'question') {
        if (node.type === 'textDirective') {
          report('a question must be a block: write :::question{…} or ::question{…} on its own line', startOf(node));
          continue;
        }
        out.push(toRawQuestion(node, text, report));
        continue;
      }
      if (isDirective(node) && node.name === 'misconception') {
        report('::misconception belongs inside a :::question block', startOf(node));
        continue;
      }
      if ('children' in node && Array.isArray(node.children)) visit(node.children as RootContent[]);
    }
  };
  visit(tree.children);
  return out;
}

function toRawQuestion(node: DirectiveNode, text: string, report: (message: string, at: Position) => void): RawQuestion {
  const at = () => startOf(node);
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node.attributes ?? {})) fields[k] = v ?? '';
  const promptParts: string[] = [];
  const misconceptions: NonNullable<RawQuestion['misconceptions']> = [];
  if (node.type === 'containerDirective') {
    for (const child of node.children) {
      if (isDirective(child) && child.name === 'misconception') {
        const mf: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(child.attributes ?? {})) mf[k] = v ?? '';
        if (mf.message === undefined) mf.message = textOf(child);
        misconceptions.push({ fields: mf, at: () => startOf(child) });
        continue;
      }
      if (isDirective(child) && child.name === 'question') {
        report('questions cannot be nested', startOf(child));
        continue;
      }
      const s = child.position?.start.offset;
      const e = child.position?.end.offset;
      if (s !== undefined && e !== undefined) promptParts.push(text.slice(s, e));
    }
  }
  const prompt = promptParts.join('\n\n') || (typeof fields.prompt === 'string' ? fields.prompt : '');
  delete fields.prompt;
  return { fields, at, prompt, misconceptions };
}

/** Read an exercise file: spec, front-matter questions, body questions, marking tests. */
export function readExerciseDocument(text: string, file: string): ExerciseDocument {
  const doc = readSpecDocument(text, file);
  const fromSpec = doc.reporter.diagnostics.length;
  const fallbackId = file.replace(/^.*[\\/]/, '').replace(/\.(md|markdown)$/i, '').replace(/^\d+-/, '');
  // The body goes through the lessons' pipeline (directives, TeX, raw HTML), then its questions are read.
  const run = runBody(text, file, { kind: 'exercise', frontMatter: doc.frontMatter, names: null, graphless: !doc.spec });
  for (const d of run.diagnostics) {
    if (d.severity === 'error') doc.reporter.error(d.message, d);
    else doc.reporter.warn(d.message, d);
  }
  const tree = run.tree;
  const body = bodyQuestions(tree, text, (message, at) => doc.reporter.error(message, at));
  const exercise = readExercise(doc.frontMatter, doc.spec, body, doc.reporter, fallbackId);
  const ok = doc.reporter.failed ? null : exercise;
  if (ok) for (const w of exerciseWarnings(ok)) doc.reporter.warn(w.message, w.at);
  return { doc, exercise: ok, exerciseDiagnostics: doc.reporter.diagnostics.slice(fromSpec) };
}

/** What `backstep lint` adds for an exercise file: the diagnostics beyond its graph spec's. */
export function lintExercise(text: string, file: string): Diagnostic[] {
  return readExerciseDocument(text, file).exerciseDiagnostics;
}

/** Is this Markdown file an exercise? By its front matter (see pipeline.ts), not by its folder. */
export function isExercise(doc: SpecDocument): boolean {
  return doc.kind === 'markdown' && documentKind(doc.frontMatter.data) === 'exercise';
}
