// The MNIST network lesson in Debian's Chromium (no WebGPU, so the CPU trains): the parameter
// count question, one digit going forward through the untrained network, one short epoch in the
// embedded trainer (curves, test accuracy, backend badge), the same digit through the trained
// weights, a choice question, axe, and no console errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, openPage, resultsPath, startServer, type Server } from './harness.ts';

let server: Server;
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  ({ page, errors } = await openPage(browser));
  page.setDefaultTimeout(15_000);
  await page.goto(`${server.url}/en/lessons/mnist-network`);
  await page.locator('article[data-restored="true"]').waitFor();
  // The forward views draw once the digits have arrived.
  await page.locator('[data-forward-digit] [data-prediction]').first().waitFor();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const question = (id: string) => page.locator(`[data-question="${id}"]`);
const forward = () => page.locator('[data-forward-digit]').first();
const probabilities = async (view: Locator) =>
  Promise.all((await view.locator('.bars li').all()).map(async (li) => Number(await li.getAttribute('data-probability'))));

describe('MNIST network lesson', () => {
  it('has no step counter and marks the parameter count, 13,002', async () => {
    expect(await page.getByText(/Reached step/).count()).toBe(0);
    const q = question('parameters');
    await q.getByLabel('Your answer').fill('12960');
    await q.getByRole('button', { name: 'Check' }).click();
    await q.getByText(/Not quite/).waitFor();
    await q.getByLabel('Your answer').fill('13002');
    await q.getByRole('button', { name: 'Check' }).click();
    await q.getByText('The exact value is 13002.').waitFor();
  });

  it('steps one digit forward through the untrained network', async () => {
    const view = forward();
    expect(await view.getAttribute('data-trained')).toBe('false');
    expect(await view.getAttribute('data-index')).toBe('0');
    expect(await view.getByRole('img', { name: /^16 activations/ }).count()).toBe(2);
    const before = await probabilities(view);
    expect(before).toHaveLength(10);
    expect(before.reduce((a, b) => a + b)).toBeCloseTo(1, 5);

    await view.getByRole('button', { name: 'Next digit →' }).click();
    await view.getByText(/^Test digit 2 of 1000, labelled \d$/).waitFor();
    expect(await view.getAttribute('data-index')).toBe('1');
    expect(await probabilities(view)).not.toEqual(before);
    await view.getByRole('button', { name: '← Previous digit' }).click();
    await view.getByText(/^Test digit 1 of 1000/).waitFor();
  });

  it('trains one short epoch in the embedded trainer, on the CPU, and the forward view follows', async () => {
    const trainer = page.locator('[data-trainer]');
    expect(await trainer.locator('[data-settings]').textContent()).toMatch(/^784-16-16-10 relu \(13,002 weights and biases\)/);
    await trainer.getByText('Change the settings').click();
    await trainer.getByLabel('Epochs').fill('1');
    await trainer.getByLabel('Training images').fill('4000');
    await trainer.getByRole('button', { name: 'Start training' }).click();
    await trainer.locator('[data-status="done"], [data-status="failed"]').waitFor({ timeout: 60_000 });
    expect(await trainer.locator('[data-status]').getAttribute('data-status')).toBe('done');

    expect(await trainer.locator('[data-backend]').getAttribute('data-backend')).toBe('cpu');
    expect(await trainer.locator('.notice').textContent()).toMatch(/WebGPU unavailable .*training on the CPU instead/);
    const curve = trainer.locator('figure', { hasText: 'Accuracy' }).locator('path[data-series="training"]');
    const values: number[] = JSON.parse((await curve.getAttribute('data-values'))!);
    expect(values.length).toBeGreaterThanOrEqual(10);
    const first = values.slice(0, 3).reduce((a, b) => a + b) / 3;
    const last = values.slice(-3).reduce((a, b) => a + b) / 3;
    expect(last).toBeGreaterThan(first + 0.2);
    expect(Number(await trainer.locator('[data-test-accuracy]').getAttribute('data-test-accuracy'))).toBeGreaterThan(0.6);

    const view = forward();
    await page.locator('[data-forward-digit][data-trained="true"]').first().waitFor();
    await view.getByText(/Weights after epoch 1/).waitFor();
    expect((await probabilities(view)).reduce((a, b) => a + b)).toBeCloseTo(1, 5);
    await page.screenshot({ path: resultsPath('mnist-lesson', 'after-one-epoch.png'), fullPage: true });
  });

  it('marks a choice question exactly', async () => {
    const q = question('after');
    await q.getByLabel('about 10% for every digit').check();
    await q.getByRole('button', { name: 'Check' }).click();
    await q.getByText(/Not quite/).waitFor();
    await q.getByLabel('the true label, with a high probability').check();
    await q.getByRole('button', { name: 'Check' }).click();
    await q.getByText('Correct.').waitFor();
  });

  it('has no serious accessibility problems and no console errors', async () => {
    await page.mouse.move(0, 0);
    const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).exclude('.katex-html').analyze();
    const serious = violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
    expect(serious).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe('MNIST experiments lesson', () => {
  it('shows one trainer per experiment, each named, with no serious accessibility problems', async () => {
    const opened = await openPage(browser);
    await opened.page.goto(`${server.url}/en/lessons/mnist-experiments`);
    await opened.page.locator('article[data-restored="true"]').waitFor();
    const trainers = opened.page.locator('[data-trainer]');
    await trainers.nth(8).waitFor();
    expect(await trainers.count()).toBe(9);
    expect(await opened.page.getByRole('region', { name: 'Experiment 2: with dropout 0.5', exact: true }).count()).toBe(1);
    expect(await trainers.last().locator('[data-settings]').textContent()).toMatch(/^784-256-10 relu .*dropout 0\.2 · Adam, learning rate 0\.001/);
    // The comparisons overlay two runs on one chart; before the runs they say what to do.
    const comparisons = opened.page.locator('[data-compare]');
    expect(await comparisons.count()).toBe(3);
    expect(await comparisons.nth(1).textContent()).toMatch(/Validation accuracy, plain SGD against Adam.*Run “Experiment 4a: plain SGD” and “Experiment 4b: Adam” above/);
    const { violations } = await new AxeBuilder({ page: opened.page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).exclude('.katex-html').analyze();
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    expect(opened.errors).toEqual([]);
    await opened.context.close();
  });

  it('has no serious accessibility problems in the dark theme either', async () => {
    const opened = await openPage(browser, { colorScheme: 'dark' });
    await opened.page.goto(`${server.url}/en/lessons/mnist-network`);
    await opened.page.locator('[data-forward-digit] [data-prediction]').first().waitFor();
    await opened.page.locator('[data-trainer] details summary').click();
    const { violations } = await new AxeBuilder({ page: opened.page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).exclude('.katex-html').analyze();
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await opened.context.close();
  });

  it('fits a 360px screen without page-wide horizontal scrolling', async () => {
    const opened = await openPage(browser, { width: 360 });
    const drawn = { '/en/lessons/mnist-network': '[data-forward-digit] [data-prediction]', '/en/lessons/mnist-experiments': '[data-trainer]' };
    for (const [path, selector] of Object.entries(drawn)) {
      await opened.page.goto(server.url + path);
      await opened.page.locator(selector).first().waitFor();
      await opened.page.locator('[data-trainer] details summary').first().click();
      expect(await opened.page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(360);
    }
    await opened.context.close();
  });
});
