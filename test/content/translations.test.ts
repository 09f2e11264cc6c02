// `NN-slug.es.md` is the Spanish sibling of `NN-slug.md`: paired by slug, never an extra lesson;
// a missing translation falls back to the other language with a flag.
import { describe, expect, test } from 'vitest';
import { fileLang, pairTranslations, pickTranslation, siblingPath, slugOf, isTranslation } from '$lib/content/translations.ts';
import { lessonsByLang, lessonBySlug, lessons } from '$lib/content/bundled.ts';
import { exercisesByLang, exerciseBySlug } from '$lib/content/exercises-bundled.ts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

describe('sibling files', () => {
  test('language and slug from the file name', () => {
    expect(fileLang('lessons/01-chain.md')).toBe('en');
    expect(fileLang('lessons/01-chain.es.md')).toBe('es');
    expect(slugOf('lessons/01-chain.es.md')).toBe('chain');
    expect(slugOf('/lessons/08-activations.md')).toBe('activations');
    expect(isTranslation('lessons/01-chain.es.md')).toBe(true);
    expect(isTranslation('lessons/01-chain.md')).toBe(false);
    expect(siblingPath('lessons/01-chain.md', 'es')).toBe('lessons/01-chain.es.md');
    expect(siblingPath('lessons/01-chain.es.md', 'en')).toBe('lessons/01-chain.md');
    expect(siblingPath('lessons/01-chain.es.md', 'es')).toBe('lessons/01-chain.es.md');
  });

  test('pairs by slug and falls back with a flag', () => {
    const pairs = pairTranslations(['lessons/02-logistic.md', 'lessons/01-chain.es.md', 'lessons/01-chain.md', 'lessons/03-only.es.md']);
    expect(pairs.map((p) => p.slug)).toEqual(['chain', 'logistic', 'only']);
    const [chain, logistic, only] = pairs;
    expect(pickTranslation(chain, 'es')).toEqual({ file: 'lessons/01-chain.es.md', lang: 'es', wanted: 'es', fallback: false, available: ['en', 'es'] });
    expect(pickTranslation(logistic, 'es')).toMatchObject({ file: 'lessons/02-logistic.md', lang: 'en', fallback: true, available: ['en'] });
    expect(pickTranslation(only, 'en')).toMatchObject({ file: 'lessons/03-only.es.md', lang: 'es', fallback: true });
  });
});

describe('bundled lessons and exercises per language', () => {
  for (const [kind, byLang] of [['lessons', lessonsByLang], ['exercises', exercisesByLang]] as const) {
    test(`${kind}: the same slugs in both languages, no translation listed as its own`, () => {
      const en = byLang.en.map((l) => l.slug).sort();
      expect(en.length).toBeGreaterThan(0);
      expect(byLang.es.map((l) => l.slug).sort()).toEqual(en);
      for (const item of [...byLang.en, ...byLang.es]) {
        expect(item.slug).not.toMatch(/\.(es|en)$/);
        // the flag matches the files on disk
        const spanish = existsSync(join(root, item.file.replace(/(\.es)?\.md$/, '.es.md')));
        expect(item.available.includes('es')).toBe(spanish);
      }
      for (const item of byLang.es) {
        expect(item.fallback).toBe(item.lang !== 'es');
        expect(item.file.endsWith('.es.md')).toBe(item.lang === 'es');
      }
      for (const item of byLang.en) expect(item.fallback).toBe(false);
    });
  }

  test('lookups by slug and language', () => {
    expect(lessons).toBe(lessonsByLang.en);
    const chain = lessonBySlug('chain', 'es');
    expect(chain?.slug).toBe('chain');
    expect(lessonBySlug('chain')?.lang).toBe('en');
    expect(exerciseBySlug(exercisesByLang.en[0].slug, 'es')?.slug).toBe(exercisesByLang.en[0].slug);
  });
});
