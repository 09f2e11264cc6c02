// The lesson page in a real browser (Debian's Chromium): the workbench (graph, step, controls) on
// screen at every step at 1280×800 and 375×812, keyboard walk through every step against the
// core's numbers, no spoilers, verdicts that follow edits, live editing (with a latency
// benchmark), progress across reloads, the author preview, screenshots, axe, no console errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, resultsPath, startServer, type Server } from './harness.ts';
import { parseLesson } from '../../src/lib/content/lesson.ts';
import { buildSteps } from '../../src/lib/core/steps.ts';
import { formatNumber } from '../../src/lib/core/expr.ts';
import { evaluateQuantity } from '../../src/lib/core/quantity.ts';
import { formatPlain } from '../../src/lib/content/format.ts';
import { stepsOfExpr, walkedSteps } from '../../src/lib/content/lesson-steps.ts';

function lessonUnderTest(slug: string, file: string) {
  const parsed = parseLesson(readFileSync(file, 'utf8'), file);
  const graph = parsed.graph!;
  const solution = graph.solve();
  const steps = walkedSteps(buildSteps(graph, solution), graph, parsed);
  const questions = parsed.questions.flatMap((q) => (q.kind === 'number' ? [{ id: q.id, expr: q.expr, value: evaluateQuantity(q.expr, solution), steps: stepsOfExpr(graph, q.expr) }] : []));
  return { slug, parsed, graph, solution, steps, questions };
}
const lessonsUnderTest = [lessonUnderTest('chain', 'lessons/01-chain.md'), lessonUnderTest('two-layer-network', 'lessons/03-two-layer-network.md')];
const [chain] = lessonsUnderTest;
const { graph, solution, steps } = chain;
/** How the graph writes numbers: four significant digits, ×10ⁿ below 0.001. */
const short = (v: number) => formatPlain(v, 4, 1e-3);
const sizes = [
  { width: 1280, height: 800 },
  { width: 375, height: 812 }
];

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

/** Is the element fully inside the viewport? */
const onScreen = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.top >= -1 && r.left >= -1 && r.bottom <= innerHeight + 1 && r.right <= innerWidth + 1;
  });
/** The graph's viewport is on screen at least in good part (it may be taller than what a phone shows of it). */
const graphOnScreen = (page: Page) =>
  page.locator('.workbench .viewport').evaluate((el) => {
    const r = el.getBoundingClientRect();
    const visible = Math.min(r.bottom, innerHeight) - Math.max(r.top, 0);
    const ok = r.left >= -1 && r.right <= innerWidth + 1 && visible >= Math.min(r.height, 140);
    return ok || `viewport ${JSON.stringify(r)} in ${innerWidth}×${innerHeight}, scrollY ${scrollY}`;
  });

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
    ({ page } = await open('/en/lessons/chain'));
    await ready(page);
  });

  it('walks every step with the keyboard, showing the core numbers once reached', async () => {
    // No ∂C/∂x or ∂C/∂y step: no question asks for the gradient of an input or the target.
    expect(steps.length).toBe(26);
    expect(steps.some((s) => s.id === 'backward:x' || s.id === 'backward:y')).toBe(false);
    const asked = new Set(chain.questions.flatMap((q) => q.steps));
    for (const step of steps) {
      await expect.poll(() => page.url()).toContain(`step=${step.index + 1}`);
      const bench = page.locator('.workbench');
      expect(await bench.locator('[data-step-id]').getAttribute('data-step-id')).toBe(step.id);
      expect(await page.locator('.workbench .node.current').first().getAttribute('data-node')).toBe(step.name);
      if (asked.has(step.id)) {
        // A question on the page asks for this value: it waits as "?" until answered or shown.
        expect(await bench.locator('[data-step-value]').count()).toBe(0);
        await bench.getByRole('button', { name: 'show the result' }).click();
      }
      if (step.substitutedTex !== step.formulaTex) expect(await bench.locator('[data-step-value]').textContent()).toBe(formatPlain(step.value));
      if (step.substitutedTex !== step.formulaTex) expect(await bench.locator('.substituted annotation').textContent()).toBe(`\\displaystyle ${step.substitutedTex}`);
      if (step.pass === 'backward') expect(await text(page, `[data-gradient="${step.name}"]`)).toBe(`∂ ${short(step.value)}`);
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press('ArrowRight');
    }
    await expect.poll(() => page.url()).toContain(`step=${steps.length}`);
    // Home and End act only inside the workbench.
    await page.keyboard.press('Home');
    expect(page.url()).toContain(`step=${steps.length}`);
    await page.locator('.workbench').getByRole('button', { name: '← Previous' }).focus();
    await page.keyboard.press('Home');
    await expect.poll(() => page.url()).toContain('step=1');
    expect(await text(page, '[data-value="a3"]')).toBe('?'); // not computed yet at step 1
    await page.keyboard.press('End');
    await expect.poll(() => page.url()).toContain(`step=${steps.length}`);
    for (const name of graph.order) expect(await text(page, `[data-value="${name}"]`)).toBe(short(solution.values[name]));
    // ∂C/∂C = 1 is said once, not as formula, numbers and result.
    await page.goto(server.url + `/en/lessons/chain?step=${steps.find((s) => s.id === 'backward:C')!.index + 1}`);
    await ready(page);
    expect(await page.locator('.workbench .step .tex-display').count()).toBe(1);
  });

  it('keeps the graph one tab stop, with arrow keys moving among its boxes and arrows', async () => {
    await page.locator('.workbench [data-next]').focus();
    await page.keyboard.press('End');
    await expect.poll(() => page.url()).toContain(`step=${steps.length}`);
    await page.locator('.workbench [data-rove][tabindex="0"]').focus();
    const url = page.url();
    const focusedRove = () => page.evaluate(() => document.activeElement?.getAttribute('data-rove'));
    expect(await focusedRove()).toBe('0');
    await page.keyboard.press('ArrowRight');
    expect(await focusedRove()).toBe('1');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowLeft');
    expect(await focusedRove()).toBe('1');
    expect(page.url()).toBe(url); // arrows in the graph move focus, not the walk
    expect(await page.locator('.workbench [data-rove][tabindex="0"]').count()).toBe(1);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('svg') === null)).toBe(true);
    // An edge shows its local partial on focus, with the number only once the walk has reached it.
    await page.locator('.workbench .edge').first().focus();
    await expect.poll(() => page.locator('.workbench .tip').count()).toBe(1);
    expect(await page.locator('.workbench .tip annotation').textContent()).toMatch(/\\frac\{\\partial z\^\{\(L-2\)\}\}\{\\partial W\^\{\(L-2\)\}\} = a\^\{\(L-3\)\} = 1/);
  });

  it('marks a wrong answer, then a right one, and marks it again after an edit of W(L)', async () => {
    const question = page.locator('[data-question="dC-dW3"]');
    await question.locator('input').fill('0.1231');
    await question.locator('button[type=submit]').click();
    await expect.poll(() => question.locator('.feedback .bad').textContent()).toMatch(/sign/i);
    // The checker's feedback is typeset in the lesson's notation.
    expect(await question.locator('.feedback .katex').count()).toBeGreaterThan(0);
    await question.locator('input').fill('-0,1231');
    await question.locator('input').press('Enter');
    await expect.poll(() => question.locator('.feedback').textContent()).toMatch(/Correct/);
    await page.getByRole('button', { name: 'Change the numbers in the workbench' }).click();
    await page.locator('[data-param="w3"] input.number').fill('0.5');
    await expect.poll(() => question.locator('.feedback').textContent()).not.toMatch(/Correct/);
    expect(await question.locator('[data-remarked]').count()).toBe(1);
    // The edit is kept with the progress, and so is the verdict against it.
    await page.reload();
    await ready(page);
    await page.locator('.workbench details.numbers').evaluate((d: HTMLDetailsElement) => (d.open = true));
    expect(await page.locator('[data-param="w3"] input.number').inputValue()).toBe('0.5');
    expect(await question.locator('.feedback').textContent()).not.toMatch(/Correct/);
    await page.getByRole('button', { name: "Back to the lesson's numbers" }).click();
    await expect.poll(() => question.locator('.feedback').textContent()).toMatch(/Correct/);
  });

  it('follows an edit of W(L) everywhere at once, and fast', async () => {
    await page.goto(server.url + `/en/lessons/chain?step=${steps.length}`);
    await ready(page);
    await page.locator('.workbench details.numbers').evaluate((d: HTMLDetailsElement) => (d.open = true));
    const edited = graph.solve({ w3: 0.5 });
    const field = page.locator('[data-param="w3"] input.number');
    await field.fill('0.5');
    await expect.poll(() => text(page, '[data-value="a3"]')).toBe(short(edited.values.a3));
    for (const name of graph.order) {
      if (!steps.some((s) => s.id === `backward:${name}`)) continue;
      expect(await text(page, `[data-gradient="${name}"]`)).toBe(`∂ ${short(edited.gradients[name])}`);
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
    await expect.poll(() => text(page, '[data-value="a3"]')).toBe(short(solution.values.a3));
  });

  it('closes the loop: the cost before → after the update, and N training steps with a rewind', async () => {
    await page.goto(server.url + `/en/lessons/chain?step=${steps.length}`);
    await ready(page);
    const after = graph.solve({ ...solution.updated }).loss;
    expect(await text(page, '[data-cost-change]')).toContain(`${formatPlain(solution.loss, 4)} to ${formatPlain(after, 4)}`);
    await page.locator('.workbench .loop input[type=number]').fill('20');
    await page.getByRole('button', { name: 'Train 20 steps' }).click();
    await expect.poll(() => page.locator('.workbench .loop svg').count()).toBeGreaterThan(0);
    expect(await text(page, '[data-value="w3"]')).not.toBe(short(solution.values.w3));
    await page.getByRole('button', { name: 'Rewind to step 0' }).click();
    await expect.poll(() => text(page, '[data-value="w3"]')).toBe(short(solution.values.w3));
  });

  it('keeps progress across a reload, lists it on the index, and resets it', async () => {
    await page.goto(server.url + '/en/lessons/chain');
    await ready(page);
    expect(page.url()).toContain(`step=${steps.length}`);
    expect(await page.locator('[data-question="dC-dW3"] .feedback').textContent()).toMatch(/Correct/);
    expect(await page.locator('[data-question="dC-dW3"] input').inputValue()).toBe('-0,1231');
    await page.goto(server.url + '/en');
    await expect.poll(() => text(page, '[data-lesson="chain"] [data-status]')).toMatch(new RegExp(`${steps.length} of ${steps.length} steps, 1 of 9 questions right`));
    await page.goto(server.url + '/en/lessons/chain?step=5');
    await ready(page);
    expect(await page.locator('.workbench [data-step-id]').getAttribute('data-step-id')).toBe(steps[4].id);
    await page.getByRole('button', { name: 'Reset progress' }).click();
    await expect.poll(() => page.url()).toContain('step=1');
    expect(await page.locator('[data-question="dC-dW3"] .feedback').textContent()).not.toMatch(/Correct/);
  });

  it('hides the value in "try it first" until it is typed, then marks it ✓ and keeps focus in the panel', async () => {
    await page.goto(server.url + '/en/lessons/chain?step=2');
    await ready(page);
    await page.getByRole('button', { name: 'Reset progress' }).click();
    await page.locator('.workbench [data-next]').click();
    await page.getByLabel('Try it first').check();
    const bench = page.locator('.workbench');
    await expect.poll(() => bench.locator('[data-step-value]').count()).toBe(0);
    const input = bench.locator('form.practice input');
    await input.fill('0.3');
    await input.press('Enter');
    await expect.poll(() => bench.locator('.practice .feedback').textContent()).toMatch(/Not quite/);
    await input.fill(String(solution.values.a1));
    await input.press('Enter');
    await expect.poll(() => bench.locator('[data-step-value]').textContent()).toBe(formatPlain(solution.values.a1));
    expect(await bench.locator('[data-step-result]').textContent()).toContain('✓');
    expect(await page.evaluate(() => document.activeElement?.closest('.workbench') !== null)).toBe(true);
    await page.getByLabel('Try it first').uncheck();
  });
});

describe('the workbench on a laptop and a phone', () => {
  for (const lesson of lessonsUnderTest) {
    for (const size of sizes) {
      it(`${lesson.slug} at ${size.width}×${size.height}: graph and Next on screen at every step, no spoilers, one history entry, labels inside their boxes`, async () => {
        const { page, context } = await open(`/en/lessons/${lesson.slug}`, size);
        await ready(page);
        // Nothing that a question asks for is on the page at step 1 of a fresh visit.
        const given = new Set(Object.values({ ...lesson.graph.spec.params, ...lesson.graph.spec.inputs }));
        const shownText = (await page.locator('main').innerText()).replace(/\u00a0/g, ' ');
        for (const q of lesson.questions) {
          if (Number.isInteger(q.value) || given.has(q.value)) continue; // a given number is no spoiler
          for (const form of new Set([formatPlain(q.value), formatPlain(q.value, 4), short(q.value), formatNumber(q.value)])) {
            expect(shownText.includes(form), `${q.id} = ${form} visible at step 1`).toBe(false);
          }
        }
        // Next within 15 Tabs from the top of the page.
        let tabs = 0;
        while (tabs < 15 && !(await page.evaluate(() => document.activeElement?.matches('.workbench [data-next]')))) {
          await page.keyboard.press('Tab');
          tabs++;
        }
        expect(await page.evaluate(() => document.activeElement?.matches('.workbench [data-next]')), `Next after ${tabs} Tabs`).toBe(true);
        const historyBefore = await page.evaluate(() => history.length);
        for (const step of lesson.steps) {
          await expect.poll(() => page.url()).toContain(`step=${step.index + 1}`);
          expect(await graphOnScreen(page), `graph at step ${step.index + 1}`).toBe(true);
          expect(await onScreen(page, '.workbench [data-next]'), `Next at step ${step.index + 1}`).toBe(true);
          if ([0, 4, lesson.steps.findIndex((s) => s.pass === 'backward') + 3, lesson.steps.length - 1].includes(step.index)) {
            await page.locator('.workbench').screenshot({ path: resultsPath('screenshots', `workbench-${lesson.slug}-${size.width}-step${step.index + 1}.png`) });
          }
          if (step.index < lesson.steps.length - 1) await page.locator('.workbench [data-next]').click();
        }
        expect(await page.evaluate(() => history.length)).toBeLessThanOrEqual(historyBefore + 1);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);

        // Every label stays inside its box, and edge labels sit on no box (a backward step, all numbers shown).
        await page.getByLabel('Reveal all').check();
        const readers = (name: string) => lesson.graph.consumers.get(name)?.length ?? 0;
        const backward = lesson.steps.find((s) => s.pass === 'backward' && readers(s.name) > 1) ?? lesson.steps.find((s) => s.pass === 'backward' && readers(s.name) > 0)!;
        await page.locator('.workbench').getByRole('button', { name: 'Back to step 1' }).click();
        for (let k = 0; k < backward.index; k++) await page.locator('.workbench [data-next]').click();
        await page.locator('.workbench').getByRole('button', { name: 'Fit' }).click();
        await page.waitForTimeout(400);
        const spills = await page.evaluate(() => {
          const out: string[] = [];
          const rects = [...document.querySelectorAll('.workbench .node')].map((g) => ({ name: g.getAttribute('data-node'), box: g.querySelector('rect')!.getBoundingClientRect() }));
          const inside = (r: DOMRect, b: DOMRect) => r.left >= b.left - 0.5 && r.right <= b.right + 0.5 && r.top >= b.top - 0.5 && r.bottom <= b.bottom + 0.5;
          const overlaps = (r: DOMRect, b: DOMRect) => r.left < b.right && r.right > b.left && r.top < b.bottom && r.bottom > b.top;
          for (const g of document.querySelectorAll('.workbench .node')) {
            const box = g.querySelector('rect')!.getBoundingClientRect();
            for (const el of g.querySelectorAll('.name .katex-html, .value, .gradient')) {
              const range = document.createRange();
              range.selectNodeContents(el);
              const r = range.getBoundingClientRect();
              if (!inside(r, box)) out.push(`${g.getAttribute('data-node')}: "${el.textContent}" spills out of its box`);
            }
          }
          for (const label of document.querySelectorAll('.workbench [data-edge-label]')) {
            const r = label.getBoundingClientRect();
            for (const { name, box } of rects) if (overlaps(r, box)) out.push(`edge label "${label.textContent}" over box ${name}`);
          }
          return out;
        });
        expect(await page.locator('.workbench [data-edge-label]').count()).toBeGreaterThan(0);
        expect(spills).toEqual([]);
        await context.close();
      }, 150_000);
    }
  }
});

describe('the pinned workbench on a phone', () => {
  it('can be let go so it scrolls away with the page, and the choice is kept over a reload', async () => {
    const { page, context } = await open('/en/lessons/chain', { width: 375, height: 812 });
    await ready(page);
    const pin = page.getByLabel('Keep the graph on screen while I scroll');
    const slot = page.locator('.bench-slot');
    const position = () => slot.evaluate((el) => getComputedStyle(el).position);
    await expect.poll(() => pin.isChecked()).toBe(true);
    expect(await position()).toBe('sticky');
    // Pinned, it leaves the prose at least a third of the screen.
    expect(await slot.evaluate((el) => el.getBoundingClientRect().height / innerHeight)).toBeLessThanOrEqual(0.66);
    await pin.uncheck();
    expect(await position()).toBe('static');
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    expect(await onScreen(page, '.workbench [data-next]')).toBe(false);
    await page.reload();
    await ready(page);
    await expect.poll(() => page.getByLabel('Keep the graph on screen while I scroll').isChecked()).toBe(false);
    await page.getByLabel('Keep the graph on screen while I scroll').check();
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForTimeout(200);
    expect(await onScreen(page, '.workbench [data-next]')).toBe(true);
    await context.close();
  }, 60_000);
});

describe('author preview', () => {
  it('shows a broken directive with its line and moves the caret there', async () => {
    const { page } = await open('/en/author');
    const source = page.locator('#lesson-source');
    await expect.poll(() => page.locator('.preview figure.graph').count()).toBeGreaterThan(0);
    // The preview is prerendered: type only once the page is live (the workbench has measured itself).
    await page.waitForFunction(() => document.documentElement.style.getPropertyValue('--workbench-height') !== '');
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
      const { page, context } = await open('/en/lessons/chain?step=13', { width, height: width === 375 ? 812 : 800 });
      await ready(page);
      await page.screenshot({ path: resultsPath('screenshots', `chain-${width}.png`), fullPage: width === 375 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.goto(server.url + '/en/author');
      await page.locator('.preview figure.graph').first().waitFor();
      await page.screenshot({ path: resultsPath('screenshots', `author-${width}.png`) });
      await context.close();
    });
  }

  it('has no page-wide horizontal scrolling from 360px to 1920px', async () => {
    const { page, context } = await open('/en/lessons/two-layer-network?step=20', { width: 360 });
    for (const width of [360, 1920]) {
      await page.setViewportSize({ width, height: 900 });
      for (const path of ['/en/lessons/two-layer-network?step=20', '/en', '/en/author']) {
        await page.goto(server.url + path);
        await page.locator('main h1').waitFor();
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${path} at ${width}px`).toBeLessThanOrEqual(width);
      }
    }
    await context.close();
  });

  // axe's colour-contrast rule takes a while on a long lesson page (over a minute on a busy machine).
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe violations on the lesson pages (${colorScheme}); workbench screenshots`, async () => {
      const { page, context } = await open('/en/lessons/chain?step=12', { colorScheme });
      await ready(page);
      expect(await axeSerious(page)).toEqual([]);
      await page.locator('.workbench').screenshot({ path: resultsPath('screenshots', `workbench-chain-1280-${colorScheme}-step12.png`) });
      await page.setViewportSize({ width: 375, height: 812 });
      await page.goto(server.url + '/en/lessons/two-layer-network?step=12');
      await ready(page);
      expect(await axeSerious(page)).toEqual([]);
      await page.locator('.workbench').screenshot({ path: resultsPath('screenshots', `workbench-two-layer-network-375-${colorScheme}-step12.png`) });
      await context.close();
    }, 400_000);

    it(`has no serious or critical axe violations on the index and the author page (${colorScheme})`, async () => {
      const { page, context } = await open('/', { colorScheme });
      expect(await axeSerious(page)).toEqual([]);
      await page.goto(server.url + '/en/author');
      await page.locator('.preview figure.graph').first().waitFor();
      expect(await axeSerious(page)).toEqual([]);
      if (colorScheme === 'dark') await page.screenshot({ path: resultsPath('screenshots', 'author-dark-1280.png') });
      await context.close();
    }, 400_000);
  }

  it('logged no console errors on any page', () => {
    expect(pageErrors).toEqual([]);
  });
});
