// The /train page in Debian's Chromium: one epoch on WebGPU (SwiftShader) with live curves and
// the WebGPU badge, a digit drawn on the pad and read back, and, with WebGPU off, the same page
// training on the CPU and saying so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, resultsPath, seriousAxeViolations, sidewaysScroll, startServer, type Server } from './harness.ts';

let server: Server;

beforeAll(async () => {
  server = await startServer();
  const data = await fetch(`${server.url}/data/mnist10k.bin`);
  if (!data.ok) throw new Error('the site has no /data/mnist10k.bin: run `npm run prepare:data` before building');
});
afterAll(async () => server?.close());

/** Opens /train, waits for hydration, and sets a one-epoch run without early stopping. */
async function openTrainPage(browser: Browser, options: Parameters<typeof openPage>[1] = {}) {
  const opened = await openPage(browser, options);
  await opened.page.goto(`${server.url}/en/train`);
  await opened.page.waitForSelector('[data-hydrated="true"]');
  await opened.page.getByLabel('Epochs').fill('1');
  await opened.page.getByLabel('Early stopping patience').fill('0');
  return opened;
}

async function trainOnce(page: Page) {
  await page.getByRole('button', { name: 'Start training' }).click();
  await page.waitForSelector('[data-status="done"], [data-status="failed"]', { timeout: 180_000 });
  expect(await page.locator('[role="status"]').getAttribute('data-status')).toBe('done');
}

/** Draws a vertical stroke (a "1") on the pad with the mouse. */
async function drawOne(page: Page) {
  const pad = page.getByLabel(/Drawing pad/);
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.15);
  await page.mouse.down();
  for (let i = 1; i <= 20; i++) await page.mouse.move(box.x + box.width / 2 + i * 0.6, box.y + box.height * (0.15 + i * 0.035));
  await page.mouse.up();
}

describe('/en/train with WebGPU (SwiftShader)', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launchBrowser({ webgpu: true });
    ({ page, errors } = await openTrainPage(browser));
  });
  afterAll(async () => browser?.close());

  it('trains one epoch on WebGPU, with a rising accuracy curve and the WebGPU badge', async () => {
    await trainOnce(page);
    const badge = page.locator('[data-backend]');
    expect(await badge.getAttribute('data-backend')).toBe('webgpu');
    expect(await badge.textContent()).toMatch(/^WebGPU · .*swiftshader/i);
    expect(await page.locator('.notice').count()).toBe(0);

    const accuracy = page.locator('figure', { hasText: 'Accuracy' }).locator('path[data-series="training"]');
    const values: number[] = JSON.parse((await accuracy.getAttribute('data-values'))!);
    expect(values.length).toBeGreaterThanOrEqual(10);
    const firstThird = values.slice(0, 3).reduce((a, b) => a + b) / 3;
    const lastThird = values.slice(-3).reduce((a, b) => a + b) / 3;
    expect(lastThird).toBeGreaterThan(firstThird + 0.2);
    expect(lastThird).toBeGreaterThan(0.8);

    const test = Number(await page.locator('[data-test-accuracy]').getAttribute('data-test-accuracy'));
    expect(test).toBeGreaterThan(0.85);
    expect(await page.locator('.confusion tbody tr').count()).toBe(10);
    expect(await page.getByRole('img', { name: /weights into hidden unit/ }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: resultsPath('train', 'webgpu-after-one-epoch.png'), fullPage: true });
  });

  it('reads a digit drawn on the pad', async () => {
    await drawOne(page);
    const verdict = page.locator('[data-prediction]');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-prediction')).toBe('1');
    expect(await page.locator('.bars li').count()).toBe(10);
    expect(errors).toEqual([]);
  });
});

describe('/en/train without WebGPU', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('trains on the CPU and says so', async () => {
    const { page, errors } = await openTrainPage(browser);
    await trainOnce(page);
    expect(await page.locator('[data-backend]').getAttribute('data-backend')).toBe('cpu');
    expect(await page.locator('[data-backend]').textContent()).toMatch(/^CPU/);
    expect(await page.locator('.notice').textContent()).toMatch(/WebGPU unavailable .*training on the CPU instead/);
    expect(Number(await page.locator('[data-test-accuracy]').getAttribute('data-test-accuracy'))).toBeGreaterThan(0.85);
    await drawOne(page);
    await page.locator('[data-prediction]').waitFor();
    expect(await page.locator('[data-prediction]').getAttribute('data-prediction')).toBe('1');
    expect(errors).toEqual([]);
  });

  for (const [width, height, theme] of [[1280, 800, 'light'], [375, 812, 'dark']] as const) {
    it(`at ${width}×${height} (${theme}): no sideways scroll, round ticks, labels beside their lines, no serious accessibility problems`, async () => {
      const { page } = await openTrainPage(browser, { width, height, colorScheme: theme });
      expect(await sidewaysScroll(page), 'before training').toBe(0);
      await trainOnce(page);
      expect(await sidewaysScroll(page), 'with the results shown').toBe(0);

      // Round ticks: the loss axis steps by 1, 2 or 5 times a power of ten; accuracy is in whole percents.
      const loss = page.locator('figure', { hasText: 'Loss' });
      const lossTicks = (await loss.locator('text.tick').allTextContents()).map(Number).filter(Number.isFinite);
      expect(lossTicks.length).toBeGreaterThanOrEqual(3);
      const step = lossTicks[1] - lossTicks[0];
      const mantissa = step / 10 ** Math.floor(Math.log10(step));
      expect([1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-9), `loss ticks ${lossTicks}`).toBe(true);
      const percents = await page.locator('figure', { hasText: 'Accuracy' }).locator('text.tick').allTextContents();
      expect(percents.filter((t) => t.endsWith('%'))).toEqual(expect.arrayContaining(['0%', '100%']));

      // Each series is named beside its line: the label starts right of the line's end, and labels do not overlap.
      for (const chart of [loss, page.locator('figure', { hasText: 'Accuracy' })]) {
        const line = (await chart.locator('path[data-series="training"]').boundingBox())!;
        const boxes = await Promise.all(['training', 'validation'].map(async (name) => (await chart.locator(`[data-label="${name}"] text`).first().boundingBox())!));
        expect(boxes[0].x).toBeGreaterThanOrEqual(line.x + line.width - 1);
        const [upper, lower] = boxes.sort((a, b) => a.y - b.y);
        expect(upper.y + upper.height).toBeLessThanOrEqual(lower.y + 1);
        const svg = (await chart.locator('svg').boundingBox())!;
        for (const box of boxes) expect(box.x + box.width).toBeLessThanOrEqual(svg.x + svg.width + 1);
      }
      await page.screenshot({ path: resultsPath('screenshots', `train-${width}-${theme}.png`), fullPage: true });

      // Away from the Start button: app.css gives a hovered primary button a light background with white text.
      await page.mouse.move(0, 0);
      expect(await seriousAxeViolations(page)).toEqual([]);
    });
  }
});
