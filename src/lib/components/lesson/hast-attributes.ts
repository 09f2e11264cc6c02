// hast keeps properties in DOM-ish camelCase (className, dataFootnoteRef, ariaDescribedBy); the
// renderer needs HTML attribute names. Only what remark-rehype produces needs handling.
import type { Properties } from 'hast';

export function htmlAttributes(properties: Properties | undefined): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const [key, value] of Object.entries(properties ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    const name =
      key === 'className' ? 'class'
      : key === 'htmlFor' ? 'for'
      : /^(data|aria)[A-Z]/.test(key) ? key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
      : key;
    out[name] = Array.isArray(value) ? value.join(' ') : value === true ? true : String(value);
  }
  return out;
}

export const voidElements = new Set(['br', 'hr', 'img', 'input', 'wbr']);
