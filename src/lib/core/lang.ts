// The languages Backstep is written in. Core code never reads a global "current language": every
// function that words something for a reader (a checker message, a number with its decimal
// separator, a grade's feedback) takes a Lang, so the CLI and the pages can ask for either.
export const langs = ['en', 'es'] as const;
export type Lang = (typeof langs)[number];

/** The language a file or message falls back to when a translation is missing. */
export const baseLang: Lang = 'en';

export const isLang = (value: unknown): value is Lang => typeof value === 'string' && (langs as readonly string[]).includes(value);

/** Each language's name in itself, for a language switch. */
export const langNames: Record<Lang, string> = { en: 'English', es: 'Español' };
