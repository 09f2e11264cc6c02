// The author page is a static shell; the bundled lessons' sources come along so an author can
// open one as a starting point.
import { lessons } from '$lib/content/bundled.ts';

export function load() {
  return { samples: lessons.map(({ slug, title, file, text }) => ({ slug, title, file, text })) };
}
