// A translation (`NN-slug.es.md`) repeats its original's graph, variants, question ids, answers
// and every number or expression exactly; only words change (title, summary, notation meanings,
// prose, prompts, hints, captions, labels). This compares the two files and reports each
// difference at its file:line:col in the translation, for `backstep lint`.
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { Diagnostic } from '../core/diagnostics.ts';
import type { PathSegment } from '../core/source.ts';
import { readSpecDocument, type SpecDocument } from './document.ts';

/** Front-matter keys whose values are words (translated); everything else must be identical. */
const wordKeys = new Set(['title', 'summary', 'prompt', 'hint', 'hints', 'caption', 'label', 'description', 'message', 'explanation', 'name', 'text', 'feedback']);
/** Mappings whose keys are structure but whose values are words (notation: TeX → meaning). */
const wordValuedMaps = new Set(['notation']);
/** Directive attributes that are words: captions, titles, labels (shade-label, derivative-labels), trainer names. */
const wordAttribute = /(^|-)(labels?|caption|title|alt|placeholder|prompt|hint|text|name|description|trainers|xlabel|ylabel)$/;

const show = (v: unknown) => (v === undefined ? 'nothing' : typeof v === 'string' ? `"${v}"` : JSON.stringify(v));
const pathText = (path: PathSegment[]) => path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('');

/** What a front-matter path is, for the message: a question id, an answer, a graph number, a variant. */
function describePath(path: PathSegment[], original: unknown): string {
  const last = path[path.length - 1];
  if (path[0] === 'questions' && typeof path[1] === 'number') {
    const questions = (original as { questions?: { id?: unknown }[] }).questions;
    const id = questions?.[path[1]]?.id;
    if (last === 'id') return 'question id';
    if (last === 'answer') return `answer of question "${String(id)}"`;
    return `question "${String(id)}": ${pathText(path.slice(2))}`;
  }
  if (path[0] === 'variants') return `variant ${pathText(path.slice(1))}`;
  if (path[0] === 'graph' || path[0] === 'network') return `graph ${pathText(path.slice(1))}`;
  if (['params', 'inputs', 'nodes', 'loss', 'learning_rate', 'layers'].includes(String(path[0]))) return `graph ${pathText(path)}`;
  return `front matter ${pathText(path)}`;
}

function compareFrontMatter(original: SpecDocument, translation: SpecDocument, out: Diagnostic[]) {
  const at = (path: PathSegment[], part: 'key' | 'value' = 'value') => translation.frontMatter.locate(path, part);
  const report = (path: PathSegment[], message: string, part: 'key' | 'value' = 'value') => {
    const { line, column } = at(path, part);
    out.push({ file: translation.file, line, column, severity: 'error', message });
  };
  const walk = (a: unknown, b: unknown, path: PathSegment[], wordsOnly: boolean) => {
    const last = path[path.length - 1];
    if (typeof last === 'string' && wordKeys.has(last)) return;
    if (wordsOnly && typeof a === 'string' && typeof b === 'string') return;
    if (Array.isArray(a) && Array.isArray(b)) {
      if (a.length !== b.length) {
        report(path, `${describePath(path, original.frontMatter.data)} has ${b.length} entr${b.length === 1 ? 'y' : 'ies'} here but ${a.length} in ${original.file}: only words are translated`);
        return;
      }
      a.forEach((x, i) => walk(x, b[i], [...path, i], false));
      return;
    }
    if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
      const words = typeof last === 'string' && wordValuedMaps.has(last);
      for (const key of Object.keys(a)) {
        if (!(key in b)) report(path, `${describePath([...path, key], original.frontMatter.data)} is missing here (it is ${show((a as Record<string, unknown>)[key])} in ${original.file}): only words are translated`, 'key');
        else walk((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], [...path, key], words);
      }
      for (const key of Object.keys(b)) {
        if (!(key in a) && !wordKeys.has(key)) report([...path, key], `${describePath([...path, key], original.frontMatter.data)} is not in ${original.file}: only words are translated`, 'key');
      }
      return;
    }
    if (a !== b) report(path, `${describePath(path, original.frontMatter.data)} is ${show(b)} here but ${show(a)} in ${original.file}: only words are translated`);
  };
  walk(original.frontMatter.data, translation.frontMatter.data, [], false);
}

interface DirectiveInfo {
  kind: string;
  name: string;
  attributes: Record<string, string>;
  line: number;
  column: number;
}

function directivesOf(tree: Root | undefined): { blocks: DirectiveInfo[]; inline: DirectiveInfo[] } {
  const blocks: DirectiveInfo[] = [];
  const inline: DirectiveInfo[] = [];
  if (!tree) return { blocks, inline };
  visit(tree, (node) => {
    if (node.type !== 'containerDirective' && node.type !== 'leafDirective' && node.type !== 'textDirective') return;
    const d = node as unknown as { type: string; name: string; attributes?: Record<string, string | null | undefined>; position?: { start: { line: number; column: number } } };
    const attributes = Object.fromEntries(Object.entries(d.attributes ?? {}).filter(([k, v]) => v != null && !wordAttribute.test(k)).map(([k, v]) => [k, String(v)]));
    // A choice question's choices and answer are words: what must match is how many choices there
    // are and which one is the answer.
    if (attributes.choices !== undefined) {
      const choices = attributes.choices.split('|').map((c) => c.trim());
      attributes.choices = `${choices.length} choices`;
      if (attributes.answer !== undefined) attributes.answer = `choice ${choices.indexOf(attributes.answer.trim()) + 1}`;
    }
    const info = { kind: d.type, name: d.name, attributes, line: d.position?.start.line ?? 1, column: d.position?.start.column ?? 1 };
    (d.type === 'textDirective' ? inline : blocks).push(info);
  });
  return { blocks, inline };
}

const directiveText = (d: DirectiveInfo) => `${d.kind === 'containerDirective' ? ':::' : d.kind === 'leafDirective' ? '::' : ':'}${d.name}`;

function attributeMessage(d: DirectiveInfo, key: string, mine: string | undefined, theirs: string | undefined, originalFile: string): string {
  const what =
    key === 'id' ? `${directiveText(d)}: question id`
    : key === 'answer' ? `${directiveText(d)}{#${d.attributes.id ?? '?'}}: answer`
    : `${directiveText(d)}: attribute ${key}`;
  return `${what} is ${show(mine)} here but ${show(theirs)} in ${originalFile}: only words are translated`;
}

function compareBody(originalFile: string, original: Root | undefined, translationFile: string, translation: Root | undefined, out: Diagnostic[]) {
  const a = directivesOf(original);
  const b = directivesOf(translation);
  const push = (d: { line: number; column: number }, message: string) => out.push({ file: translationFile, line: d.line, column: d.column, severity: 'error', message });
  const n = Math.min(a.blocks.length, b.blocks.length);
  for (let i = 0; i < n; i++) {
    const x = a.blocks[i];
    const y = b.blocks[i];
    if (x.name !== y.name || x.kind !== y.kind) {
      push(y, `${directiveText(y)} here where ${originalFile} has ${directiveText(x)} (line ${x.line}): the translation keeps every directive, in the same order`);
      return; // everything after is shifted: one message says where
    }
    for (const key of new Set([...Object.keys(x.attributes), ...Object.keys(y.attributes)])) {
      if (x.attributes[key] !== y.attributes[key]) push(y, attributeMessage(y, key, y.attributes[key], x.attributes[key], originalFile));
    }
  }
  if (a.blocks.length > n) {
    const missing = a.blocks[n];
    const last = b.blocks[n - 1] ?? { line: 1, column: 1 };
    push(last, `${directiveText(missing)}${missing.attributes.id ? `{#${missing.attributes.id}}` : ''} of ${originalFile}:${missing.line} is missing here: the translation keeps every directive`);
  } else if (b.blocks.length > n) {
    push(b.blocks[n], `${directiveText(b.blocks[n])} is not in ${originalFile}: the translation keeps the same directives`);
  }
  // Inline directives (:value[…] in prose) may move within a sentence: compared as a set.
  const key = (d: DirectiveInfo) => `${d.name} ${JSON.stringify(Object.entries(d.attributes).sort())}`;
  const counts = new Map<string, number>();
  for (const d of a.inline) counts.set(key(d), (counts.get(key(d)) ?? 0) + 1);
  for (const d of b.inline) {
    const k = key(d);
    if (counts.get(k)) counts.set(k, counts.get(k)! - 1);
    else push(d, `${directiveText(d)}${JSON.stringify(d.attributes)} is not in ${originalFile} with these attributes: only words are translated`);
  }
}

/** Every way `translation` differs from `original` beyond its words, at file:line:col in the translation. */
export function translationParity(original: { file: string; text: string }, translation: { file: string; text: string }): Diagnostic[] {
  const a = readSpecDocument(original.text, original.file, { specRequired: false });
  const b = readSpecDocument(translation.text, translation.file, { specRequired: false });
  // A file that does not read is reported by its own lint; nothing to compare.
  if (a.frontMatter.data === null || b.frontMatter.data === null) return [];
  const out: Diagnostic[] = [];
  compareFrontMatter(a, b, out);
  compareBody(original.file, a.tree, translation.file, b.tree, out);
  return out.sort((x, y) => x.line - y.line || x.column - y.column);
}
