// The lessons and exercises that ship with the app, read at build time by Vite.
import { readSpecDocument, type SpecDocument } from './document.ts';

const lessonFiles = import.meta.glob('/lessons/*.md', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export interface BundledLesson {
  slug: string;
  file: string;
  text: string;
  title: string;
  summary: string;
  order: number;
  doc: SpecDocument;
}

const slugOf = (path: string) => path.replace(/^.*\//, '').replace(/\.md$/, '').replace(/^\d+-/, '');

export const lessons: BundledLesson[] = Object.entries(lessonFiles)
  .map(([path, text]) => {
    const file = path.replace(/^\//, '');
    const doc = readSpecDocument(text, file);
    const fm = (doc.frontMatter.data ?? {}) as Record<string, unknown>;
    return {
      slug: slugOf(path),
      file,
      text,
      title: typeof fm.title === 'string' ? fm.title : slugOf(path),
      summary: typeof fm.summary === 'string' ? fm.summary : '',
      order: typeof fm.order === 'number' ? fm.order : 1000,
      doc
    };
  })
  .sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug));

export const lessonBySlug = (slug: string) => lessons.find((l) => l.slug === slug);
