// `backstep lint` on a translation: the graph, variants, question ids, answers and directive
// numbers must be the original's (each difference an error at file:line:col in the translation);
// a lesson or exercise without its translation is a warning.
import { describe, expect, it, vi } from 'vitest';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { main } from '../../src/cli/main.ts';
import { translationParity } from '../../src/lib/content/parity.ts';
import { siblingPath } from '../../src/lib/content/translations.ts';

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

const fixtures = 'test/fixtures/translation';
const read = (file: string) => ({ file, text: readFileSync(file, 'utf8') });

describe('translation parity', () => {
  it('reports a graph number, a variant, a question id and two answers that differ, each at file:line:col', async () => {
    const { code, lines } = await lint(`${fixtures}/exercise-differs`);
    expect(code).toBe(1);
    expect(lines.join('\n') + '\n').toBe(readFileSync(`${fixtures}/exercise-differs/expected.txt`, 'utf8'));
  });

  it('reports the pair once, when either file is linted alone', async () => {
    const original = await lint(`${fixtures}/exercise-differs/chain3.md`);
    expect(original.lines.filter((l) => l.includes('only words are translated'))).toHaveLength(5);
    const both = await lint(`${fixtures}/exercise-differs/chain3.md`, `${fixtures}/exercise-differs/chain3.es.md`);
    expect(both.lines.filter((l) => l.includes('only words are translated'))).toHaveLength(5);
  });

  it('a translation that changes only words passes; a missing one is a warning', async () => {
    const matching = await lint(`${fixtures}/matching`);
    expect(matching.lines).toEqual(['2 files checked: 0 errors, 0 warnings']);
    expect(matching.code).toBe(0);
    const alone = await lint(`${fixtures}/untranslated`);
    expect(alone.lines).toEqual([
      `${fixtures}/untranslated/exercises/chain3.md:1:1: warning: no Spanish version (${fixtures}/untranslated/exercises/chain3.es.md): the Spanish page shows this one with a notice`,
      '1 file checked: 0 errors, 1 warning'
    ]);
    expect(alone.code).toBe(0);
  });

  it('choice questions: translated choices pass, another answer or another number of choices does not', () => {
    const en = read('lessons/09-losses.md');
    const es = read('lessons/09-losses.es.md');
    expect(translationParity(en, es)).toEqual([]);
    const line = es.text.split('\n').findIndex((l) => l.includes('{#j-direction')) + 1;
    const otherAnswer = es.text.replace('answer="la predicción empeora"', 'answer="la predicción mejora"');
    expect(translationParity(en, { file: es.file, text: otherAnswer }).map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      `${line}:1 :::question{#j-direction}: answer is "choice 1" here but "choice 2" in lessons/09-losses.md: only words are translated`
    ]);
    const fewer = es.text.replace('|no cambia nada"', '"');
    expect(translationParity(en, { file: es.file, text: fewer }).map((d) => d.message)).toEqual([
      ':::question: attribute choices is "2 choices" here but "3 choices" in lessons/09-losses.md: only words are translated'
    ]);
  });

  it('a directive number that differs, and a directive left out', () => {
    const en = read('lessons/01-chain.md');
    const es = read('lessons/01-chain.es.md');
    expect(translationParity(en, es)).toEqual([]);
    const steps = es.text.replace('::steps{pass=backward}', '::steps{pass=update}');
    const line = es.text.split('\n').findIndex((l) => l.startsWith('::steps{pass=backward}')) + 1;
    expect(translationParity(en, { file: es.file, text: steps }).map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      `${line}:1 ::steps: attribute pass is "update" here but "backward" in lessons/01-chain.md: only words are translated`
    ]);
  });

  it('every shipped translation repeats its original exactly', () => {
    for (const dir of ['lessons', 'exercises']) {
      for (const name of readdirSync(dir).filter((f) => f.endsWith('.es.md'))) {
        const es = `${dir}/${name}`;
        const en = siblingPath(es, 'en');
        if (!existsSync(en)) continue;
        expect(translationParity(read(en), read(es)), es).toEqual([]);
      }
    }
  });
});
