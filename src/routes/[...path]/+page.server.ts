// `/` and every address from before the pages had a language (/lessons/chain, /exercises, /train,
// /author): a prerendered page that sends the visitor on to the same page in their language (see
// lang-choice.ts), keeping ?step=… and the like. Anything else is not a page.
import { error } from '@sveltejs/kit';
import { lessons } from '$lib/content/bundled.ts';
import { exercises } from '$lib/content/exercises-bundled.ts';

const oldPaths = () => [
  '',
  'exercises',
  'train',
  'author',
  ...lessons.map((l) => `lessons/${l.slug}`),
  ...exercises.map((e) => `exercises/${e.slug}`)
];

export const entries = () => oldPaths().map((path) => ({ path }));

export function load({ params }: { params: { path: string } }) {
  if (!oldPaths().includes(params.path)) error(404, `No page /${params.path}`);
  return { path: `/${params.path}` };
}
