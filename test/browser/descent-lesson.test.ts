// The gradient-descent lesson in Debian's Chromium: the first widget is stepped (the table's
// numbers checked against xₙ = 10·0.8ⁿ), the rate-1.1 widget is run to the end and says plainly
// that it diverges (no NaN, no Infinity, iterates off the plot reported), the rate slider moves a
// run, a question is answered (one of them on the start the student chose in a widget), and at 375 and 1280 px, light and dark: screenshots, no sideways
// scroll, axe with no serious or critical violations, no console errors.
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
  await p.locator('[data-descent] svg').nth(5).waitFor();
};

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  ({ page, errors } = await openPage(browser));
  page.setDefaultTimeout(15_000);
  await page.goto(`${server.url}/en/lessons/gradient-descent`);
  await ready(page);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const widget = (n: number, p = page) => p.locator('[data-descent]').nth(n);
const cells = async (w: Locator, row: number) => (await w.locator(`tr[data-row="${row}"] td`).allTextContents()).map((t) => Number(t.replace('−', '-')));

/** Press Run and wait for the end (the run animates; reduced motion jumps). */
async function runToEnd(w: Locator) {
  await w.getByRole('button', { name: 'Run' }).click();
  await expect.poll(() => w.getAttribute('data-finished'), { timeout: 20_000 }).toBe('true');
}

describe('gradient-descent lesson', () => {
  it('steps rate 0.1 from 10: the table reads n, xₙ, f′(xₙ), xₙ₊₁ = 10·0.8ⁿ⁺¹', async () => {
    const w = widget(0);
    expect(await w.getAttribute('data-shown')).toBe('0');
    for (let i = 0; i < 3; i++) await w.getByRole('button', { name: 'Step' }).click();
    expect(await w.getAttribute('data-shown')).toBe('3');
    expect(await cells(w, 0)).toEqual([0, 10, 20, 8]);
    expect(await cells(w, 1)).toEqual([1, 8, 16, 6.4]);
    expect(await cells(w, 2)).toEqual([2, 6.4, 12.8, 5.12]);
    expect(Number(await w.getAttribute('data-x'))).toBeCloseTo(5.12, 12);
    // The curve and four iterates (x₀…x₃) are drawn on the chart.
    expect(await w.locator('[data-series="iterates"] ~ circle[data-dot]').count()).toBe(4);
    await w.getByRole('button', { name: 'Rewind' }).click();
    expect(await w.getAttribute('data-shown')).toBe('0');
  });

  it('runs rate 1.1 to the end and says it diverges, with the iterates off the plot named and no NaN', async () => {
    const w = widget(4);
    expect(await w.getAttribute('data-rate')).toBe('1.1');
    await runToEnd(w);
    expect(await w.getAttribute('data-verdict')).toBe('diverging');
    const status = (await w.locator('[data-status]').textContent())!;
    expect(status).toMatch(/Diverging: at rate 1.1 each jump is longer than the one before/);
    expect(status).toMatch(/From x₈ = 42\.9982 on, the iterates are off the plot/);
    expect(status).not.toMatch(/NaN|Infinity|∞/);
    expect(await cells(w, 1)).toEqual([1, -12, -24, 14.4]);
    const table = (await w.locator('tbody').textContent())!;
    expect(table).not.toMatch(/NaN|∞/);
    await w.screenshot({ path: resultsPath('screenshots', 'descent-diverging-1280.png') });
  });

  it('bounces at rate 1, and the rate slider turns the bounce into a landing at 0.5', async () => {
    const w = widget(3);
    await runToEnd(w);
    expect(await w.getAttribute('data-verdict')).toBe('bouncing');
    const slider = w.getByRole('slider', { name: /learning rate/ });
    await slider.fill('0.5');
    expect(await w.getAttribute('data-rate')).toBe('0.5');
    expect(await w.getAttribute('data-shown')).toBe('0');
    await runToEnd(w);
    expect(await w.getAttribute('data-verdict')).toBe('settled');
    expect(await cells(w, 0)).toEqual([0, 10, 20, 0]);
  });

  it('the start slider decides the valley on the two-valley function', async () => {
    const w = widget(5);
    await runToEnd(w);
    expect(Number(await w.getAttribute('data-x'))).toBeCloseTo(1.861, 3);
    await w.getByRole('slider', { name: /start/ }).fill('0');
    await runToEnd(w);
    expect(Number(await w.getAttribute('data-x'))).toBeCloseTo(-2.115, 3);
  });

  it("plots x² with its derivative and reads out f and f′ where the student points", async () => {
    const plot = page.locator('[data-plot]').first();
    expect(await plot.locator('[data-series="f′(x)"]').count()).toBe(1);
    expect(await plot.locator('[data-value]').textContent()).toBe('9');
    expect(await plot.locator('[data-slope]').textContent()).toBe('6');
    await plot.getByRole('slider', { name: /read at x/ }).fill('-4');
    expect(await plot.locator('[data-value]').textContent()).toBe('16');
    expect(await plot.locator('[data-slope]').textContent()).toBe('−8');
    // Hovering: the pointer at the middle of the x axis reads near x = 0.
    const axis = plot.locator('line.axis').first();
    const box = (await axis.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y - 20);
    expect(Math.abs(Number(await plot.getAttribute('data-at')))).toBeLessThan(0.2);
  });

  it('marks a question on the descent', async () => {
    const q = page.locator('[data-question="one-step"]');
    await q.getByLabel('Your answer').fill('9');
    await q.getByRole('button', { name: 'Check' }).click();
    await q.locator('.feedback .bad').waitFor();
    await q.getByLabel('Your answer').fill('8');
    await q.getByRole('button', { name: 'Check' }).click();
    await q.getByText(/Correct/).waitFor();
  });

  it('a question reads the start the student chose in the first widget, and is marked again when it moves', async () => {
    const w = widget(0);
    await w.getByRole('slider', { name: /start/ }).fill('6');
    expect(await w.getAttribute('data-start')).toBe('6');
    const q = page.locator('[data-question="your-start"]');
    // x₂ = 6 · (1 − 2·0.1)² = 3.84
    await q.getByLabel('Your answer').fill('3.84');
    await q.getByRole('button', { name: 'Check' }).click();
    await q.getByText(/Correct/).waitFor();
    await w.getByRole('slider', { name: /start/ }).fill('5');
    await q.locator('.feedback .bad').waitFor();
    await q.locator('[data-remarked]').waitFor();
    await q.getByLabel('Your answer').fill('3.2');
    await q.getByRole('button', { name: 'Check' }).click();
    await q.getByText(/Correct/).waitFor();
    // The start is kept with the progress: after a reload the widget and the verdict are as they were.
    await page.reload();
    await ready(page);
    expect(await widget(0).getAttribute('data-start')).toBe('5');
    await page.locator('[data-question="your-start"]').getByText(/Correct/).waitFor();
  });

  it('in Spanish: the rate-1.1 run is judged in Spanish with decimal commas, and the start question takes a comma', async () => {
    const opened = await openPage(browser, { width: 1280, height: 900 });
    const p = opened.page;
    p.setDefaultTimeout(15_000);
    await p.goto(`${server.url}/es/lessons/gradient-descent`);
    await ready(p);
    const away = widget(4, p);
    await away.getByRole('button', { name: 'Ejecutar' }).click();
    await expect.poll(() => away.getAttribute('data-finished'), { timeout: 20_000 }).toBe('true');
    expect(await away.locator('[data-verdict-text]').textContent()).toMatch(/^Diverge: con tasa 1,1 cada salto es más largo que el anterior y f ha pasado de 100 a 910\.?044 en 25 pasos\./);
    const first = widget(0, p);
    await first.getByRole('slider', { name: /x₀/ }).fill('7.5');
    const q = p.locator('[data-question="your-start"]');
    // x₂ = 7,5 · 0,8² = 4,8
    await q.getByRole('textbox').fill('4,8');
    await q.getByRole('button').click();
    await q.locator('.feedback .good').waitFor();
    await away.screenshot({ path: resultsPath('screenshots', 'descent-es-diverging-1280-light.png') });
    expect(opened.errors).toEqual([]);
    await opened.context.close();
  }, 120_000);

  for (const width of [375, 1280]) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`at ${width}px (${colorScheme}): a diverging run and three steps, no sideways scroll, no serious axe violations; screenshots`, async () => {
        const opened = await openPage(browser, { width, height: 900, colorScheme });
        const p = opened.page;
        p.setDefaultTimeout(15_000);
        await p.goto(`${server.url}/en/lessons/gradient-descent`);
        await ready(p);
        const first = widget(0, p);
        for (let i = 0; i < 3; i++) await first.getByRole('button', { name: 'Step' }).click();
        const away = widget(4, p);
        await runToEnd(away);
        expect(await away.getAttribute('data-verdict')).toBe('diverging');
        expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        await away.screenshot({ path: resultsPath('screenshots', `descent-diverging-${width}-${colorScheme}.png`) });
        await p.locator('[data-plot]').first().screenshot({ path: resultsPath('screenshots', `descent-plot-${width}-${colorScheme}.png`) });
        await first.scrollIntoViewIfNeeded();
        await p.screenshot({ path: resultsPath('screenshots', `descent-${width}-${colorScheme}.png`) });
        await p.mouse.move(0, 0);
        const { violations } = await new AxeBuilder({ page: p }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).exclude('.katex-html').analyze();
        const serious = violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
        expect(serious).toEqual([]);
        expect(opened.errors).toEqual([]);
        await opened.context.close();
      }, 180_000);
    }
  }

  it('logged no console errors', () => {
    expect(errors).toEqual([]);
  });
});
