// YAML (and JSON, which YAML reads too) with positions: the spec parser asks "where is
// graph.nodes.z2?" and gets a line and column, shifted to where the YAML sits in its file.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { Position, Reporter } from './diagnostics.ts';

export type PathSegment = string | number;

export interface Located {
  data: unknown;
  /** Where a value (or its key) is in the file; falls back to the nearest enclosing node. */
  locate(path: PathSegment[], part?: 'key' | 'value'): Position;
  /** Where a character offset inside a scalar value is (for errors inside an expression). */
  locateInside(path: PathSegment[], offsetInValue: number): Position;
}

/**
 * Parse YAML text that starts at `lineOffset` lines into its file (front matter starts after
 * the opening `---`). Syntax errors go to the reporter; the result is still usable (null data).
 */
export function parseYamlLocated(text: string, reporter: Reporter, lineOffset = 0): Located {
  const lineCounter = new LineCounter();
  // Duplicate keys are found below with one Set per mapping: yaml's own check (uniqueKeys: true)
  // compares each key with every earlier one, quadratic in a spec with a thousand params.
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const toPos = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + lineOffset, column: col };
  };
  for (const err of doc.errors) reporter.error(`YAML: ${err.message.split('\n')[0]}`, toPos(err.pos[0]));
  for (const warn of doc.warnings) reporter.warn(`YAML: ${warn.message.split('\n')[0]}`, toPos(warn.pos[0]));
  let broken = 0;
  visit(doc, {
    Map(_, map) {
      const keys = new Set<unknown>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        if (keys.has(pair.key.value)) {
          broken++;
          reporter.error('YAML: Map keys must be unique', toPos(pair.key.range?.[0] ?? 0));
        }
        keys.add(pair.key.value);
      }
    },
    Alias(_, alias) {
      if (alias.resolve(doc)) return;
      broken++;
      reporter.error(`YAML: *${alias.source} names no anchor: write &${alias.source} on a value above it, or remove the *`, toPos(alias.range?.[0] ?? 0));
    }
  });
  let data: unknown = null;
  if (!doc.errors.length && !broken) {
    try {
      data = doc.toJS();
    } catch (err) {
      // e.g. an alias expanded too many times (yaml's guard against "billion laughs")
      const message = (err as Error).message.split('\n')[0];
      reporter.error(/alias count/i.test(message) ? 'YAML: the aliases (*name) expand to too many values: write the values out instead' : `YAML: ${message}`, toPos(0));
    }
  }

  function find(path: PathSegment[]): { node?: Node; key?: Node } {
    let node: unknown = doc.contents;
    let key: Node | undefined;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) return { node: node as Node, key };
        key = pair.key as Node;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number' && node.items[seg]) {
        key = undefined;
        node = node.items[seg];
      } else return { node: node as Node, key };
    }
    return { node: (node ?? undefined) as Node | undefined, key };
  }

  return {
    data,
    locate(path, part = 'value') {
      const { node, key } = find(path);
      const target = part === 'key' && key ? key : node ?? key;
      return toPos(target?.range?.[0] ?? 0);
    },
    locateInside(path, offsetInValue) {
      const { node } = find(path);
      if (!node?.range) return toPos(0);
      // Quoted scalars start one character before their text.
      const quoted = isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') ? 1 : 0;
      const plain = isScalar(node) && (node.type === 'PLAIN' || quoted);
      return toPos(node.range[0] + (plain ? quoted + offsetInValue : 0));
    }
  };
}
