import { error } from '@sveltejs/kit';
import { lessonBySlug, lessons } from '$lib/content/bundled.ts';

export const entries = () => lessons.map((l) => ({ slug: l.slug }));

export function load({ params }) {
  const lesson = lessonBySlug(params.slug);
  if (!lesson) error(404, `No lesson "${params.slug}"`);
  return { slug: lesson.slug };
}
