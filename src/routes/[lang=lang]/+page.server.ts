// The lesson index, prerendered: titles, summaries and sizes (for progress) in lesson order.
import { lessons } from '$lib/content/bundled.ts';
import { langs } from '$lib/core/lang.ts';

export const entries = () => langs.map((lang) => ({ lang }));

export function load() {
  return {
    lessons: lessons.map(({ slug, title, summary, order, stepCount, questionCount, model }) => ({
      slug,
      title,
      summary,
      order,
      stepCount,
      questionCount,
      errors: model.diagnostics.filter((d) => d.severity === 'error').length
    }))
  };
}
