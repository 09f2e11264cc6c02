// Shared harness for browser tests: Debian's Chromium through playwright-core, and the static
// site built once (vite build → build/) and served from a snapshot on a free port.
// Under `npm test` the browser project's globalSetup (global-setup.ts) starts the server once and
// hands its URL to every browser test file; run alone, a test file starts its own.
import { spawnSync } from 'node:child_process';
import { createServer as createHttpServer } from 'node:http';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import AxeBuilder from '@axe-core/playwright';

export const root = resolve(import.meta.dirname, '..', '..');
export const resultsDir = join(root, 'test-results');
const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface LaunchOptions {
  /** Turn on WebGPU (software adapter when there is no GPU), for the /train page. */
  webgpu?: boolean;
}

/**
 * The served site and one browser for a whole test file: started before its tests, closed after.
 * Read `site.server` and `site.browser` inside tests and hooks (they are set once the file starts).
 */
export function useSite(options: LaunchOptions = {}): { server: Server; browser: Browser } {
  const site = {} as { server: Server; browser: Browser };
  beforeAll(async () => {
    site.server = await startServer();
    site.browser = await launchBrowser(options);
  });
  afterAll(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  return site;
}

/** A headless Chromium with a fresh profile; closing the browser removes the profile. */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const args = ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
  if (options.webgpu) args.push('--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-vulkan=swiftshader', '--use-webgpu-adapter=swiftshader', '--ignore-gpu-blocklist');
  // Playwright gives every launch its own temporary user-data dir.
  return chromium.launch({ executablePath: chromiumPath, args, headless: true });
}

/** A page that records console errors and uncaught exceptions, so tests can require none. */
export async function openPage(
  browser: Browser,
  options: { width?: number; height?: number; colorScheme?: 'light' | 'dark'; locale?: string } = {}
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    colorScheme: options.colorScheme ?? 'light',
    // The browser's language (navigator.languages, Accept-Language): `/` picks the page's language from it.
    locale: options.locale ?? 'en-US',
    reducedMotion: 'reduce'
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  return { context, page, errors };
}

/** Build the static site into build/ (what `npm run build` does). */
export function buildSite() {
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
}

export interface Server {
  url: string;
  close(): Promise<void>;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.txt': 'text/plain',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.wasm': 'application/wasm', '.bin': 'application/octet-stream'
};

/**
 * Serve a copy of build/ the way a static host does (/en/lessons/chain → en/lessons/chain.html, unknown
 * paths → 200.html). The copy keeps the run independent of anyone rebuilding build/ meanwhile.
 */
export async function serveBuild(): Promise<Server> {
  const site = mkdtempSync(join(tmpdir(), 'backstep-site-'));
  cpSync(join(root, 'build'), site, { recursive: true });
  const find = (pathname: string): string | null => {
    const clean = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
    if (clean.startsWith('..')) return null;
    for (const candidate of [clean, `${clean}.html`, join(clean, 'index.html')]) {
      const file = join(site, candidate);
      if (existsSync(file) && statSync(file).isFile()) return file;
    }
    return null;
  };
  const server = createHttpServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    const file = find(pathname);
    if (!file && extname(pathname)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const served = file ?? join(site, '200.html'); // the SPA fallback, as adapter-static expects
    res.writeHead(200, { 'content-type': contentTypes[extname(served)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(served));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => {
          rmSync(site, { recursive: true, force: true });
          done();
        });
      })
  };
}

let own: Promise<Server> | undefined;

/**
 * The site's base URL. Inside `npm test` this is the server globalSetup started (built once for
 * all browser test files); otherwise the first call builds and serves, later calls reuse it.
 */
export async function startServer(): Promise<Server> {
  let provided: string | undefined;
  try {
    provided = inject('backstepBaseUrl' as never) as string | undefined;
  } catch {
    provided = undefined;
  }
  if (provided) return { url: provided, close: async () => {} };
  own ??= (async () => {
    buildSite();
    return serveBuild();
  })();
  return own;
}

/** A fresh, empty directory under test-results/ (screenshots and other artefacts go here). */
export function resultsPath(...parts: string[]): string {
  const path = join(resultsDir, ...parts);
  mkdirSync(join(path, '..'), { recursive: true });
  return path;
}

/** A throwaway directory (for downloads or files a test uploads). */
export function scratchDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'backstep-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Serious and critical axe violations (WCAG 2.1 A and AA; KaTeX's visual layer excluded, its MathML is read), as `id: targets`. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).exclude('.katex-html').analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

/** How many pixels the page scrolls sideways (0 when it fits the window's width). */
export const sidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
