// Each exercise page is prerendered with its model (plain data: graph, questions, variants) and
// its body as HTML; the answer checker then runs in the browser on the student's variant.
import { error } from '@sveltejs/kit';
import { exerciseBySlug, exercisesByLang } from '$lib/content/exercises-bundled.ts';
import { langs, type Lang } from '$lib/core/lang.ts';

export const entries = () => langs.flatMap((lang) => exercisesByLang[lang].map((e) => ({ lang, slug: e.slug })));

export function load({ params }: { params: { lang: string; slug: string } }) {
  const bundled = exerciseBySlug(params.slug, params.lang as Lang);
  if (!bundled) error(404, `No exercise "${params.slug}"`);
  return { slug: bundled.slug, title: bundled.title, page: bundled.page, diagnostics: bundled.diagnostics, shownIn: bundled.fallback ? bundled.lang : null };
}
