// The exercise index, prerendered: titles, summaries, and whether each exercise reads cleanly.
import { exercises } from '$lib/content/exercises-bundled.ts';
import { langs } from '$lib/core/lang.ts';

export const entries = () => langs.map((lang) => ({ lang }));

export function load() {
  return {
    exercises: exercises.map(({ slug, title, summary, page, diagnostics }) => ({
      slug,
      title,
      summary,
      questions: page?.exercise.questions.length ?? 0,
      mode: page?.exercise.mode ?? 'practice',
      errors: diagnostics.filter((d) => d.severity === 'error').length
    }))
  };
}
