// <html lang> of every page, prerendered ones included: the page's language from its path
// (/es/… → es), English for the language chooser at `/` and the old unprefixed addresses.
import type { Handle } from '@sveltejs/kit';
import { baseLang, isLang } from '$lib/core/lang.ts';

export const handle: Handle = ({ event, resolve }) => {
  const first = event.url.pathname.split('/')[1];
  const lang = isLang(first) ? first : baseLang;
  return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', lang) });
};
