// The training-loop lesson in Debian's Chromium: the ::loop widget makes the first update the
// lesson works out by hand, finishes an epoch (one point on the cost chart), runs to the end (the
// test cost is shown only then), changes the batch size (8 updates per epoch at batch 1), diverges
// at a large rate, and a question reads the batch size and epochs set in the widget. At 375 and
// 1280 px, light and dark: screenshots, no sideways scroll, no serious axe violations, no errors.
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { openPage, resultsPath, seriousAxeViolations, sidewaysScroll, useSite } from './harness.ts';

const site = useSite();

async function open(options: { width?: number; colorScheme?: 'light' | 'dark'; lang?: 'en' | 'es' } = {}) {
  const opened = await openPage(site.browser, { width: options.width ?? 1280, height: 900, colorScheme: options.colorScheme });
  opened.page.setDefaultTimeout(15_000);
  await opened.page.goto(`${site.server.url}/${options.lang ?? 'en'}/lessons/training-loop`);
  await opened.page.locator('article[data-restored="true"]').waitFor();
  await opened.page.locator('[data-loop] [data-split]').waitFor();
  return opened;
}

const number = (text: string | null) => Number(text);

async function check(q: Locator, typed: string) {
  await q.getByLabel('Your answer').fill(typed);
  await q.getByRole('button', { name: 'Check' }).click();
}

describe('training-loop lesson', () => {
  it('steps one update, finishes an epoch, runs to the end, and a question reads the batch size chosen', async () => {
    const { page, errors, context } = await open();
    const loop = page.locator('[data-loop]');
    // The split is drawn: 8 training, 2 validation, 2 test.
    expect(await loop.locator('[data-split] [data-set]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-set')}:${e.getAttribute('data-count')}`))).toEqual(['train:8', 'validation:2', 'test:2']);
    expect(await loop.locator('[data-point="validation"]').count()).toBe(2);
    expect(await loop.locator('[data-plan]').textContent()).toBe('2 updates per epoch, 60 in 30 epochs');

    // One update: the one the lesson works out by hand (w = 0.123125, b = 0.125).
    await loop.getByRole('button', { name: 'One update' }).click();
    expect(number(await loop.getAttribute('data-w'))).toBeCloseTo(0.123125, 12);
    expect(number(await loop.getAttribute('data-b'))).toBeCloseTo(0.125, 12);
    expect(await loop.locator('[data-status]').textContent()).toMatch(/Epoch 1, batch 1 of 2 \(training examples 1 to 4\): batch cost 3\.688, ∂C\/∂w = −2\.46\d, ∂C\/∂b = −2\.5; now w = 0\.1231, b = 0\.125\./);
    // Finish the epoch: one more update, and the chart has epochs 0 and 1.
    await loop.getByRole('button', { name: 'Finish the epoch' }).click();
    expect(await loop.getAttribute('data-shown')).toBe('2');
    expect(await loop.getAttribute('data-epochs-done')).toBe('1');
    expect(JSON.parse((await loop.locator('path[data-series="training"]').getAttribute('data-values'))!)).toHaveLength(2);
    expect(await loop.locator('[data-verdict]').count()).toBe(0);
    // Run to the end: 30 epochs, the cost fell on both sets, and only now the test cost.
    await loop.getByRole('button', { name: 'Run' }).click();
    await expect.poll(() => loop.getAttribute('data-finished')).toBe('true');
    const train = JSON.parse((await loop.locator('path[data-series="training"]').getAttribute('data-values'))!) as number[];
    const validation = JSON.parse((await loop.locator('path[data-series="validation"]').getAttribute('data-values'))!) as number[];
    expect(train).toHaveLength(31);
    expect(train.at(-1)!).toBeLessThan(train[0] / 100);
    expect(validation.at(-1)!).toBeLessThan(validation[0] / 100);
    expect(await loop.locator('[data-verdict="test"]').textContent()).toMatch(/^Training is over\. Test cost, measured once with the final w and b: 0\.01\d+\.$/);
    await loop.screenshot({ path: resultsPath('screenshots', 'loop-run-1280.png') });

    // Batch size 1: 8 updates per epoch; the question reads it from the widget (30 · 8 / 1 = 240).
    await loop.getByLabel('batch size').selectOption('1');
    expect(await loop.getAttribute('data-shown')).toBe('0');
    expect(await loop.locator('[data-plan]').textContent()).toBe('8 updates per epoch, 240 in 30 epochs');
    const q = page.locator('[data-question="total-updates"]');
    await check(q, '60');
    await q.locator('.feedback .bad').waitFor();
    await check(q, '240');
    await q.getByText(/Correct/).waitFor();

    // A rate far too large: the run stops and says so, with no NaN.
    await loop.getByRole('slider', { name: /learning rate/ }).fill('1');
    await loop.getByRole('button', { name: 'Run' }).click();
    await expect.poll(() => loop.getAttribute('data-finished')).toBe('true');
    expect(await loop.getAttribute('data-diverged')).toBe('true');
    expect(await loop.locator('[data-verdict="diverged"]').textContent()).toMatch(/^Diverging: at rate 1 every update overshoots/);
    expect(await loop.textContent()).not.toMatch(/NaN|Infinity/);

    // A question worked by hand, through the same checker.
    const cost = page.locator('[data-question="cost-by-hand"]');
    await check(cost, '3.6875');
    await cost.getByText(/Correct/).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('in Spanish: the widget speaks Spanish with decimal commas, and a question takes 0,123125', async () => {
    const { page, errors, context } = await open({ lang: 'es' });
    const loop = page.locator('[data-loop]');
    expect(await loop.locator('[data-plan]').textContent()).toBe('2 actualizaciones por época, 60 en 30 épocas');
    await loop.getByRole('button', { name: 'Una actualización' }).click();
    expect(await loop.locator('[data-status]').textContent()).toMatch(/^Época 1, lote 1 de 2 \(ejemplos de entrenamiento 1 a 4\): coste del lote 3,688, ∂C\/∂w = −2,46\d, ∂C\/∂b = −2,5; ahora w = 0,1231, b = 0,125\./);
    await loop.getByRole('button', { name: 'Ejecutar' }).click();
    await expect.poll(() => loop.getAttribute('data-finished')).toBe('true');
    expect(await loop.locator('[data-verdict="test"]').textContent()).toMatch(/^El entrenamiento ha terminado\. Coste de test, medido una sola vez con los w y b finales: 0,01\d+\.$/);
    const q = page.locator('[data-question="first-w"]');
    await q.getByRole('textbox').fill('0,123125');
    await q.getByRole('button').click();
    await q.locator('.feedback .good').waitFor();
    await page.screenshot({ path: resultsPath('screenshots', 'loop-es-1280-light.png') });
    await loop.screenshot({ path: resultsPath('screenshots', 'loop-widget-es-1280-light.png') });
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  for (const width of [375, 1280]) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`at ${width}px (${colorScheme}): a finished run, no sideways scroll, no serious axe violations; screenshots`, async () => {
        const { page, errors, context } = await open({ width, colorScheme });
        const loop = page.locator('[data-loop]');
        await loop.getByRole('button', { name: 'Run' }).click();
        await expect.poll(() => loop.getAttribute('data-finished')).toBe('true');
        expect(await sidewaysScroll(page)).toBe(0);
        await page.screenshot({ path: resultsPath('screenshots', `loop-${width}-${colorScheme}.png`) });
        await loop.screenshot({ path: resultsPath('screenshots', `loop-widget-${width}-${colorScheme}.png`) });
        await page.mouse.move(0, 0);
        expect(await seriousAxeViolations(page)).toEqual([]);
        expect(errors).toEqual([]);
        await context.close();
      }, 180_000);
    }
  }
});
