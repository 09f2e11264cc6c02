// The perceptron lesson in Debian's Chromium: the page computes the XOR network's truth table,
// one epoch of the perceptron rule on AND is stepped sample by sample (the numbers of each update
// and the moving boundary checked), the rule runs to its clean epoch, a question is answered,
// and at 375 and 1280 px, light and dark: screenshots, no sideways scroll, axe, no console errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, openPage, resultsPath, startServer, type Server } from './harness.ts';

let server: Server;
let browser: Browser;
let page: Page;
let errors: string[];

const ready = async (p: Page) => {
  await p.locator('article[data-restored="true"]').waitFor();
  await p.locator('[data-perceptron]').nth(6).waitFor();
};

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  ({ page, errors } = await openPage(browser));
  page.setDefaultTimeout(15_000);
  await page.goto(`${server.url}/en/lessons/perceptron`);
  await ready(page);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const widget = (n: number) => page.locator('[data-perceptron]').nth(n);
const trainer = (w: Locator) => w.locator('[data-shown]');
const weights = async (w: Locator) => JSON.parse((await trainer(w).getAttribute('data-weights'))!) as number[];

describe('perceptron lesson', () => {
  it('computes the truth tables of AND and of the XOR network from the neurons', async () => {
    const outputs = async (w: Locator) => (await w.locator('td[data-output]').allTextContents()).map(Number);
    expect(await outputs(widget(0))).toEqual([0, 0, 0, 1]);
    expect(await widget(0).locator('[data-right]').getAttribute('data-right')).toBe('4');
    // One line on XOR: three of four. Three neurons: all four, with both hidden columns shown.
    expect(await widget(2).locator('[data-right]').getAttribute('data-right')).toBe('3');
    const xor = widget(3);
    expect(await outputs(xor)).toEqual([0, 1, 1, 0]);
    expect(await xor.locator('thead th').allTextContents()).toEqual(['x₁', 'x₂', 'h₁', 'h₂', 'y', 'wanted']);
  });

  it('steps one epoch of the rule on AND, sample by sample, with the numbers of each update', async () => {
    const and = widget(4);
    const boundary = and.locator('line[data-boundary]');
    expect(await weights(and)).toEqual([0, 0, 0]);
    expect(await boundary.count()).toBe(0); // zero weights: no line yet, everything fires

    await and.getByRole('button', { name: 'Step' }).click();
    expect(await trainer(and).getAttribute('data-shown')).toBe('1');
    expect(await weights(and)).toEqual([0, 0, -1]);
    expect(await and.locator('[data-status]').textContent()).toMatch(/^Epoch 1, sample 1 of 4: a mistake/);
    const update = await and.locator('[data-update] .katex-mathml annotation').allTextContents();
    expect(update.join('\n')).toContain('e = t - y = 0 - 1 = -1');
    expect(update.join('\n')).toContain('b \\leftarrow 0 + 1\\cdot (-1) = -1');

    for (let i = 0; i < 3; i++) await and.getByRole('button', { name: 'Step' }).click();
    expect(await trainer(and).getAttribute('data-shown')).toBe('4');
    expect(await weights(and)).toEqual([1, 1, 0]);
    expect(await and.locator('[data-mistakes]').getAttribute('data-mistakes')).toBe('[2]');
    // The boundary x₁ + x₂ = 0 now crosses the plot.
    expect(await boundary.count()).toBe(1);
    await page.screenshot({ path: resultsPath('screenshots', 'perceptron-epoch-1-1280.png'), fullPage: false, clip: (await and.boundingBox())! });

    await and.getByRole('button', { name: 'Run to the end' }).click();
    expect(await trainer(and).getAttribute('data-converged')).toBe('true');
    expect(await weights(and)).toEqual([2, 1, -3]);
    expect(await and.locator('[data-mistakes]').getAttribute('data-mistakes')).toBe('[2,3,3,2,1,0]');
    await and.getByRole('button', { name: 'Reset' }).click();
    expect(await weights(and)).toEqual([0, 0, 0]);
  });

  it('draws a new random start on request and reruns the rule from it', async () => {
    const random = widget(5);
    const first = await weights(random);
    expect(first.every((v) => Math.abs(v) <= 1)).toBe(true);
    await random.getByRole('button', { name: 'New random start' }).click();
    const second = await weights(random);
    expect(second).not.toEqual(first);
    await random.getByRole('button', { name: 'Run to the end' }).click();
    expect(await trainer(random).getAttribute('data-converged')).toBe('true');
  });

  it('never settles on XOR', async () => {
    const xor = widget(6);
    await xor.getByRole('button', { name: 'Run to the end' }).click();
    expect(await trainer(xor).getAttribute('data-finished')).toBe('true');
    expect(await trainer(xor).getAttribute('data-converged')).toBe('false');
    const mistakes = JSON.parse((await xor.locator('[data-mistakes]').getAttribute('data-mistakes'))!) as number[];
    expect(mistakes).toHaveLength(20);
    expect(Math.min(...mistakes)).toBeGreaterThan(0);
    // The mistakes-per-epoch chart (the shared LineChart) draws the same twenty numbers.
    const curve = xor.locator('[data-series="mistakes"]');
    expect(JSON.parse((await curve.getAttribute('data-values'))!)).toEqual(mistakes);
    await xor.screenshot({ path: resultsPath('screenshots', 'perceptron-xor-rule-1280.png') });
  });

  it('marks a question on the rule', async () => {
    const q = page.locator('[data-question="first-bias"]');
    await q.getByLabel('Your answer').fill('1');
    await q.getByRole('button', { name: 'Check' }).click();
    await q.getByText(/Not quite. Check the sign/).waitFor();
    await q.getByLabel('Your answer').fill('−1');
    await q.getByRole('button', { name: 'Check' }).click();
    await q.getByText(/Correct/).waitFor();
  });

  for (const width of [375, 1280]) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`at ${width}px (${colorScheme}): one epoch stepped, no sideways scroll, no serious axe violations; screenshots`, async () => {
        const opened = await openPage(browser, { width, height: 900, colorScheme });
        const p = opened.page;
        p.setDefaultTimeout(15_000);
        await p.goto(`${server.url}/en/lessons/perceptron`);
        await ready(p);
        const and = p.locator('[data-perceptron]').nth(4);
        await and.getByRole('button', { name: 'Finish the epoch' }).click();
        expect(await and.locator('[data-shown]').getAttribute('data-shown')).toBe('4');
        await and.getByRole('button', { name: 'Step' }).click();
        const xorRule = p.locator('[data-perceptron]').nth(6);
        await xorRule.getByRole('button', { name: 'Run to the end' }).click();
        await xorRule.locator('[data-series="mistakes"]').waitFor();
        expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        await xorRule.screenshot({ path: resultsPath('screenshots', `perceptron-xor-rule-${width}-${colorScheme}.png`) });
        await and.scrollIntoViewIfNeeded();
        await p.screenshot({ path: resultsPath('screenshots', `perceptron-${width}-${colorScheme}.png`) });
        await p.locator('[data-perceptron]').nth(3).scrollIntoViewIfNeeded();
        await p.screenshot({ path: resultsPath('screenshots', `perceptron-xor-${width}-${colorScheme}.png`) });
        await p.mouse.move(0, 0);
        const { violations } = await new AxeBuilder({ page: p }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).exclude('.katex-html').analyze();
        const serious = violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
        expect(serious).toEqual([]);
        expect(opened.errors).toEqual([]);
        await opened.context.close();
      }, 180_000); // axe over a whole lesson page takes tens of seconds on a busy 2-core machine
    }
  }

  it('logged no console errors', () => {
    expect(errors).toEqual([]);
  });
});
