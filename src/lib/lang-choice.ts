// Which language a visitor gets at `/` and at an old, unprefixed URL (/lessons/chain): the one they
// last chose (kept in the browser), else the first of the browser's languages we have, else
// English. The choice runs as an inline script in the prerendered page, before any app code, so
// the redirect costs no round trip through the framework; `langRedirectScript` is that script.
import { Persisted } from './persisted.ts';
import { baseLang, isLang, langs, type Lang } from './core/lang.ts';

/** The language the student last used (set by the header's switch and by opening a page in it). */
export const langChoice = new Persisted<Lang>('backstep:lang', isLang);

/** `/lessons/chain?step=3` in `lang` → `/es/lessons/chain?step=3`; `/` → `/es`. */
export const withLang = (lang: Lang, pathname: string, search = '', hash = '') =>
  `/${lang}${pathname === '/' ? '' : pathname}${search}${hash}`;

/** `/en/lessons/chain` → `/lessons/chain`; a path without a language comes back unchanged. */
export function withoutLang(pathname: string): string {
  const [, first, ...rest] = pathname.split('/');
  return isLang(first) ? `/${rest.join('/')}` : pathname;
}

/**
 * Plain ES5 run as it stands in the page (reads the same key Persisted writes, as JSON). It replaces
 * the current history entry, so Back does not land on the redirect again.
 */
export const langRedirectScript = `(function () {
  var langs = ${JSON.stringify(langs)}, lang = null;
  try { lang = JSON.parse(localStorage.getItem(${JSON.stringify(langChoice.key)}) || 'null'); } catch (e) {}
  if (langs.indexOf(lang) < 0) {
    lang = ${JSON.stringify(baseLang)};
    var wanted = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ''];
    for (var i = 0; i < wanted.length; i++) {
      var code = String(wanted[i]).slice(0, 2).toLowerCase();
      if (langs.indexOf(code) >= 0) { lang = code; break; }
    }
  }
  var path = location.pathname === '/' ? '' : location.pathname;
  location.replace('/' + lang + path + location.search + location.hash);
})();`;
