// The initialization and regularization lessons in Debian's Chromium: the equal start keeps the
// two hidden units identical and a random start does not; an initialization switched changes the
// bars (small weights vanish, Xavier holds); a dropout mask applied greys the dropped unit's paths
// and zeroes their gradients; the L2 table shows λw; one question answered on each page; at 375
// and 1280 px, light and dark: screenshots, no sideways scroll, no serious axe violations.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage, resultsPath, seriousAxeViolations, sidewaysScroll, useSite } from './harness.ts';

const site = useSite();
const lessonUrl = (slug: string, lang = 'en') => `${site.server.url}/${lang}/lessons/${slug}`;

async function open(slug: string, options: { width?: number; colorScheme?: 'light' | 'dark'; lang?: string } = {}) {
  const opened = await openPage(site.browser, { width: options.width ?? 1280, height: 900, colorScheme: options.colorScheme ?? 'light' });
  opened.page.setDefaultTimeout(20_000);
  await opened.page.goto(lessonUrl(slug, options.lang));
  await opened.page.locator('article[data-restored="true"]').waitFor();
  return opened;
}

const numbers = async (page: Page, selector: string) =>
  (await page.locator(selector).evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('data-value'))))) as number[];

/**
 * A widget's screenshot with the widget at the bottom of the window: on a phone the lesson's
 * workbench is pinned over the top, and a plain element screenshot would scroll it underneath.
 */
async function shoot(page: Page, selector: string, name: string) {
  const widget = page.locator(selector).first();
  await widget.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().bottom + window.scrollY - window.innerHeight + 8));
  await widget.screenshot({ path: resultsPath('screenshots', name) });
}

async function answer(page: Page, id: string, wrong: string, right: string) {
  const q = page.locator(`[data-question="${id}"]`);
  // By structure, not by words, so the same steps work on the English and the Spanish page.
  await q.locator('input[type="text"]').fill(wrong);
  await q.locator('button[type="submit"]').click();
  await q.locator('.feedback .bad').waitFor();
  await q.locator('input[type="text"]').fill(right);
  await q.locator('button[type="submit"]').click();
  await q.locator('.feedback .good').waitFor();
}

describe('initialization lesson', () => {
  it('equal weights keep the hidden units identical; a random start does not', async () => {
    const { page, errors, context } = await open('initialization');
    const w = page.locator('[data-symmetry]');
    await w.waitFor();
    expect(await w.getAttribute('data-start')).toBe('equal');
    expect(await w.getAttribute('data-step')).toBe('100');
    expect(Number(await w.getAttribute('data-difference'))).toBe(0);
    const unit1 = await w.locator('td[data-unit="1"]').allTextContents();
    const unit2 = await w.locator('td[data-unit="2"]').allTextContents();
    expect(unit1).toEqual(unit2);
    expect(unit1[0]).not.toBe('0.5');
    await w.getByRole('radio', { name: /random/ }).check();
    expect(await w.getAttribute('data-start')).toBe('random');
    expect(Number(await w.getAttribute('data-difference'))).toBeGreaterThan(0.1);
    expect(await w.getByRole('status').textContent()).toMatch(/differ/);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('switching the initialization changes the bars: small weights vanish, Xavier holds the spread', async () => {
    const { page, errors, context } = await open('initialization');
    const w = page.locator('[data-init-spread]');
    await expect.poll(() => w.getAttribute('data-ready'), { timeout: 30_000 }).toBe('true');
    expect(await w.getAttribute('data-init')).toBe('small');
    const small = await numbers(page, '[data-init-spread] [data-bars="activations"] rect');
    expect(small).toHaveLength(10);
    expect(small[9]).toBeLessThan(1e-9);
    await w.getByRole('radio', { name: 'Xavier', exact: true }).check();
    await expect.poll(() => w.getAttribute('data-init')).toBe('xavier');
    const xavier = await numbers(page, '[data-init-spread] [data-bars="activations"] rect');
    expect(Math.max(...xavier) / Math.min(...xavier)).toBeLessThan(10);
    const gradients = await numbers(page, '[data-init-spread] [data-bars="gradients"] rect');
    expect(Math.max(...gradients) / Math.min(...gradients)).toBeLessThan(10);
    await w.getByRole('radio', { name: 'relu', exact: true }).check();
    await expect.poll(() => w.getAttribute('data-activation')).toBe('relu');
    await expect.poll(() => w.getAttribute('data-ready'), { timeout: 30_000 }).toBe('true');
    await w.screenshot({ path: resultsPath('screenshots', 'init-spread-relu-xavier-1280.png') });
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('feature normalization: the round bowl is reached in far fewer steps than the narrow valley', async () => {
    const { page, errors, context } = await open('initialization');
    const reachedAt = async (n: number) => {
      const w = page.locator('[data-descent2d]').nth(n);
      await w.getByRole('button', { name: 'Run', exact: true }).click();
      await expect.poll(() => w.getAttribute('data-finished'), { timeout: 30_000 }).toBe('true');
      expect(await w.locator('[data-verdict]').getAttribute('data-verdict')).toBe('reached');
      return Number(/at step (\d+)/.exec((await w.locator('[data-verdict]').textContent())!)![1]);
    };
    const before = await reachedAt(0);
    const after = await reachedAt(1);
    expect(after).toBeLessThan(5);
    expect(before).toBeGreaterThan(5 * after);
    await page.locator('[data-descent2d]').nth(0).screenshot({ path: resultsPath('screenshots', 'init-normalize-before-1280.png') });
    await page.locator('[data-descent2d]').nth(1).screenshot({ path: resultsPath('screenshots', 'init-normalize-after-1280.png') });
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('marks a question', async () => {
    const { page, errors, context } = await open('initialization');
    await answer(page, 'chain-bound', '0.25', '9.5367e-7');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});

describe('regularization lesson', () => {
  it('a dropout mask applied greys the dropped paths and zeroes their gradients', async () => {
    const { page, errors, context } = await open('regularization');
    const w = page.locator('[data-dropout]');
    await w.waitFor();
    expect(await w.getAttribute('data-mask')).toBe('10');
    // Unit 2 dropped: its three paths (two in, one out) greyed, their gradients exactly 0.
    expect(await w.locator('line[data-dropped="true"]').count()).toBe(3);
    for (const name of ['w1_2_1', 'w1_2_2', 'w2_1_2']) expect(await w.locator(`tr[data-weight="${name}"] td[data-gradient]`).textContent()).toBe('0');
    expect(await w.locator('tr[data-weight="w1_1_1"] td[data-gradient]').textContent()).not.toBe('0');
    // Keep unit 2 and drop unit 1 instead.
    await w.locator('button[data-toggle="2"]').click();
    await w.locator('button[data-toggle="1"]').click();
    expect(await w.getAttribute('data-mask')).toBe('01');
    expect(await w.locator('line[data-dropped="true"]').count()).toBe(3);
    for (const name of ['w1_1_1', 'w1_1_2', 'w2_1_1']) expect(await w.locator(`tr[data-weight="${name}"] td[data-gradient]`).textContent()).toBe('0');
    expect(await w.locator('tr[data-weight="w2_1_2"] td[data-gradient]').textContent()).not.toBe('0');
    expect(await w.textContent()).toMatch(/1\/\(1 − 0\.5\) = 2/);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('the L2 table shows λw as the penalty share of every weight, and L1 λ·sign(w)', async () => {
    const { page, errors, context } = await open('regularization');
    const w = page.locator('[data-penalty]');
    await w.waitFor();
    const share = async (name: string) => Number(await w.locator(`tr[data-weight="${name}"] td[data-penalty-gradient]`).getAttribute('data-penalty-gradient'));
    expect(await share('w2_1_1')).toBeCloseTo(0.1 * 0.4, 15);
    expect(await share('w1_1_2')).toBeCloseTo(0.1 * -0.25, 15);
    await w.getByRole('radio', { name: /L1/ }).check();
    expect(await share('w1_1_2')).toBe(-0.1);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('marks a question', async () => {
    const { page, errors, context } = await open('regularization');
    await answer(page, 'dropout-scale', '0.8', '1.25');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});

describe('in Spanish', () => {
  it('the widgets speak Spanish and a question is marked', async () => {
    const { page, errors, context } = await open('regularization', { lang: 'es' });
    const w = page.locator('[data-dropout]');
    await w.waitFor();
    expect(await w.locator('button[data-toggle="2"]').textContent()).toBe('neurona oculta 2: apagada');
    await w.locator('button[data-toggle="2"]').click();
    expect(await w.getAttribute('data-mask')).toBe('11');
    expect(await page.locator('[data-penalty]').textContent()).toMatch(/Penalización/);
    await answer(page, 'dropout-scale', '0.8', '1.25');
    expect(errors).toEqual([]);
    await context.close();
    const init = await open('initialization', { lang: 'es' });
    const spread = init.page.locator('[data-init-spread]');
    await expect.poll(() => spread.getAttribute('data-ready'), { timeout: 30_000 }).toBe('true');
    await spread.getByRole('radio', { name: 'He', exact: true }).check();
    expect(await spread.textContent()).toMatch(/Dispersión de las activaciones/);
    await spread.screenshot({ path: resultsPath('screenshots', 'init-spread-es-1280.png') });
    expect(init.errors).toEqual([]);
    await init.context.close();
  }, 120_000);
});

for (const width of [375, 1280]) {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`at ${width}px (${colorScheme}): both lessons without sideways scroll or serious axe violations; screenshots`, async () => {
      for (const slug of ['initialization', 'regularization']) {
        const { page, errors, context } = await open(slug, { width, colorScheme });
        await page.screenshot({ path: resultsPath('screenshots', `${slug}-${width}-${colorScheme}.png`) });
        expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
        // On a phone the lesson's workbench is pinned over the top of the window; a tall window
        // shows each widget whole below it for its own screenshot.
        if (width < 600) await page.setViewportSize({ width, height: 2600 });
        if (slug === 'initialization') {
          const spread = page.locator('[data-init-spread]');
          await expect.poll(() => spread.getAttribute('data-ready'), { timeout: 30_000 }).toBe('true');
          await spread.getByRole('radio', { name: 'He', exact: true }).check();
          await shoot(page, '[data-init-spread]', `init-spread-${width}-${colorScheme}.png`);
          await shoot(page, '[data-symmetry]', `init-symmetry-${width}-${colorScheme}.png`);
          await shoot(page, '[data-sigmoid-chain]', `init-chain-${width}-${colorScheme}.png`);
        } else {
          await shoot(page, '[data-dropout]', `reg-dropout-${width}-${colorScheme}.png`);
          await shoot(page, '[data-penalty]', `reg-penalty-${width}-${colorScheme}.png`);
        }
        expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
        await page.mouse.move(0, 0);
        expect(await seriousAxeViolations(page)).toEqual([]);
        expect(errors).toEqual([]);
        await context.close();
      }
    }, 240_000);
  }
}
