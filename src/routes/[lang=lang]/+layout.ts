// Every page under /en/… and /es/… knows its language; the pages are prerendered once per language.
import type { Lang } from '$lib/core/lang.ts';

export function load({ params }: { params: { lang: string } }) {
  return { lang: params.lang as Lang };
}
