// remark plugin: the lesson's front matter beyond the graph spec (which the core checks): a title,
// an optional summary, order and notation table, and TeX names that KaTeX accepts.
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import type { Located } from '../core/source.ts';
import { texProblem } from './katex.ts';
import { reportError, reportWarning } from './report.ts';

export interface FrontMatterOptions {
  frontMatter: Located;
}

const knownKeys = ['title', 'summary', 'order', 'graph', 'network', 'notation'];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export default function remarkCheckFrontMatter({ frontMatter }: FrontMatterOptions) {
  return (_tree: Root, file: VFile) => {
    const data = frontMatter.data;
    if (!isRecord(data)) return; // missing or broken YAML is reported by the spec reader
    const at = (path: (string | number)[], part: 'key' | 'value' = 'value') => frontMatter.locate(path, part);
    for (const key of Object.keys(data)) {
      if (!knownKeys.includes(key)) reportWarning(file, `unknown front matter key "${key}" (known: ${knownKeys.join(', ')})`, at([key], 'key'));
    }
    if (typeof data.title !== 'string' || !data.title.trim()) reportError(file, 'the lesson needs a title: title: "…"', at(['title']));
    if (data.summary !== undefined && typeof data.summary !== 'string') reportError(file, 'summary must be text', at(['summary']));
    if (data.order !== undefined && (typeof data.order !== 'number' || !Number.isFinite(data.order))) reportError(file, 'order must be a number', at(['order']));

    const spec = isRecord(data.graph) ? ['graph'] : isRecord(data.network) ? ['network'] : null;
    const tex = spec && isRecord((data[spec[0]] as Record<string, unknown>).tex) ? ((data[spec[0]] as Record<string, unknown>).tex as Record<string, unknown>) : {};
    for (const [name, value] of Object.entries(tex)) {
      const problem = typeof value === 'string' ? texProblem(value) : null;
      if (problem) reportError(file, `TeX for "${name}": ${problem.message}`, at([...spec!, 'tex', name]));
    }

    if (data.notation === undefined) return;
    if (!isRecord(data.notation)) {
      reportError(file, 'notation must be a mapping of TeX symbols to what they mean, e.g. "\\\\sigma": the sigmoid', at(['notation']));
      return;
    }
    for (const [symbol, meaning] of Object.entries(data.notation)) {
      const problem = texProblem(symbol);
      if (problem) reportError(file, `notation: TeX "${symbol}": ${problem.message}`, at(['notation', symbol], 'key'));
      if (typeof meaning !== 'string') reportError(file, `notation: the meaning of "${symbol}" must be text`, at(['notation', symbol]));
    }
  };
}

/** The notation table of a lesson's front matter, in order (only well-formed entries). */
export function notationOf(frontMatter: Located): { tex: string; meaning: string }[] {
  const data = frontMatter.data;
  if (!isRecord(data) || !isRecord(data.notation)) return [];
  return Object.entries(data.notation)
    .filter((e): e is [string, string] => typeof e[1] === 'string')
    .map(([tex, meaning]) => ({ tex, meaning }));
}
