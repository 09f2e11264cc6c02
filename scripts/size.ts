// `npm run size`: how much JavaScript a lesson page makes the browser download, gzipped. Reads the
// built site (build/): starts from each lesson page's modulepreload links and inline import()s,
// follows static imports inside the chunks (not dynamic ones: those load only when used), and sums
// the gzipped bytes. Goal: ≤ 350 KB for a lesson page, KaTeX and mathjs included.
//   npm run size             (builds first)        npx tsx scripts/size.ts --json
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { langs } from '../src/lib/core/lang.ts';

const root = resolve(import.meta.dirname, '..');
const build = join(root, 'build');
const goalKB = 350;

if (!existsSync(build)) {
  console.error('size: no build/ folder; run `npm run build` first');
  process.exit(2);
}

const gz = (file: string) => gzipSync(readFileSync(file)).length;

/** Resolve a URL from a page or chunk to a file under build/. */
function toFile(from: string, url: string): string {
  if (url.startsWith('/')) return join(build, url);
  return resolve(dirname(from), url);
}

const staticImports = (code: string) => {
  const found = new Set<string>();
  // Minified ESM: import{a as b}from"./x.js";  import"./y.js";  export{c}from"./z.js"
  for (const m of code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["']([^"']+\.js)["']/g)) found.add(m[1]);
  return [...found];
};

function pageJavaScript(page: string): Set<string> {
  const html = readFileSync(page, 'utf8');
  const queue: string[] = [];
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*>/g)) {
    const href = /href="([^"]+)"/.exec(m[0])?.[1];
    if (href) queue.push(toFile(page, href));
  }
  for (const m of html.matchAll(/<script[^>]*src="([^"]+)"/g)) queue.push(toFile(page, m[1]));
  for (const m of html.matchAll(/import\("([^"]+)"\)/g)) queue.push(toFile(page, m[1]));
  const seen = new Set<string>();
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const url of staticImports(code)) queue.push(resolve(dirname(file), url));
    // SvelteKit's client always loads the root layout and root error page (nodes 0 and 1) when it
    // starts, through import()s in the app entry; count them too.
    if (/\/entry\/app\.[^/]*\.js$/.test(file)) {
      for (const m of code.matchAll(/import\(["'`](\.\.\/nodes\/[01]\.[^"'`]+\.js)["'`]\)/g)) queue.push(resolve(dirname(file), m[1]));
    }
  }
  return seen;
}

function pageStyles(page: string): string[] {
  const html = readFileSync(page, 'utf8');
  return [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*>/g)].map((m) => toFile(page, /href="([^"]+)"/.exec(m[0])![1])).filter(existsSync);
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const lessonPages = langs.flatMap((lang) => {
  const dir = join(build, lang, 'lessons');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.html')).map((f) => ({ lang, page: join(dir, f) })) : [];
});
if (!lessonPages.length) {
  console.error(`size: no lesson pages under build/{${langs.join(',')}}/lessons/`);
  process.exit(2);
}
const rows = lessonPages.map(({ lang, page }) => {
  const js = [...pageJavaScript(page)];
  const sizes = js.map((f) => ({ file: posix.normalize(relative(build, f)), gzip: gz(f) })).sort((a, b) => b.gzip - a.gzip);
  return { lang, page: relative(build, page), files: sizes, js: sizes.reduce((n, s) => n + s.gzip, 0), css: pageStyles(page).reduce((n, f) => n + gz(f), 0) };
});

const json = process.argv.includes('--json');
if (json) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  for (const row of rows) {
    console.log(`${row.page}: ${kb(row.js)} of JavaScript gzipped in ${row.files.length} files (+ ${kb(row.css)} CSS; KaTeX fonts load on demand)`);
    for (const f of row.files.slice(0, 5)) console.log(`    ${kb(f.gzip).padStart(9)}  ${f.file}`);
  }
}
let over = false;
for (const lang of langs) {
  const mine = rows.filter((r) => r.lang === lang);
  if (!mine.length) continue;
  const worst = mine.reduce((a, b) => (b.js > a.js ? b : a));
  const ok = worst.js <= goalKB * 1024;
  over ||= !ok;
  if (!json) console.log(`largest lesson page (${lang}): ${worst.page}, ${kb(worst.js)} gzipped JavaScript (goal ≤ ${goalKB} KB): ${ok ? 'ok' : 'OVER'}`);
}
process.exitCode = over ? 1 : 0;
