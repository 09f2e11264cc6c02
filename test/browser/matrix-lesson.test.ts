// Lesson 11 (backpropagation in matrix form) in Debian's Chromium: the ::matrices widget shows the
// batch of three; the batch-size slider moved to 1 leaves one column per matrix, says it is the
// scalar network and shows the first example's own cost; mean/sum moves dW by the factor m; a dW
// entry opens into its sum over the batch; a matrix question is read shape first (a transposed
// answer named), then marked right; in Spanish the numbers have decimal commas and a matrix with
// decimal commas and ; is accepted. At 375 and 1280 px, light and dark: screenshots, no sideways
// scroll, no serious axe violations.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { openPage, resultsPath, seriousAxeViolations, sidewaysScroll, useSite } from './harness.ts';
import { parseLesson } from '../../src/lib/content/lesson.ts';
import { networkMatrices, transpose } from '../../src/lib/core/matrix.ts';

const site = useSite();
const file = 'lessons/11-matrix-form.md';
const lesson = parseLesson(readFileSync(file, 'utf8'), file);
const mats = networkMatrices(lesson.spec!.network!, lesson.graph!.solve());
const dW2T = transpose(mats.get('dW2')!.values);

async function open(lang: 'en' | 'es', options: { width?: number; colorScheme?: 'light' | 'dark' } = {}) {
  const opened = await openPage(site.browser, { width: options.width ?? 1280, height: 900, colorScheme: options.colorScheme ?? 'light' });
  opened.page.setDefaultTimeout(20_000);
  await opened.page.goto(`${site.server.url}/${lang}/lessons/matrix-form`);
  await opened.page.locator('article[data-restored="true"]').waitFor();
  return opened;
}

describe('matrix-form lesson', () => {
  it('the batch slider moved to 1 gives the scalar network; mean vs sum; a dW entry opened into its sum', async () => {
    const { page, errors, context } = await open('en');
    const w = page.locator('[data-matrices]');
    await w.waitFor();
    expect(await w.getAttribute('data-m')).toBe('3');
    expect(await w.getAttribute('data-cost')).toBe('sum');
    // No ::graph or ::steps here: the page offers no step walk to "reach".
    expect(await page.locator('[data-progress]').textContent()).not.toMatch(/step/i);
    expect(await w.locator('[data-matrix="Z1"]').getAttribute('data-shape')).toBe('3x3');
    expect(await w.locator('[data-matrix="dW1"]').getAttribute('data-shape')).toBe('3x2');
    const sumOf3 = Number(await w.locator('[data-cost-value]').getAttribute('data-cost-value'));

    // Open dW⁽²⁾ entry (1, 2): three terms, one per example, adding up to the entry.
    await w.locator('[data-matrix="dW2"] button[data-entry="1,2"]').click();
    const sum = w.locator('[data-entry-sum="2,1,2"]');
    await sum.waitFor();
    expect(await sum.locator('tr[data-term]').count()).toBe(3);
    expect(Number(await sum.locator('[data-total]').getAttribute('data-total'))).toBeCloseTo(mats.get('dW2')!.values[0][1], 12);
    expect(await sum.textContent()).toMatch(/∂C\/∂w2_1_2 of the scalar graph/);

    // Mean instead of sum: every dW entry divided by m = 3.
    await w.getByRole('radio', { name: /mean/ }).check();
    await expect.poll(() => w.getAttribute('data-cost')).toBe('mean');
    expect(Number(await w.locator('[data-total]').getAttribute('data-total'))).toBeCloseTo(mats.get('dW2')!.values[0][1] / 3, 12);
    await w.getByRole('radio', { name: /sum/ }).check();

    // The batch slider down to 1: one column per matrix, the scalar network, example 1's own loss.
    const slider = w.getByRole('slider');
    await slider.focus();
    await slider.press('Home');
    await expect.poll(() => w.getAttribute('data-m')).toBe('1');
    expect(await w.locator('[data-matrix="Z1"]').getAttribute('data-shape')).toBe('3x1');
    expect(await w.locator('[data-matrix="A0"]').getAttribute('data-shape')).toBe('2x1');
    await w.locator('[data-scalar]').waitFor();
    const c1 = Number(await w.locator('[data-cost-value]').getAttribute('data-cost-value'));
    const a = lesson.graph!.solve().values;
    expect(c1).toBeCloseTo(a.C_e1, 14);
    expect(c1).toBeLessThan(sumOf3);
    await w.locator('[data-matrix="dW1"] button[data-entry="2,1"]').click();
    expect(await w.locator('[data-entry-sum="1,2,1"] tr[data-term]').count()).toBe(1);
    await w.screenshot({ path: resultsPath('screenshots', 'matrices-m1-1280.png') });
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('a matrix question: a transposed answer is named, the right matrix is marked right', async () => {
    const { page, errors, context } = await open('en');
    const q = page.locator('[data-question="dJdW2"]');
    const field = q.getByLabel('Your answer');
    await field.fill(JSON.stringify(transpose(dW2T)));
    await q.getByRole('button', { name: 'Check' }).click();
    await expect.poll(() => q.locator('.feedback').textContent()).toMatch(/transpose/);
    await field.fill(JSON.stringify(dW2T.map((r) => r.map((v) => Number(v.toFixed(5))))));
    await q.getByRole('button', { name: 'Check' }).click();
    await q.getByText(/Correct/).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('in Spanish: decimal commas in the matrices and a matrix answered with decimal commas and ;', async () => {
    const { page, errors, context } = await open('es');
    const w = page.locator('[data-matrices]');
    await w.waitFor();
    expect(await w.locator('[data-matrix="W1"]').textContent()).toMatch(/0,8/);
    const q = page.locator('[data-question="dJdW2"]');
    const typed = `[${dW2T.map((r) => `[${r.map((v) => v.toFixed(5).replace('.', ',')).join('; ')}]`).join('; ')}]`;
    await q.locator('input[type="text"]').fill(typed);
    await q.locator('button[type="submit"]').click();
    await expect.poll(() => q.locator('.feedback').textContent()).toMatch(/Correct/);
    await w.locator('[data-matrix="dW2"] button[data-entry="1,3"]').click();
    await w.screenshot({ path: resultsPath('screenshots', 'matrices-es-1280.png') });
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});

for (const width of [375, 1280]) {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`at ${width}px (${colorScheme}): no sideways scroll, no serious axe violations; screenshots`, async () => {
      const { page, errors, context } = await open('en', { width, colorScheme });
      await page.screenshot({ path: resultsPath('screenshots', `matrix-form-${width}-${colorScheme}.png`) });
      expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
      const w = page.locator('[data-matrices]');
      await w.locator('[data-matrix="dW1"] button[data-entry="1,1"]').click();
      await w.screenshot({ path: resultsPath('screenshots', `matrices-${width}-${colorScheme}.png`) });
      expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
      await page.mouse.move(0, 0);
      expect(await seriousAxeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    }, 180_000);
  }
}
