// The activations and losses lessons in Debian's Chromium: a hover over a ::plot moves its read-out
// (guide line, f and f′ at the pointer), the slider reads the exact numbers a question asks for,
// shaded saturated regions are drawn, and a question is answered (wrong, then right). At 375 and
// 1280 px, light and dark: screenshots of the page and of a plot, no sideways scroll, axe with no
// serious or critical violations, no console errors.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { openPage, resultsPath, seriousAxeViolations, sidewaysScroll, useSite } from './harness.ts';

const site = useSite();

async function open(path: string, options: { width?: number; colorScheme?: 'light' | 'dark' } = {}) {
  const opened = await openPage(site.browser, { width: options.width ?? 1280, height: 900, colorScheme: options.colorScheme });
  opened.page.setDefaultTimeout(15_000);
  await opened.page.goto(`${site.server.url}${path}`);
  await opened.page.locator('article[data-restored="true"]').waitFor();
  await opened.page.locator('[data-plot] svg').first().waitFor();
  return opened;
}

/** The plot whose read-out has a row for `source` (the f= text of one of its functions). */
const plotOf = (page: Page, source: string) => page.locator('[data-plot]', { has: page.locator(`[data-function="${source}"]`) }).first();
const row = (plot: Locator, source: string) => plot.locator(`[data-function="${source}"]`);
const number = (text: string | null) => Number(text!.replace('−', '-').replace(',', '.'));

/** Point at x (data units) on a plot: the x axis line spans the domain. */
async function hover(page: Page, plot: Locator, fraction: number) {
  await plot.scrollIntoViewIfNeeded();
  const axis = (await plot.locator('line.axis').first().boundingBox())!;
  await page.mouse.move(axis.x + axis.width * fraction, axis.y - 30);
}

/** Answer a number question wrong, then right (located by structure, so it reads the same in either language). */
async function answer(page: Page, id: string, wrong: string, right: string) {
  const q = page.locator(`[data-question="${id}"]`);
  await q.scrollIntoViewIfNeeded();
  await q.locator('input[type="text"]').fill(wrong);
  await q.locator('button[type="submit"]').click();
  await q.locator('.feedback .bad').waitFor();
  await q.locator('input[type="text"]').fill(right);
  await q.locator('button[type="submit"]').click();
  await q.locator('.feedback .good').waitFor();
}

describe('activation functions lesson', () => {
  it('hovering the sigmoid plot reads σ and σ′ under the pointer; σ′(0) is answered', async () => {
    const { page, errors, context } = await open('/en/lessons/activations');
    const plot = plotOf(page, 'sigmoid(x)');
    // Two shaded saturated regions, a derivative drawn dashed, and the read-out at z = 0.
    expect(await plot.locator('rect[data-band]').count()).toBe(2);
    expect(await plot.locator('[data-series="σ′(z)"]').getAttribute('stroke-dasharray')).not.toBeNull();
    // The read-out starts at z = 2, not at the point a question asks about.
    expect(Number(await plot.getAttribute('data-at'))).toBe(2);
    // The pointer at 7/8 of the way across −8…8 is z = 6: saturated, σ near 1, σ′ near 0.
    await hover(page, plot, 7 / 8);
    const at = Number(await plot.getAttribute('data-at'));
    expect(Math.abs(at - 6)).toBeLessThan(0.2);
    expect(await plot.locator('line[data-guide]').getAttribute('data-guide')).toBe(String(at));
    expect(await plot.locator('.at').textContent()).toMatch(/saturated/);
    const s = 1 / (1 + Math.exp(-at));
    expect(number(await row(plot, 'sigmoid(x)').locator('[data-value]').textContent())).toBeCloseTo(s, 5);
    expect(number(await row(plot, 'sigmoid(x)').locator('[data-slope]').textContent())).toBeCloseTo(s * (1 - s), 6);
    // The slider puts the read-out back at 0; ReLU′(−2) reads 0 on its plot.
    await plot.getByRole('slider', { name: /read at z/ }).fill('0');
    expect(number(await row(plot, 'sigmoid(x)').locator('[data-value]').textContent())).toBe(0.5);
    expect(number(await row(plot, 'sigmoid(x)').locator('[data-slope]').textContent())).toBe(0.25);
    const relu = plotOf(page, 'relu(x)');
    await relu.getByRole('slider', { name: /read at z/ }).fill('-2');
    expect(number(await row(relu, 'relu(x)').locator('[data-slope]').textContent())).toBe(0);
    await answer(page, 'sigmoid-slope-0', '0.5', '0.25');
    await answer(page, 'leaky-slope-neg2', '0', '0.1');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});

describe('loss functions lesson', () => {
  it('hovering the cross-entropy plot reads L and ∂L/∂ŷ; the slope for y = 1 at ŷ = 0.8 is answered', async () => {
    const { page, errors, context } = await open('/en/lessons/losses');
    const plot = plotOf(page, '-log(x)');
    // At ŷ = 0.8: ∂L/∂ŷ = −1/0.8 for y = 1 and 1/0.2 for y = 0.
    await plot.getByRole('slider', { name: /read at ŷ/ }).fill('0.8');
    expect(number(await row(plot, '-log(x)').locator('[data-slope]').textContent())).toBe(-1.25);
    expect(number(await row(plot, '-log(1 - x)').locator('[data-slope]').textContent())).toBe(5);
    // The pointer near the left end (ŷ small): for y = 1 the loss is large and the slope steep.
    await hover(page, plot, 0.1);
    const at = Number(await plot.getAttribute('data-at'));
    expect(at).toBeGreaterThan(0.05);
    expect(at).toBeLessThan(0.15);
    expect(number(await row(plot, '-log(x)').locator('[data-value]').textContent())).toBeCloseTo(-Math.log(at), 4);
    expect(number(await row(plot, '-log(x)').locator('[data-slope]').textContent())).toBeCloseTo(-1 / at, 3);
    await answer(page, 'bce-slope-y1', '1.25', '-1.25');
    await answer(page, 'j-value', '0.2231', '-0.2231');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});

describe('the Spanish lessons', () => {
  it('activaciones: the read-out and the slider speak Spanish, a hover reads σ and σ′, a question is answered', async () => {
    const { page, errors, context } = await open('/es/lessons/activations');
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    await page.getByRole('heading', { name: 'Funciones de activación', level: 1 }).waitFor();
    const plot = plotOf(page, 'sigmoid(x)');
    await hover(page, plot, 1 / 8);
    const at = Number(await plot.getAttribute('data-at'));
    expect(Math.abs(at + 6)).toBeLessThan(0.2);
    expect(await plot.locator('.at').textContent()).toMatch(/leer en z = .*saturada/);
    const s = 1 / (1 + Math.exp(-at));
    expect(number(await row(plot, 'sigmoid(x)').locator('[data-slope]').textContent())).toBeCloseTo(s * (1 - s), 6);
    await plot.getByRole('slider', { name: /leer en z/ }).fill('0');
    expect(number(await row(plot, 'sigmoid(x)').locator('[data-slope]').textContent())).toBe(0.25);
    await answer(page, 'tanh-slope-0', '0', '1');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('pérdidas: the cross-entropy plot and a choice question on the sign of J', async () => {
    const { page, errors, context } = await open('/es/lessons/losses');
    const plot = plotOf(page, '-log(1 - x)');
    await plot.getByRole('slider', { name: /leer en ŷ/ }).fill('0.8');
    expect(number(await row(plot, '-log(1 - x)').locator('[data-slope]').textContent())).toBe(5);
    await hover(page, plot, 0.9);
    expect(Number(await plot.getAttribute('data-at'))).toBeGreaterThan(0.85);
    const q = page.locator('[data-question="j-direction"]');
    await q.scrollIntoViewIfNeeded();
    await q.getByLabel('la predicción mejora').check();
    await q.locator('button[type="submit"]').click();
    await q.locator('.feedback .bad').waitFor();
    await q.getByLabel('la predicción empeora').check();
    await q.locator('button[type="submit"]').click();
    await q.locator('.feedback .good').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});

describe('both lessons on a phone and a desktop, light and dark, in English and Spanish', () => {
  for (const [slug, source] of [['activations', 'sigmoid(x)'], ['losses', '-log(x)']] as const) {
    for (const lang of ['en', 'es'] as const) {
      for (const width of [375, 1280]) {
        for (const colorScheme of ['light', 'dark'] as const) {
          it(`${slug} (${lang}) at ${width}px (${colorScheme}): no sideways scroll${lang === 'en' || colorScheme === 'light' ? ', no serious axe violations' : ''}; screenshots`, async () => {
            const { page, errors, context } = await open(`/${lang}/lessons/${slug}`, { width, colorScheme });
            expect(await sidewaysScroll(page)).toBe(0);
            const name = `${slug}-${lang}-${width}-${colorScheme}`;
            await page.screenshot({ path: resultsPath('screenshots', `${name}.png`) });
            const plot = plotOf(page, source);
            await hover(page, plot, 0.3);
            await plot.screenshot({ path: resultsPath('screenshots', `${slug}-plot-${lang}-${width}-${colorScheme}.png`) });
            await page.mouse.move(0, 0);
            // Contrast depends on the theme, not the language: Spanish is scanned in one theme.
            if (lang === 'en' || colorScheme === 'light') expect(await seriousAxeViolations(page)).toEqual([]);
            expect(errors).toEqual([]);
            await context.close();
          }, 180_000);
        }
      }
    }
  }
});
