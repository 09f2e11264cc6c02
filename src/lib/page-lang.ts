// The language of the page being shown, for Paraglide's messages (`m.key()` without a locale) in
// components: the root layout sets it from the path (/es/… → es) before anything below it renders.
// Prerendering renders one page at a time synchronously, so one module variable is enough; the
// language only changes in the browser through a full page load (the header's switch).
import { overwriteGetLocale } from './paraglide/runtime.js';
import { baseLang, type Lang } from './core/lang.ts';

let current: Lang = baseLang;
overwriteGetLocale(() => current);

export function setPageLang(lang: Lang) {
  current = lang;
}
