// Small helpers the lesson plugins share: report an author's mistake as an error (not just a
// warning) at a node or a character offset, and find where an attribute sits inside a directive.
import type { VFile } from 'vfile';
import type { Node, Point } from 'unist';

type Place = Node | Point | undefined;

const isNode = (p: Place): p is Node => !!p && 'type' in p;

/** An error at a node or point; the run goes on so one lint shows every mistake. */
export function reportError(file: VFile, reason: string, place?: Place) {
  const message = isNode(place) ? file.message(reason, place) : file.message(reason, { place });
  message.fatal = true;
  message.source = 'backstep';
  return message;
}

export function reportWarning(file: VFile, reason: string, place?: Place) {
  const message = isNode(place) ? file.message(reason, place) : file.message(reason, { place });
  message.fatal = false;
  message.source = 'backstep';
  return message;
}

const lineStarts = new WeakMap<VFile, number[]>();

/** The line and column (1-based) of a character offset in the file's text. */
export function pointAt(file: VFile, offset: number): Point {
  let starts = lineStarts.get(file);
  if (!starts) {
    starts = [0];
    const text = String(file.value);
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
    lineStarts.set(file, starts);
  }
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1, offset };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Where attribute `name` is written in a directive's `{…}` (remark-directive keeps no positions for
 * attributes). `part: 'value'` points at the first character of its value, inside any quotes.
 */
export function attributeOffset(file: VFile, node: Node, name: string, part: 'name' | 'value' = 'name'): number | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  const text = String(file.value);
  // Only the opening line: a container's body may mention the same words.
  const lineEnd = text.indexOf('\n', start);
  const head = text.slice(start, lineEnd === -1 || lineEnd > end ? end : lineEnd);
  const brace = head.indexOf('{');
  if (brace === -1) return undefined;
  const key = name === 'id' ? '(?:id|#)' : name === 'class' ? '(?:class|\\.)' : escapeRegExp(name);
  const match = new RegExp(`([{\\s])(${key})(\\s*=\\s*["']?)?`).exec(head.slice(brace));
  if (!match) return undefined;
  const at = start + brace + match.index + match[1].length;
  if (part === 'name') return at;
  return at + match[2].length + (match[3]?.length ?? 0);
}

/** The point of an attribute (or of the directive itself when it cannot be found). */
export function attributePoint(file: VFile, node: Node, name: string, part: 'name' | 'value' = 'name'): Point | undefined {
  const offset = attributeOffset(file, node, name, part);
  return offset === undefined ? node.position?.start : pointAt(file, offset);
}
