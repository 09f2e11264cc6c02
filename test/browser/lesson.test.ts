// The lesson page in a real browser (Debian's Chromium): keyboard walk through every step of the
// chain lesson against the core's numbers, questions, live editing (with a latency benchmark),
// progress across reloads, the author preview, screenshots, axe, and no console errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, resultsPath, startServer, type Server } from './harness.ts';
import { parseLesson } from '../../src/lib/content/lesson.ts';
import { buildSteps } from '../../src/lib/core/steps.ts';
import { formatPlain } from '../../src/lib/content/format.ts';

const chain = parseLesson(readFileSync('lessons/01-chain.md', 'utf8'), 'lessons/01-chain.md');
const graph = chain.graph!;
const solution = graph.solve();
const steps = buildSteps(graph, solution);

let server: Server;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path: string, options: Parameters<typeof openPage>[1] = {}) {
  const opened = await openPage(browser, options);
  opened.page.on('console', (m) => m.type() === 'error' && pageErrors.push(`${path}: ${m.text()}`));
  opened.page.on('pageerror', (e) => pageErrors.push(`${path}: ${e.message}`));
  opened.page.setDefaultTimeout(10_000);
  await opened.page.goto(server.url + path);
  return opened;
}

/** The lesson page is live once it has restored progress (and written the step into the URL). */
const ready = async (page: Page) => {
  await page.locator('article[data-restored="true"]').waitFor();
  await page.waitForURL(/[?&]step=\d+/);
};
const text = async (page: Page, selector: string) => (await page.locator(selector).first().textContent())?.replace(/\u00a0/g, ' ');
const axeSerious = async (page: Page) =>
  // KaTeX's visual HTML is aria-hidden (its MathML twin is what assistive tech reads) and only inherits colours.
  (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).exclude('.katex-html').analyze()).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);

describe('chain lesson', () => {
  let page: Page;
  beforeAll(async () => {
    ({ page } = await open('/lessons/chain'));
    await ready(page);
  });

  it('walks every step with the keyboard, showing the core numbers', async () => {
    expect(steps.length).toBe(28);
    for (const step of steps) {
      await expect.poll(() => page.url()).toContain(`step=${step.index + 1}`);
      const active = page.locator('.steps.active').first();
      expect(await active.locator('[data-step-value]').textContent()).toBe(formatPlain(step.value));
      expect(await active.locator('[data-step-id]').getAttribute('data-step-id')).toBe(step.id);
      expect(await active.locator('.substituted annotation').textContent()).toBe(`\\displaystyle ${step.substitutedTex}`);
      expect(await page.locator('figure.graph .node.current').first().getAttribute('data-node')).toBe(step.name);
      if (step.pass === 'backward') {
        expect(await text(page, `[data-gradient="${step.name}"]`)).toBe(`∂: ${formatPlain(step.value)}`);
      }
      await page.keyboard.press('ArrowRight');
    }
    await expect.poll(() => page.url()).toContain('step=28');
    await page.keyboard.press('Home');
    await expect.poll(() => page.url()).toContain('step=1');
    expect(await text(page, '[data-value="a3"]')).toBe('?'); // not computed yet at step 1
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.url()).toContain('step=27');
    for (const name of graph.order) expect(await text(page, `[data-value="${name}"]`)).toBe(formatPlain(solution.values[name]));

    // "Show all" lists every step of a panel; a listed step is a button that jumps to it.
    const forward = page.locator('section.steps[data-pass="forward"]');
    await forward.getByLabel('Show all').check();
    await expect.poll(() => forward.locator('ol.all-steps > li').count()).toBe(steps.filter((s) => s.pass === 'forward').length);
    await forward.locator('ol.all-steps > li button').nth(2).click();
    await expect.poll(() => page.url()).toContain('step=3');
    await forward.getByLabel('Show all').uncheck();

    // Each step is a history entry: Back rewinds to the step before, Forward returns.
    await page.locator('body').focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.url()).toContain('step=4');
    await page.goBack();
    await expect.poll(() => page.url()).toContain('step=3');
    await expect.poll(() => page.locator('.steps.active [data-step-id]').getAttribute('data-step-id')).toBe(steps[2].id);
    await page.goForward();
    await expect.poll(() => page.locator('.steps.active [data-step-id]').getAttribute('data-step-id')).toBe(steps[3].id);
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
  });

  it('shows an edge partial on keyboard focus', async () => {
    await page.locator('figure.graph .edge').first().focus();
    await expect.poll(() => page.locator('figure.graph .tip').count()).toBe(1);
    expect(await page.locator('figure.graph .tip annotation').textContent()).toMatch(/\\frac\{\\partial z\^\{\(L-2\)\}\}\{\\partial W\^\{\(L-2\)\}\} = a\^\{\(L-3\)\} = 1/);
  });

  it('marks a wrong answer, then a right one', async () => {
    const question = page.locator('[data-question="dC-dW3"]');
    await question.locator('input').fill('0.1231');
    await question.locator('button[type=submit]').click();
    await expect.poll(() => question.locator('.feedback .bad').textContent()).toMatch(/sign/i);
    await question.locator('input').fill('-0,1231');
    await question.locator('input').press('Enter');
    await expect.poll(() => question.locator('.feedback').textContent()).toMatch(/Correct/);
  });

  it('follows an edit of W(L) everywhere at once, and fast', async () => {
    const edited = graph.solve({ w3: 0.5 });
    const field = page.locator('[data-param="w3"] input.number');
    await field.fill('0.5');
    await expect.poll(() => text(page, '[data-value="a3"]')).toBe(formatPlain(edited.values.a3));
    for (const name of graph.order) {
      expect(await text(page, `[data-gradient="${name}"]`)).toBe(`∂: ${formatPlain(edited.gradients[name])}`);
      // Every gradient depends on W(L) except the loss's own (always 1).
      expect(edited.gradients[name] !== solution.gradients[name]).toBe(name !== 'C');
    }
    // Inline :value[a3] follows too.
    expect(await text(page, '[data-quantity="a3"]')).toBe(formatPlain(edited.values.a3, 6));

    // Benchmark: edit the weight, time until the new ŷ is in the DOM (and until the next frame).
    const timings = await page.evaluate(async () => {
      const input = document.querySelector<HTMLInputElement>('[data-param="w3"] input.number')!;
      const target = document.querySelector('[data-value="a3"]')!;
      const dom: number[] = [];
      const frame: number[] = [];
      for (let k = 0; k < 41; k++) {
        const before = target.textContent;
        const t0 = performance.now();
        const changed = new Promise<number>((done) => {
          const observer = new MutationObserver(() => {
            if (target.textContent !== before) {
              observer.disconnect();
              done(performance.now());
            }
          });
          observer.observe(target, { characterData: true, childList: true, subtree: true });
        });
        input.value = String(0.3 + 0.01 * k);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        const t1 = await changed;
        await new Promise((r) => requestAnimationFrame(() => r(null)));
        dom.push(t1 - t0);
        frame.push(performance.now() - t0);
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
      return { dom: median(dom.slice(1)), frame: median(frame.slice(1)) };
    });
    console.log(`[benchmark] edit W(L) → new numbers in the DOM: median ${timings.dom.toFixed(2)} ms (to the next frame: ${timings.frame.toFixed(2)} ms), 40 edits`);
    expect(timings.dom).toBeLessThan(16);
    await page.getByRole('button', { name: "Back to the lesson's numbers" }).click();
    await expect.poll(() => text(page, '[data-value="a3"]')).toBe(formatPlain(solution.values.a3));
  });

  it('keeps progress across a reload, lists it on the index, and resets it', async () => {
    await page.goto(server.url + '/lessons/chain');
    await ready(page);
    expect(page.url()).toContain('step=27');
    expect(await page.locator('[data-question="dC-dW3"] .feedback').textContent()).toMatch(/Correct/);
    expect(await page.locator('[data-question="dC-dW3"] input').inputValue()).toBe('-0,1231');
    await page.goto(server.url + '/');
    await expect.poll(() => text(page, '[data-lesson="chain"] [data-status]')).toMatch(/28 of 28 steps, 1 of 9 questions right/);
    await page.goto(server.url + '/lessons/chain?step=5');
    await ready(page);
    expect(await page.locator('.steps.active [data-step-id]').getAttribute('data-step-id')).toBe(steps[4].id);
    await page.getByRole('button', { name: 'Reset progress' }).click();
    await expect.poll(() => page.url()).toContain('step=1');
    expect(await page.locator('[data-question="dC-dW3"] .feedback').textContent()).not.toMatch(/Correct/);
  });

  it('hides the value in "try it first" until it is typed', async () => {
    await page.goto(server.url + '/lessons/chain?step=1');
    await ready(page);
    await page.getByLabel('Try it first').first().check();
    const active = page.locator('.steps.active').first();
    await expect.poll(() => active.locator('[data-step-value]').count()).toBe(0);
    await active.locator('form.practice input').fill('0.3');
    await active.locator('form.practice input').press('Enter');
    await expect.poll(() => active.locator('.practice .feedback').textContent()).toMatch(/Not quite/);
    await active.locator('form.practice input').fill('0.32');
    await active.locator('form.practice input').press('Enter');
    await expect.poll(() => active.locator('[data-step-value]').textContent()).toBe('0.32');
    await page.getByLabel('Try it first').first().uncheck();
  });
});

describe('author preview', () => {
  it('shows a broken directive with its line and moves the caret there', async () => {
    const { page } = await open('/author');
    const source = page.locator('#lesson-source');
    await expect.poll(() => page.locator('.preview figure.graph').count()).toBeGreaterThan(0);
    const lines = ['---', 'title: Broken', 'graph:', '  params: { w: 2 }', '  inputs: { x: 3 }', '  nodes:', '    C: (w*x)^2', '  loss: C', '---', '', 'Intro with $w$.', '', '::graph{show="values}', ''];
    await source.fill(lines.join('\n'));
    const item = page.locator('.diagnostics li[data-line="13"]');
    await expect.poll(() => item.textContent(), { timeout: 5000 }).toMatch(/line 13, col 1.*could not be read as a directive/s);
    await item.locator('button').click();
    const caret = await source.evaluate((el: HTMLTextAreaElement) => [el.selectionStart, document.activeElement === el]);
    expect(caret).toEqual([lines.slice(0, 12).join('\n').length + 1, true]);
    await source.press('End');
    await page.keyboard.type(' oops');
    await expect.poll(() => text(page, '.preview .diagnostics')).toMatch(/line 13/);

    // "Open a local file" replaces the source and renders it.
    await page.getByLabel('Open a local file').setInputFiles({ name: 'mine.md', mimeType: 'text/markdown', buffer: Buffer.from(lines.slice(0, 11).join('\n').replace('Broken', 'From disk')) });
    await expect.poll(() => text(page, '.preview-title')).toBe('From disk');
    expect(await page.locator('.preview .diagnostics').count()).toBe(0);
  });
});

describe('looks and accessibility', () => {
  for (const width of [375, 1280]) {
    it(`renders at ${width}px without page-wide horizontal scrolling; screenshots saved`, async () => {
      const { page, context } = await open('/lessons/chain?step=13', { width, height: 900 });
      await ready(page);
      await page.screenshot({ path: resultsPath('screenshots', `chain-${width}.png`), fullPage: width === 375 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.goto(server.url + '/author');
      await page.locator('.preview figure.graph').first().waitFor();
      await page.screenshot({ path: resultsPath('screenshots', `author-${width}.png`) });
      await context.close();
    });
  }

  it('has no page-wide horizontal scrolling from 360px to 1920px', async () => {
    const { page, context } = await open('/lessons/two-layer-network?step=20', { width: 360 });
    for (const width of [360, 1920]) {
      await page.setViewportSize({ width, height: 900 });
      for (const path of ['/lessons/two-layer-network?step=20', '/', '/author']) {
        await page.goto(server.url + path);
        await page.locator('main h1').waitFor();
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${path} at ${width}px`).toBeLessThanOrEqual(width);
      }
    }
    await context.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe violations (${colorScheme})`, async () => {
      const { page, context } = await open('/lessons/chain?step=12', { colorScheme });
      await ready(page);
      expect(await axeSerious(page)).toEqual([]);
      await page.goto(server.url + '/lessons/two-layer-network');
      await ready(page);
      expect(await axeSerious(page)).toEqual([]);
      await page.goto(server.url + '/');
      expect(await axeSerious(page)).toEqual([]);
      await page.goto(server.url + '/author');
      await page.locator('.preview figure.graph').first().waitFor();
      expect(await axeSerious(page)).toEqual([]);
      if (colorScheme === 'dark') await page.screenshot({ path: resultsPath('screenshots', 'author-dark-1280.png') });
      await context.close();
    });
  }

  it('logged no console errors on any page', () => {
    expect(pageErrors).toEqual([]);
  });
});
