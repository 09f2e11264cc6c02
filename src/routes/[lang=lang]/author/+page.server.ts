// The author page is a static shell; the bundled lessons' sources come along so an author can
// open one as a starting point.
import { lessons } from '$lib/content/bundled.ts';
import { langs } from '$lib/core/lang.ts';

export const entries = () => langs.map((lang) => ({ lang }));

export function load() {
  return { samples: lessons.map(({ slug, title, file, text }) => ({ slug, title, file, text })) };
}
