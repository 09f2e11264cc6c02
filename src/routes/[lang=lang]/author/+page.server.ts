// The author page is a static shell; the bundled lessons' sources come along so an author can
// open one as a starting point.
import { lessonsByLang } from '$lib/content/bundled.ts';
import { langs, type Lang } from '$lib/core/lang.ts';

export const entries = () => langs.map((lang) => ({ lang }));

export function load({ params }: { params: { lang: string } }) {
  // The lessons in the page's language (or the language they are written in, when not translated yet).
  return { samples: lessonsByLang[params.lang as Lang].map(({ slug, title, file, text }) => ({ slug, title, file, text })) };
}
