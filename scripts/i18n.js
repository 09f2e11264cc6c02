// The interface messages (messages/en.json, messages/es.json) and their compilation by Paraglide JS
// into src/lib/paraglide/ (generated, git-ignored). One place for the Paraglide options, read by the
// Vite plugin (vite.config.ts: build, dev, vitest) and by `npm run prepare` / the CLI build.
// Paraglide falls back silently to English when a Spanish message is missing, so checkMessages()
// is our own check: every key in every language, the same {placeholders}, snake_case keys with an
// area prefix. It runs before each compilation and fails it. `node scripts/i18n.js` checks and compiles.
import { readFileSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** What Paraglide is given (the plugin, @inlang/plugin-message-format, is loaded from node_modules by project.inlang/settings.json). */
export const paraglideOptions = {
  project: './project.inlang',
  outdir: './src/lib/paraglide',
  // Pages are /en/… and /es/…; core code never asks: it passes { locale } to each message.
  strategy: /** @type {['url', 'baseLocale']} */ (['url', 'baseLocale'])
};

/** The areas a key starts with (snake_case after the prefix). */
export const keyAreas = ['nav', 'lesson', 'exercise', 'train', 'author', 'check', 'misc', 'plot', 'descent', 'perceptron', 'matrix', 'optim', 'init', 'reg', 'loop', 'grade'];

const settingsFile = (dir) => join(dir, 'project.inlang', 'settings.json');

/** The languages and message files named by the inlang project in `dir`. */
export function messageFiles(dir = root) {
  const settings = JSON.parse(readFileSync(settingsFile(dir), 'utf8'));
  const pattern = settings['plugin.inlang.messageFormat'].pathPattern;
  return settings.locales.map((locale) => ({ locale, file: join(dir, pattern.replace('{locale}', locale)) }));
}

/** 1-based line and column of a key's quotes in a JSON text (the first occurrence as a key). */
function keyPosition(text, key) {
  const quoted = JSON.stringify(key).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const at = text.search(new RegExp(`${quoted}\\s*:`));
  if (at < 0) return { line: 1, column: 1 };
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** The {names} a message uses (plain strings, or the variants of a plural/select message). */
function placeholders(value) {
  const names = new Set();
  const walk = (v) => {
    if (typeof v === 'string') for (const m of v.matchAll(/\{\s*([A-Za-z_][\w]*)\s*\}/g)) names.add(m[1]);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      // plural/select: `declarations` ("input count", "local n = count: plural") name inputs too
      for (const [k, inner] of Object.entries(v)) {
        if (k === 'declarations' && Array.isArray(inner)) for (const d of inner) { const m = /^input\s+(\w+)/.exec(d); if (m) names.add(m[1]); }
        else if (k !== 'selectors') walk(inner);
      }
    }
  };
  walk(value);
  return [...names].sort();
}

/**
 * Every problem with the message files, as `file:line:col: message` lines (empty when all is well):
 * a key missing in a language, a message whose {placeholders} differ between languages, an empty
 * message, a key that is not snake_case with a known area prefix, a file that is not JSON.
 */
export function checkMessages(dir = root) {
  const problems = [];
  const loaded = [];
  for (const { locale, file } of messageFiles(dir)) {
    const shown = relative(process.cwd(), file) || file;
    let text;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      problems.push(`${shown}:1:1: the ${locale} message file is missing`);
      continue;
    }
    let json;
    try {
      json = JSON.parse(text);
    } catch (err) {
      const pos = /position (\d+)/.exec(err.message);
      const before = text.slice(0, pos ? Number(pos[1]) : 0).split('\n');
      problems.push(`${shown}:${before.length}:${before[before.length - 1].length + 1}: not valid JSON (${err.message})`);
      continue;
    }
    const messages = Object.fromEntries(Object.entries(json).filter(([k]) => k !== '$schema'));
    loaded.push({ locale, shown, text, messages });
  }
  const where = (l, key) => { const p = keyPosition(l.text, key); return `${l.shown}:${p.line}:${p.column}`; };
  const keyShape = new RegExp(`^(${keyAreas.join('|')})_[a-z0-9]+(_[a-z0-9]+)*$`);
  for (const l of loaded) {
    for (const [key, value] of Object.entries(l.messages)) {
      if (!keyShape.test(key)) problems.push(`${where(l, key)}: key "${key}" is not snake_case starting with an area (${keyAreas.map((a) => a + '_').join(', ')})`);
      if (value === '' || value == null) problems.push(`${where(l, key)}: message "${key}" is empty`);
      for (const other of loaded) {
        if (other === l) continue;
        if (!(key in other.messages)) problems.push(`${where(l, key)}: message "${key}" exists in ${l.locale} but not in ${other.locale} (${other.shown})`);
        else if (l.locale < other.locale) {
          const mine = placeholders(value).join(', ');
          const theirs = placeholders(other.messages[key]).join(', ');
          if (mine !== theirs) problems.push(`${where(other, key)}: message "${key}" uses {${theirs}} in ${other.locale} but {${mine}} in ${l.locale}`);
        }
      }
    }
  }
  return problems;
}

/** Is src/lib/paraglide/ there and newer than the settings and every message file? */
export function messagesAreCompiled(dir = root) {
  try {
    const built = statSync(join(dir, paraglideOptions.outdir, 'messages.js')).mtimeMs;
    return [settingsFile(dir), ...messageFiles(dir).map((f) => f.file)].every((f) => statSync(f).mtimeMs <= built);
  } catch {
    return false;
  }
}

/** Compile in this process (the inlang SDK leaves file handles open for ~40 s: exit afterwards). */
async function compileHere(dir) {
  const problems = checkMessages(dir);
  if (problems.length) throw new Error(`interface messages: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${problems.join('\n')}`);
  const { compile } = await import('@inlang/paraglide-js');
  await compile({ ...paraglideOptions, project: join(dir, paraglideOptions.project), outdir: join(dir, paraglideOptions.outdir) });
}

/**
 * Check the messages, then compile them with Paraglide, in a child process (see compileHere);
 * throws with every problem listed when a check fails. The CLI build calls this.
 */
export function compileMessages({ quiet = false, dir = root } = {}) {
  const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), dir], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error((run.stderr || run.stdout || `paraglide compile failed (${run.signal ?? run.status})`).trim());
  if (!quiet && run.stdout.trim()) console.log(run.stdout.trim());
}

/** A Vite plugin that fails the build (and stops dev/vitest) when the messages do not check. */
export function checkMessagesPlugin() {
  return {
    name: 'backstep-check-messages',
    buildStart() {
      const problems = checkMessages();
      if (problems.length) this.error(`interface messages: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${problems.join('\n')}`);
    }
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    await compileHere(process.argv[2] ?? root);
    process.exit(0);
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
