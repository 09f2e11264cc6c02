// The lessons that ship with the app, read at build time by Vite and parsed once (on the server
// while prerendering; the browser gets the parsed model, not the parser). Each lesson exists in
// every language: `NN-slug.es.md` is the Spanish sibling of `NN-slug.md`; a missing translation
// falls back to the other language with `fallback: true` (the page says so).
import { readSpecDocument, type SpecDocument } from './document.ts';
import { pairTranslations, pickTranslation, slugOf } from './translations.ts';
import { baseLang, langs, type Lang } from '../core/lang.ts';
import { parseLesson, lessonModel, type LessonModel } from './lesson.ts';
import { buildSteps } from '../core/steps.ts';
import { walkedSteps } from './lesson-steps.ts';

const lessonFiles = import.meta.glob('/lessons/*.md', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export interface BundledLesson {
  slug: string;
  file: string;
  text: string;
  title: string;
  summary: string;
  order: number;
  doc: SpecDocument;
  model: LessonModel;
  /** How many steps and questions the lesson has (for progress on the index). */
  stepCount: number;
  questionCount: number;
  /** The language the lesson's file is written in. */
  lang: Lang;
  /** True when the lesson is shown in another language than the one asked for (no translation yet). */
  fallback: boolean;
  /** The languages the lesson is written in. */
  available: Lang[];
}

type Parsed = Omit<BundledLesson, 'lang' | 'fallback' | 'available'>;

function bundle(path: string, text: string): Parsed {
  const file = path.replace(/^\//, '');
  try {
    const parsed = parseLesson(text, file);
    const model = lessonModel(parsed);
    // The steps the lesson page walks (the same count its progress bar uses).
    const stepCount = parsed.graph ? walkedSteps(buildSteps(parsed.graph), parsed.graph, model).length : 0;
    return { slug: slugOf(path), file, text, title: model.title, summary: model.summary, order: model.order, doc: parsed.doc, model, stepCount, questionCount: model.questions.length };
  } catch (err) {
    // A parser bug must not take the site down: show it as a problem on the lesson's page.
    const doc = readSpecDocument(text, file);
    const message = `internal error while reading the lesson: ${(err as Error).message}`;
    const model: LessonModel = {
      file, title: slugOf(path), summary: '', order: 1000, spec: doc.spec, notation: [], questions: [],
      body: { type: 'root', children: [] },
      diagnostics: [{ file, line: 1, column: 1, severity: 'error', message }]
    };
    return { slug: slugOf(path), file, text, title: model.title, summary: '', order: 1000, doc, model, stepCount: 0, questionCount: 0 };
  }
}

const parsed = new Map(Object.entries(lessonFiles).map(([path, text]) => [path, bundle(path, text)]));
const pairs = pairTranslations([...parsed.keys()]);

/** The lessons as shown in `lang`, in course order (the order of the language's own file, or the fallback's). */
function lessonsFor(lang: Lang): BundledLesson[] {
  return pairs
    .map((pair) => {
      const pick = pickTranslation(pair, lang);
      return { ...parsed.get(pick.file)!, lang: pick.lang, fallback: pick.fallback, available: pick.available };
    })
    .sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug));
}

export const lessonsByLang: Record<Lang, BundledLesson[]> = Object.fromEntries(langs.map((l) => [l, lessonsFor(l)])) as Record<Lang, BundledLesson[]>;

/** The English lessons (every lesson once, whatever translations exist). */
export const lessons: BundledLesson[] = lessonsByLang[baseLang];

export const lessonBySlug = (slug: string, lang: Lang = baseLang) => lessonsByLang[lang].find((l) => l.slug === slug);
