// KaTeX the way rehype-katex uses it: strict render first; when KaTeX rejects the TeX, say where,
// then render leniently so the page still shows something. `trust` stays off. Rendered HTML is
// cached by TeX source, so live edits only pay for formulas whose numbers changed.
import katex from 'katex';

export interface TexProblem {
  message: string;
  /** Offset of the offending character inside the TeX source, when KaTeX knows it. */
  offset?: number;
}

const strict = { throwOnError: true, strict: 'error', trust: false } as const;
const lenient = { throwOnError: false, strict: 'ignore', trust: false, errorColor: 'currentColor' } as const;

/** Why KaTeX rejects this TeX in strict mode, or null when it is fine. */
export function texProblem(tex: string, display = false): TexProblem | null {
  try {
    katex.renderToString(tex, { ...strict, displayMode: display });
    return null;
  } catch (err) {
    const e = err as { rawMessage?: string; message?: string; position?: number };
    const message = (e.rawMessage ?? e.message ?? String(err)).replace(/^KaTeX parse error: /, '');
    return { message, offset: typeof e.position === 'number' ? e.position : undefined };
  }
}

export interface RenderedTex {
  html: string;
  problem: TexProblem | null;
}

const cache = new Map<string, RenderedTex>();
const cacheLimit = 2000;

export function renderTex(tex: string, display = false): RenderedTex {
  const key = `${display ? 'D' : 'I'}${tex}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let rendered: RenderedTex;
  try {
    rendered = { html: katex.renderToString(tex, { ...strict, displayMode: display }), problem: null };
  } catch {
    rendered = { html: katex.renderToString(tex, { ...lenient, displayMode: display }), problem: texProblem(tex, display) };
  }
  if (cache.size >= cacheLimit) cache.delete(cache.keys().next().value!);
  cache.set(key, rendered);
  return rendered;
}
