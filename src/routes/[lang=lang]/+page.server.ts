// The lesson index, prerendered per language: titles, summaries and sizes (for progress) in lesson order.
import { lessonsByLang } from '$lib/content/bundled.ts';
import { langs, type Lang } from '$lib/core/lang.ts';

export const entries = () => langs.map((lang) => ({ lang }));

export function load({ params }: { params: { lang: string } }) {
  return {
    lessons: lessonsByLang[params.lang as Lang].map(({ slug, title, summary, order, stepCount, questionCount, model, fallback, lang }) => ({
      slug,
      title,
      summary,
      order,
      stepCount,
      questionCount,
      /** Written in another language (no translation yet): said next to the title. */
      shownIn: fallback ? lang : null,
      errors: model.diagnostics.filter((d) => d.severity === 'error').length
    }))
  };
}
