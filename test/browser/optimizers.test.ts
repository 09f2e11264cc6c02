// The optimizers lesson in Debian's Chromium: one Adam step is walked in the hand-steps figure (the
// worked update's numbers m = −0.8, v = 0.064, m̂ = −8, v̂ = 64 and the table's state), the
// momentum path's second step is the one the lesson asks for by hand, the bowl race is run with
// three paths overlaid on the contours and its winner changes when a slider lowers μ, a click on
// the plot moves the start, a question is answered; at 375 and 1280 px, light and dark:
// screenshots, no sideways scroll, axe with no serious or critical violations, no console errors.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { openPage, resultsPath, seriousAxeViolations, sidewaysScroll, useSite } from './harness.ts';

const site = useSite();
const url = () => `${site.server.url}/en/lessons/optimizers`;
const figure = (p: Page, n: number) => p.locator('[data-descent2d]').nth(n);

async function open(options: { width?: number; colorScheme?: 'light' | 'dark' } = {}) {
  const opened = await openPage(site.browser, { width: options.width ?? 1280, height: 900, colorScheme: options.colorScheme ?? 'light' });
  opened.page.setDefaultTimeout(20_000);
  await opened.page.goto(url());
  await opened.page.locator('article[data-restored="true"]').waitFor();
  await figure(opened.page, 3).locator('svg[data-contours]').waitFor();
  return opened;
}

/** The TeX source of every worked line (KaTeX keeps it in the MathML annotation). */
const walkedTex = async (f: Locator) =>
  (await f.locator('[data-walk] annotation').allTextContents()).map((t) =>
    t.replace(/\\displaystyle|\\quad|\\(begin|end)\{aligned\}|&|\\\\/g, ' ').replace(/\s+/g, ' ').trim()
  );
const cell = async (f: Locator, row: number, key: string) => (await f.locator(`tr[data-row="${row}"] td[data-state="${key}"]`).textContent())!.replace('−', '-');

/** Press Run and wait for the end (reduced motion: it jumps there). */
async function runToEnd(f: Locator) {
  await f.getByRole('button', { name: 'Run' }).click();
  await expect.poll(() => f.getAttribute('data-finished'), { timeout: 20_000 }).toBe('true');
}

describe('optimizers lesson', () => {
  it('walks one Adam step with 003’s settings: m, v, m̂, v̂ and the new x with their numbers', async () => {
    const { page, errors, context } = await open();
    const f = figure(page, 2);
    expect(await f.getAttribute('data-selected')).toBe('adam');
    expect(await f.locator('[data-walk]').getAttribute('data-walk')).toBe('0');
    await f.getByRole('button', { name: 'Step' }).click();
    expect(await f.locator('[data-walk]').getAttribute('data-walk')).toBe('1');
    const x = await walkedTex(f);
    expect(x[0]).toMatch(/= -8$/);
    expect(x[1]).toMatch(/= 0\.9 \\cdot 0 \+ 0\.1 \\cdot \(-8\) = -0\.8$/);
    expect(x[2]).toMatch(/= 0\.064$/);
    expect(x[3]).toMatch(/1 - 0\.9\^\{1\}\} = -8$/);
    expect(x[4]).toMatch(/1 - 0\.999\^\{1\}\} = 64$/);
    expect(x[6]).toMatch(/^x \\leftarrow .* = -3\.999$/);
    // The same update for y, and the table keeps the state of every step.
    await f.locator('[data-coordinate="y"]').click();
    const y = await walkedTex(f);
    expect(y[1]).toMatch(/= 2$/);
    expect(y[4]).toMatch(/= 400$/);
    expect(y[6]).toMatch(/= 0\.999$/);
    expect(await cell(f, 1, 'm.x')).toBe('-0.8');
    expect(await cell(f, 1, 'v.x')).toBe('0.064');
    expect(await cell(f, 1, 'm_hat.y')).toBe('20');
    expect(await cell(f, 1, 'v_hat.y')).toBe('400');
    // The momentum path's second step is the lesson's hand computation: x₂ = −2.88, y₂ = −0.9.
    await f.getByRole('button', { name: 'Step' }).click();
    await f.locator('[data-pick="momentum"]').click();
    await f.locator('[data-coordinate="x"]').click();
    expect(await f.getAttribute('data-selected')).toBe('momentum');
    const m2 = await walkedTex(f);
    expect(m2[1]).toMatch(/= 0\.9 \\cdot 0\.4 - 0\.05 \\cdot \(-7\.2\) = 0\.72$/);
    expect(m2[2]).toMatch(/= -2\.88$/);
    expect(await f.locator('tr[data-row="2"] td').nth(2).textContent()).toBe('−0.9');
    expect(errors).toEqual([]);
    await f.screenshot({ path: resultsPath('screenshots', 'optimizers-adam-step-1280.png') });
    await context.close();
  }, 120_000);

  it('overlays three paths on the contours; the race is SGD’s until μ is lowered to 0.5; a click moves the start', async () => {
    const { page, errors, context } = await open();
    const f = figure(page, 0);
    expect(Number(await f.locator('svg[data-contours]').getAttribute('data-contours'))).toBeGreaterThan(8);
    expect(await f.locator('g[data-path]').count()).toBe(3);
    await runToEnd(f);
    expect(await f.getAttribute('data-winner')).toBe('sgd');
    await expect.poll(() => f.locator('[role="status"]').textContent()).toMatch(/First to the minimum: SGD, at step 23\./);
    expect(await f.locator('[data-verdict]').allTextContents()).toEqual([
      'SGD reached the minimum (within 0.05) at step 23.',
      'SGD + momentum reached the minimum (within 0.05) at step 80.',
      'Adam reached the minimum (within 0.05) at step 76.'
    ]);
    // The selected path (Adam, the last listed) has a dot at every iterate; the others one at their end.
    expect(await f.locator('g[data-path="adam"] circle').count()).toBe(121);
    expect(await f.locator('g[data-path="sgd"] circle').count()).toBe(1);
    await f.locator('[data-sliders="momentum"] input[data-field="momentum"]').fill('0.5');
    expect(await f.getAttribute('data-shown')).toBe('0');
    await runToEnd(f);
    expect(await f.getAttribute('data-winner')).toBe('momentum');
    // A click on the plot starts every path from there.
    const box = (await f.locator('svg[data-contours]').boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.75, box.y + box.height * 0.25);
    const [sx, sy] = (await f.getAttribute('data-start'))!.split(',').map(Number);
    expect(sx).toBeGreaterThan(1);
    expect(sy).toBeGreaterThan(0);
    expect(await f.getAttribute('data-shown')).toBe('0');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('marks a question on the Adam step', async () => {
    const { page, errors, context } = await open();
    const q = page.locator('[data-question="adam-y1"]');
    await q.getByLabel('Your answer').fill('1');
    await q.getByRole('button', { name: 'Check' }).click();
    await q.locator('.feedback .bad').waitFor();
    await q.getByLabel('Your answer').fill('0.999');
    await q.getByRole('button', { name: 'Check' }).click();
    await q.getByText(/Correct/).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  for (const width of [375, 1280]) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`at ${width}px (${colorScheme}): the valley race and an Adam step, no sideways scroll, no serious axe violations; screenshots`, async () => {
        const { page, errors, context } = await open({ width, colorScheme });
        const valley = figure(page, 3);
        await runToEnd(valley);
        expect(await valley.getAttribute('data-winner')).toBe('momentum');
        const steps = figure(page, 2);
        await steps.getByRole('button', { name: 'Step' }).click();
        expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
        await valley.screenshot({ path: resultsPath('screenshots', `optimizers-valley-${width}-${colorScheme}.png`), timeout: 60_000 });
        await steps.screenshot({ path: resultsPath('screenshots', `optimizers-adam-${width}-${colorScheme}.png`), timeout: 60_000 });
        await page.mouse.move(0, 0);
        expect(await seriousAxeViolations(page)).toEqual([]);
        expect(errors).toEqual([]);
        await context.close();
      }, 480_000);
    }
  }
});
