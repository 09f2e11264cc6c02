// The exercises that ship with the app, read at build time by Vite and turned into page models
// while prerendering (the browser gets the models, not the parser). `NN-slug.es.md` is the
// Spanish sibling of `NN-slug.md`; a missing translation falls back with `fallback: true`.
import { exercisePage, type ExercisePage } from './exercise-page.ts';
import type { Diagnostic } from '../core/diagnostics.ts';
import { pairTranslations, pickTranslation, slugOf } from './translations.ts';
import { baseLang, langs, type Lang } from '../core/lang.ts';

const files = import.meta.glob('/exercises/*.md', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export interface BundledExercise {
  slug: string;
  file: string;
  title: string;
  summary: string;
  page: ExercisePage | null;
  diagnostics: Diagnostic[];
  /** The language the exercise's file is written in. */
  lang: Lang;
  /** True when shown in another language than the one asked for (no translation yet). */
  fallback: boolean;
  /** The languages the exercise is written in. */
  available: Lang[];
}

type Parsed = Omit<BundledExercise, 'lang' | 'fallback' | 'available'>;

const parsed = new Map<string, Parsed>(
  Object.entries(files).map(([path, text]): [string, Parsed] => {
    const file = path.replace(/^\//, '');
    const slug = slugOf(path);
    try {
      const { page, diagnostics } = exercisePage(text, file, slug);
      return [path, { slug, file, title: page?.exercise.title ?? slug, summary: page?.exercise.summary ?? '', page, diagnostics }];
    } catch (err) {
      const diagnostics: Diagnostic[] = [{ file, line: 1, column: 1, severity: 'error', message: `internal error while reading the exercise: ${(err as Error).message}` }];
      return [path, { slug, file, title: slug, summary: '', page: null, diagnostics }];
    }
  })
);
const pairs = pairTranslations([...parsed.keys()]);

/** The exercises as shown in `lang`, by title. */
function exercisesFor(lang: Lang): BundledExercise[] {
  return pairs
    .map((pair) => {
      const pick = pickTranslation(pair, lang);
      return { ...parsed.get(pick.file)!, lang: pick.lang, fallback: pick.fallback, available: pick.available };
    })
    .sort((a, b) => a.title.localeCompare(b.title));
}

export const exercisesByLang: Record<Lang, BundledExercise[]> = Object.fromEntries(langs.map((l) => [l, exercisesFor(l)])) as Record<Lang, BundledExercise[]>;

/** The English exercises (every exercise once, whatever translations exist). */
export const exercises: BundledExercise[] = exercisesByLang[baseLang];

export const exerciseBySlug = (slug: string, lang: Lang = baseLang) => exercisesByLang[lang].find((e) => e.slug === slug);
