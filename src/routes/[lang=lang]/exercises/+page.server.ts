// The exercise index, prerendered: titles, summaries, and whether each exercise reads cleanly.
import { exercisesByLang } from '$lib/content/exercises-bundled.ts';
import { langs, type Lang } from '$lib/core/lang.ts';

export const entries = () => langs.map((lang) => ({ lang }));

export function load({ params }: { params: { lang: string } }) {
  return {
    exercises: exercisesByLang[params.lang as Lang].map(({ slug, title, summary, page, diagnostics, fallback, lang }) => ({
      slug,
      title,
      summary,
      questions: page?.exercise.questions.length ?? 0,
      mode: page?.exercise.mode ?? 'practice',
      shownIn: fallback ? lang : null,
      errors: diagnostics.filter((d) => d.severity === 'error').length
    }))
  };
}
