// Each lesson page is prerendered: the lesson is parsed here at build time and the page gets the
// parsed model (the Markdown parser never ships to the browser for lesson pages).
import { error } from '@sveltejs/kit';
import { lessonBySlug, lessons } from '$lib/content/bundled.ts';
import { langs } from '$lib/core/lang.ts';

export const entries = () => langs.flatMap((lang) => lessons.map((l) => ({ lang, slug: l.slug })));

export function load({ params }: { params: { lang: string; slug: string } }) {
  const lesson = lessonBySlug(params.slug);
  if (!lesson) error(404, `No lesson "${params.slug}"`);
  const index = lessons.indexOf(lesson);
  const link = (l: (typeof lessons)[number] | undefined) => (l ? { slug: l.slug, title: l.title } : null);
  return { slug: lesson.slug, model: lesson.model, previous: link(lessons[index - 1]), next: link(lessons[index + 1]) };
}
