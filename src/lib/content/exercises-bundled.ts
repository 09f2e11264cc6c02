// The exercises that ship with the app, read at build time by Vite and turned into page models
// while prerendering (the browser gets the models, not the parser).
import { exercisePage, type ExercisePage } from './exercise-page.ts';
import type { Diagnostic } from '../core/diagnostics.ts';

const files = import.meta.glob('/exercises/*.md', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export interface BundledExercise {
  slug: string;
  file: string;
  title: string;
  summary: string;
  page: ExercisePage | null;
  diagnostics: Diagnostic[];
}

const slugOf = (path: string) => path.replace(/^.*\//, '').replace(/\.md$/, '').replace(/^\d+-/, '');

export const exercises: BundledExercise[] = Object.entries(files)
  .map(([path, text]) => {
    const file = path.replace(/^\//, '');
    const slug = slugOf(path);
    try {
      const { page, diagnostics } = exercisePage(text, file, slug);
      return { slug, file, title: page?.exercise.title ?? slug, summary: page?.exercise.summary ?? '', page, diagnostics };
    } catch (err) {
      const diagnostics: Diagnostic[] = [{ file, line: 1, column: 1, severity: 'error', message: `internal error while reading the exercise: ${(err as Error).message}` }];
      return { slug, file, title: slug, summary: '', page: null, diagnostics };
    }
  })
  .sort((a, b) => a.title.localeCompare(b.title));

export const exerciseBySlug = (slug: string) => exercises.find((e) => e.slug === slug);
