// How the checker's messages carry maths. The words themselves are in messages/en.json and
// messages/es.json (check_*, misc_*), called with an explicit locale (core never reads a global one).
// Maths inside a message (a name in the exercise's notation, an expression) is kept as TeX between
// two marks, so one message gives both the page's text with $…$ segments (typeset by KaTeX) and
// plain text for CSV and terminals.
import { texToPlain } from '../steps.ts';
import type { Lang } from '../lang.ts';

const OPEN = '\uE000';
const CLOSE = '\uE001';
const segment = /\uE000([^\uE000\uE001]*)\uE001/g;

/** A piece of TeX inside a message: W^{(L)}, \\partial C_0/\\partial a^{(L)}. */
export const math = (tex: string) => `${OPEN}${tex}${CLOSE}`;

/** The message as plain text: its maths written out (W^(L), ∂C_0/∂a^(L), σ, η). */
export const asPlain = (message: string) => message.replace(segment, (_, tex: string) => texToPlain(tex));

/** The message as text with $…$ maths, for a page that typesets it. */
export const asTex = (message: string) => message.replace(segment, (_, tex: string) => `$${tex}$`);

/** A message in the reader's language: the checker builds these once and words them per check. */
export type Wording = (lang: Lang) => string;
