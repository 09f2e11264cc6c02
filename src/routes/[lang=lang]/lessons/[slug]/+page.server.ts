// Each lesson page is prerendered, once per language: the lesson is parsed here at build time and
// the page gets the parsed model (the Markdown parser never ships to the browser for lesson pages).
// A lesson not yet translated is shown in the language it is written in, and the page says so.
import { error } from '@sveltejs/kit';
import { lessonBySlug, lessonsByLang } from '$lib/content/bundled.ts';
import { langs, type Lang } from '$lib/core/lang.ts';

export const entries = () => langs.flatMap((lang) => lessonsByLang[lang].map((l) => ({ lang, slug: l.slug })));

export function load({ params }: { params: { lang: string; slug: string } }) {
  const lang = params.lang as Lang;
  const lesson = lessonBySlug(params.slug, lang);
  if (!lesson) error(404, `No lesson "${params.slug}"`);
  const lessons = lessonsByLang[lang];
  const index = lessons.indexOf(lesson);
  const link = (l: (typeof lessons)[number] | undefined) => (l ? { slug: l.slug, title: l.title } : null);
  return {
    slug: lesson.slug,
    model: lesson.model,
    shownIn: lesson.fallback ? lesson.lang : null,
    previous: link(lessons[index - 1]),
    next: link(lessons[index + 1])
  };
}
