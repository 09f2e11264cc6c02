// `backstep lint` prints lesson body errors (directives, questions, TeX) as file:line:col lines.
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';

async function lint(...paths: string[]) {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'error').mockImplementation((...args) => void lines.push(args.join(' ')));
  try {
    const code = await main(['lint', ...paths]);
    return { code, lines };
  } finally {
    spy.mockRestore();
  }
}

describe('backstep lint on lessons', () => {
  it('reports body errors with file:line:col and fails', async () => {
    const { code, lines } = await lint('test/fixtures/content/unknown-node-in-question/input.md', 'test/fixtures/content/bad-tex/input.md');
    expect(code).toBe(1);
    expect(lines).toContain('test/fixtures/content/unknown-node-in-question/input.md:17:34: error: question "grad-w": answer="grad(w2)": unknown name "w2" in grad(w2) (names: w, x, b, z, a, y, C)');
    expect(lines.some((l) => /bad-tex\/input\.md:20:33: error: TeX: Undefined control sequence: \\fraction/.test(l))).toBe(true);
    expect(lines.at(-1)).toBe('2 files checked: 7 errors, 0 warnings');
  });

  it('suggests the nearest known name for a misspelt function or node', async () => {
    const { code, lines } = await lint('test/fixtures/spec/unknown-function/input.yaml', 'test/fixtures/spec/misspelt-node/input.yaml');
    expect(code).toBe(1);
    expect(lines.some((l) => l.startsWith('test/fixtures/spec/unknown-function/input.yaml:6:9: error: node "a1": unknown function "sigmod" (did you mean "sigmoid"? known:'))).toBe(true);
    expect(lines).toContain('test/fixtures/spec/misspelt-node/input.yaml:6:21: error: node "output": unknown name "hiden" (not a param, an input or a node; did you mean "hidden"?)');
  });

  it('passes the shipped lessons (the only warnings: a lesson not yet translated)', async () => {
    const { code, lines } = await lint('lessons');
    expect(lines.at(-1)).toMatch(/files? checked: 0 errors, \d+ warnings?/);
    expect(lines.slice(0, -1).filter((l) => !/: warning: no (Spanish|English) version /.test(l))).toEqual([]);
    expect(code).toBe(0);
  });
});
