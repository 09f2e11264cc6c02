// Lessons and exercises in two languages: `NN-slug.md` is English and `NN-slug.es.md` beside it is
// the Spanish sibling (same slug). This module pairs the files by slug and picks the file to show
// for a language, falling back to the other language (with a flag the page shows) when a
// translation is missing. Used by the bundled lessons/exercises (pages) and the CLI alike.
import { baseLang, langs, type Lang } from '../core/lang.ts';

/** The language suffix a file name carries (`.es.md`); English files have none. */
const langSuffix = new RegExp(`\\.(${langs.join('|')})\\.(md|markdown)$`, 'i');

/** The language a lesson or exercise file is written in, from its name. */
export function fileLang(path: string): Lang {
  const m = langSuffix.exec(path);
  return m ? (m[1].toLowerCase() as Lang) : baseLang;
}

/** The slug both language versions share: `lessons/01-chain.es.md` → `chain`. */
export const slugOf = (path: string) =>
  path.replace(/^.*\//, '').replace(langSuffix, '').replace(/\.(md|markdown)$/i, '').replace(/^\d+-/, '');

/** The path of a file's sibling in `lang`: `lessons/01-chain.md` → `lessons/01-chain.es.md` and back. */
export function siblingPath(path: string, lang: Lang): string {
  const base = path.replace(langSuffix, '.$2');
  return lang === baseLang ? base : base.replace(/\.(md|markdown)$/i, `.${lang}.$1`);
}

/** One lesson or exercise: its slug and the file written in each language it exists in. */
export interface TranslatedFiles {
  slug: string;
  files: Partial<Record<Lang, string>>;
}

/** Group file paths by slug (a folder of `.md` and `.es.md` files → one entry per lesson). */
export function pairTranslations(paths: string[]): TranslatedFiles[] {
  const bySlug = new Map<string, TranslatedFiles>();
  for (const path of [...paths].sort()) {
    const slug = slugOf(path);
    const entry = bySlug.get(slug) ?? { slug, files: {} };
    entry.files[fileLang(path)] = path;
    bySlug.set(slug, entry);
  }
  return [...bySlug.values()];
}

/** Which file to show for a language: the one written in it, else the other language's (fallback). */
export interface PickedTranslation {
  file: string;
  /** The language the file is written in. */
  lang: Lang;
  /** The language that was asked for. */
  wanted: Lang;
  /** True when the file is not in the wanted language (the page says so). */
  fallback: boolean;
  /** The languages this lesson exists in. */
  available: Lang[];
}

export function pickTranslation(entry: TranslatedFiles, wanted: Lang): PickedTranslation {
  const available = langs.filter((l) => entry.files[l] !== undefined);
  const lang = entry.files[wanted] !== undefined ? wanted : entry.files[baseLang] !== undefined ? baseLang : available[0];
  return { file: entry.files[lang]!, lang, wanted, fallback: lang !== wanted, available };
}

/** Files with a language suffix (`.es.md`) are translations of another file, not lessons of their own. */
export const isTranslation = (path: string) => langSuffix.test(path);
