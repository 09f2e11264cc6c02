// The lesson index, prerendered: titles, summaries and sizes (for progress) in lesson order.
import { lessons } from '$lib/content/bundled.ts';

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
