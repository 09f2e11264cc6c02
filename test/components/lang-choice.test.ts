// The language chooser's redirect script (run as it stands in the prerendered page) and the path helpers.
import { describe, expect, it } from 'vitest';
import { langRedirectScript, withLang, withoutLang } from '../../src/lib/lang-choice.ts';

/** Runs the inline script against a fake browser and returns where it sent the visitor. */
function redirect(options: { stored?: string | null; languages?: string[]; language?: string; path?: string; search?: string; hash?: string }) {
  let target: string | null = null;
  const localStorage = { getItem: (key: string) => (key === 'backstep:lang' ? (options.stored ?? null) : null) };
  const navigator = { languages: options.languages, language: options.language };
  const location = { pathname: options.path ?? '/', search: options.search ?? '', hash: options.hash ?? '', replace: (url: string) => (target = url) };
  new Function('localStorage', 'navigator', 'location', langRedirectScript)(localStorage, navigator, location);
  return target;
}

describe('language redirect script', () => {
  it('follows the stored choice first', () => {
    expect(redirect({ stored: '"es"', languages: ['en-US'] })).toBe('/es');
    expect(redirect({ stored: '"en"', languages: ['es-ES'] })).toBe('/en');
  });
  it('otherwise takes the first browser language Backstep has', () => {
    expect(redirect({ languages: ['fr-FR', 'es-AR', 'en'] })).toBe('/es');
    expect(redirect({ languages: ['ES'] })).toBe('/es');
    expect(redirect({ language: 'es-MX' })).toBe('/es');
    expect(redirect({ languages: ['de', 'fr'] })).toBe('/en');
    expect(redirect({})).toBe('/en');
  });
  it('ignores a stored value that is not a language, or not JSON', () => {
    expect(redirect({ stored: '"fr"', languages: ['es'] })).toBe('/es');
    expect(redirect({ stored: 'es', languages: ['en'] })).toBe('/en');
  });
  it('keeps the path, the query and the hash of an old address', () => {
    expect(redirect({ stored: '"es"', path: '/lessons/chain', search: '?step=3', hash: '#q' })).toBe('/es/lessons/chain?step=3#q');
  });
});

describe('path helpers', () => {
  it('adds and removes the language segment', () => {
    expect(withLang('es', '/')).toBe('/es');
    expect(withLang('en', '/lessons/chain', '?step=2')).toBe('/en/lessons/chain?step=2');
    expect(withoutLang('/es/lessons/chain')).toBe('/lessons/chain');
    expect(withoutLang('/es')).toBe('/');
    expect(withoutLang('/lessons/chain')).toBe('/lessons/chain');
  });
});
