// A lesson whose numbers overflow (exp(800)) in the /author preview: the page stays up, the
// warning sits in the diagnostics list at its line, and the graph shows ∞ instead of crashing.
import { describe, expect, it } from 'vitest';
import { openPage, resultsPath, useSite } from './harness.ts';

const site = useSite();

const lesson = ['---', 'title: Overflow', 'graph:', '  params: { w: 800 }', '  nodes:', '    big: exp(w)', '    C: big - w', '  loss: C', '---', '', 'The value of $e^{800}$.', '', '::graph', ''].join('\n');

describe('non-finite values in the author preview', () => {
  for (const [width, colorScheme] of [[375, 'light'], [1280, 'dark']] as const) {
    it(`lists the warning at its line (${width}px, ${colorScheme})`, async () => {
      const { page, context, errors } = await openPage(site.browser, { width, colorScheme });
      page.setDefaultTimeout(10_000);
      await page.goto(site.server.url + '/en/author');
      await page.locator('.preview figure.graph').first().waitFor();
      await page.locator('#lesson-source').fill(lesson);
      const item = page.locator('.preview .diagnostics li[data-line="6"]');
      await expect.poll(() => item.textContent(), { timeout: 5000 }).toMatch(/warning.*node "big" is Infinity: exp\(800\) = Infinity \(overflow/s);
      await page.locator('.preview .diagnostics').screenshot({ path: resultsPath('screenshots', `nonfinite-author-${width}-${colorScheme}.png`) });
      await page.locator('.preview').screenshot({ path: resultsPath('screenshots', `nonfinite-author-preview-${width}-${colorScheme}.png`) });
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
