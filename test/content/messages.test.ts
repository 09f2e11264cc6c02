// Every interface message exists in both languages with the same {placeholders}; the check that
// fails the build (scripts/i18n.js) reports a key present in one language only at file:line:col.
import { describe, expect, test } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkMessages, keyAreas } from '../../scripts/i18n.js';
import { m } from '$lib/paraglide/messages.js';
import { langs } from '$lib/core/lang.ts';

const root = join(import.meta.dirname, '..', '..');
const messages = (lang: string) => JSON.parse(readFileSync(join(root, 'messages', `${lang}.json`), 'utf8')) as Record<string, unknown>;

/** A throw-away inlang project with the given message files. */
function project(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'backstep-messages-'));
  mkdirSync(join(dir, 'project.inlang'));
  mkdirSync(join(dir, 'messages'));
  writeFileSync(join(dir, 'project.inlang', 'settings.json'), readFileSync(join(root, 'project.inlang', 'settings.json')));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'messages', name), text);
  return dir;
}

describe('interface messages', () => {
  test('the repository has every key in every language, with the same placeholders', () => {
    expect(checkMessages(root)).toEqual([]);
    const keys = langs.map((l) => Object.keys(messages(l)).sort());
    expect(keys[0].length).toBeGreaterThan(1);
    for (const k of keys) expect(k).toEqual(keys[0]);
  });

  test('every message is compiled and words differently per language where the files do', () => {
    const en = messages('en');
    const es = messages('es');
    for (const key of Object.keys(en).filter((k) => k !== '$schema')) {
      const fn = (m as unknown as Record<string, (p: object, o: { locale: string }) => string>)[key];
      expect(fn, key).toBeTypeOf('function');
      if (typeof en[key] === 'string' && !/\{/.test(en[key] as string)) {
        expect(fn({}, { locale: 'en' })).toBe(en[key]);
        expect(fn({}, { locale: 'es' })).toBe(es[key]);
      }
    }
  });

  test('a key in one language only is reported at its file:line:col', () => {
    const dir = project({
      'en.json': '{\n  "lesson_a": "A",\n  "lesson_only_english": "B"\n}\n',
      'es.json': '{\n  "lesson_a": "A es"\n}\n'
    });
    const problems = checkMessages(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/messages\/en\.json:3:3: message "lesson_only_english" exists in en but not in es/);
  });

  test('placeholders that differ, empty messages, bad keys and broken JSON are reported', () => {
    const dir = project({
      'en.json': '{\n  "check_close": "within {tolerance} of {value}",\n  "check_empty": "",\n  "Bad-Key": "x",\n  "footer_x": "y"\n}\n',
      'es.json': '{\n  "check_close": "a {tolerancia} de {value}",\n  "check_empty": "vacío",\n  "Bad-Key": "x",\n  "footer_x": "y"\n}\n'
    });
    const problems = checkMessages(dir).join('\n');
    expect(problems).toMatch(/es\.json:2:3: message "check_close" uses \{tolerancia, value\} in es but \{tolerance, value\} in en/);
    expect(problems).toMatch(/en\.json:3:3: message "check_empty" is empty/);
    expect(problems).toMatch(/en\.json:4:3: key "Bad-Key" is not snake_case/);
    expect(problems).toMatch(/en\.json:5:3: key "footer_x" is not snake_case starting with an area/);
    expect(keyAreas).toContain('check');
    const broken = project({ 'en.json': '{\n  "lesson_a": "A",\n}\n', 'es.json': '{ "lesson_a": "a" }' });
    expect(checkMessages(broken).join('\n')).toMatch(/en\.json:\d+:\d+: not valid JSON/);
  });
});
