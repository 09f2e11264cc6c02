// /author in a real browser, at 1280×800 and 375×812 in both themes: a misspelt function gets a
// "did you mean" in the problem list, ::steps{practice=true} opens the preview in "Try it first",
// the draft downloads as the same Markdown, nothing scrolls sideways, no serious axe violations.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { openPage, resultsPath, seriousAxeViolations as serious, sidewaysScroll as sideways, useSite } from './harness.ts';

const site = useSite();

const source = (page: Page) => page.getByRole('region', { name: 'Lesson source' }).locator('textarea');

for (const [width, height, theme] of [[1280, 800, 'light'], [375, 812, 'dark']] as const) {
  describe(`/en/author at ${width}×${height} (${theme})`, () => {
    let page: Page;
    let errors: string[];

    beforeAll(async () => {
      ({ page, errors } = await openPage(site.browser, { width, height, colorScheme: theme }));
      await page.goto(`${site.server.url}/en/author`);
      await page.locator('.preview h2').first().waitFor();
      // Hydrated once typing updates the preview.
      await page.waitForFunction(() => !!document.querySelector('textarea') && document.readyState === 'complete');
    });

    it('says "did you mean sigmoid" for sigmod, at its line', async () => {
      const text = await source(page).inputValue();
      await source(page).fill(text.replace('a: sigmoid(z)', 'a: sigmod(z)'));
      const problem = page.locator('.diagnostics li.error', { hasText: 'sigmod' });
      await problem.waitFor();
      expect(await problem.locator('.message').textContent()).toMatch(/unknown function "sigmod" \(did you mean "sigmoid"\?/);
      expect(await problem.locator('.where').textContent()).toBe('line 10, col 8');
      expect(await sideways(page)).toBe(0);
      await page.screenshot({ path: resultsPath('screenshots', `author-${width}-${theme}-did-you-mean.png`), fullPage: false });
      await source(page).fill(text);
      await page.locator('.diagnostics li.error').waitFor({ state: 'detached' });
    });

    it('honours ::steps{practice=true}: the preview opens in "Try it first"', async () => {
      const tryFirst = page.getByRole('checkbox', { name: 'Try it first' }).first();
      expect(await tryFirst.isChecked()).toBe(false);
      const text = await source(page).inputValue();
      await source(page).fill(text.replace('::steps{pass=forward}', '::steps{pass=forward practice=true}'));
      await expect.poll(() => tryFirst.isChecked()).toBe(true);
      // The author's own switch is kept while the directive stays as it is.
      await tryFirst.uncheck();
      await source(page).fill((await source(page).inputValue()).replace('Right now', 'At the moment'));
      await page.getByText('At the moment').first().waitFor();
      expect(await tryFirst.isChecked()).toBe(false);
      // A bundled lesson with practice=true opens in "Try it first" too.
      const samples = page.getByLabel('Start from');
      const twoLayer = (await samples.locator('option').allTextContents()).find((t) => /two-layer/i.test(t));
      expect(twoLayer, 'the two-layer lesson is among the samples').toBeDefined();
      await samples.selectOption({ label: twoLayer! });
      await expect.poll(() => page.getByRole('checkbox', { name: 'Try it first' }).first().isChecked()).toBe(true);
    });

    it('downloads the draft as the same Markdown, in a .md file', async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download .md' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^[\w.-]+\.md$/);
      const saved = readFileSync((await download.path())!, 'utf8');
      expect(saved).toBe(await source(page).inputValue());
      expect(saved).toMatch(/^---\ntitle: /);
    });

    it('does not scroll sideways and has no serious accessibility problems', async () => {
      expect(await sideways(page)).toBe(0);
      await page.screenshot({ path: resultsPath('screenshots', `author-${width}-${theme}.png`), fullPage: true });
      expect(await serious(page)).toEqual([]);
      expect(errors).toEqual([]);
    }, 240_000);
  });
}
