// The lessons that ship with the app, read at build time by Vite and parsed once (on the server
// while prerendering; the browser gets the parsed model, not the parser).
import { readSpecDocument, type SpecDocument } from './document.ts';
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
}

const slugOf = (path: string) => path.replace(/^.*\//, '').replace(/\.md$/, '').replace(/^\d+-/, '');

function bundle(path: string, text: string): BundledLesson {
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

export const lessons: BundledLesson[] = Object.entries(lessonFiles)
  .map(([path, text]) => bundle(path, text))
  .sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug));

export const lessonBySlug = (slug: string) => lessons.find((l) => l.slug === slug);
