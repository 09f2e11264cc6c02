// The two languages' addresses in a real browser: `/` picks the stored choice or the browser's
// language, an old unprefixed address reaches the same page in a language (query kept), each page
// says its language (<html lang>, hreflang), and the header's switch keeps the lesson, the step and
// the student's answers.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { openPage, useSite } from './harness.ts';
import { parseLesson } from '../../src/lib/content/lesson.ts';

const site = useSite();
const chain = parseLesson(readFileSync('lessons/01-chain.md', 'utf8'), 'lessons/01-chain.md').graph!.solve();

const open = async (path: string, locale = 'en-US') => {
  const opened = await openPage(site.browser, { locale });
  opened.page.setDefaultTimeout(15_000);
  await opened.page.goto(site.server.url + path);
  return opened;
};
const pathOf = (page: Page) => {
  const url = new URL(page.url());
  return url.pathname + url.search;
};
const lessonReady = async (page: Page) => {
  await page.locator('article[data-restored="true"]').waitFor();
  await page.waitForURL(/[?&]step=\d+/);
};

describe('language addresses', () => {
  it('sends `/` to the browser language: es-ES → /es, en-US → /en, fr-FR → /en', async () => {
    for (const [locale, lang] of [['es-ES', 'es'], ['en-US', 'en'], ['fr-FR', 'en']]) {
      const { page, context, errors } = await open('/', locale);
      await expect.poll(() => pathOf(page), locale).toBe(`/${lang}`);
      await page.locator('main h1').waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it('sends `/` to the stored choice before the browser language', async () => {
    const { page, context } = await open('/es/lessons/chain', 'en-US');
    await lessonReady(page);
    await page.goto(site.server.url + '/');
    await expect.poll(() => pathOf(page)).toBe('/es');
    await context.close();
  });

  it('keeps old unprefixed addresses working, with their query', async () => {
    const { page, context } = await open('/lessons/chain?step=3', 'es-MX');
    await expect.poll(() => pathOf(page)).toBe('/es/lessons/chain?step=3');
    await lessonReady(page);
    for (const [old, now] of [['/exercises/chain3', '/en/exercises/chain3'], ['/train', '/en/train'], ['/author', '/en/author'], ['/exercises', '/en/exercises']]) {
      const fresh = await open(old, 'en-GB');
      await expect.poll(() => pathOf(fresh.page), old).toBe(now);
      await fresh.context.close();
    }
    await context.close();
  });

  it('says the language of each page: <html lang> and hreflang links to both versions', async () => {
    const { page, context } = await open('/es/lessons/chain');
    await lessonReady(page);
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    const alternates = await page.locator('link[rel="alternate"][hreflang]').evaluateAll((links) =>
      Object.fromEntries(links.map((l) => [l.getAttribute('hreflang'), l.getAttribute('href')]))
    );
    expect(alternates).toEqual({ en: '/en/lessons/chain', es: '/es/lessons/chain', 'x-default': '/lessons/chain' });
    await context.close();
  });

  it('switches language on a lesson keeping the step and the answers', async () => {
    const { page, context, errors } = await open('/en/lessons/chain?step=5');
    await lessonReady(page);
    const stepId = await page.locator('.workbench [data-step-id]').getAttribute('data-step-id');
    const question = page.locator('[data-question="dC-dW3"]');
    const answer = chain.gradients.w3.toPrecision(6);
    await question.locator('input').fill(answer);
    await question.locator('button[type=submit]').click();
    await expect.poll(() => question.locator('.feedback .good').count()).toBe(1);

    await page.locator('header [data-lang-switch="es"]').click();
    await page.waitForURL(/\/es\/lessons\/chain/);
    await lessonReady(page);
    expect(pathOf(page)).toBe('/es/lessons/chain?step=5');
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    expect(await page.locator('.workbench [data-step-id]').getAttribute('data-step-id')).toBe(stepId);
    expect(await question.locator('input').inputValue()).toBe(answer);
    expect(await question.locator('.feedback .good').count()).toBe(1);

    // And back, to the same place.
    await page.locator('header [data-lang-switch="en"]').click();
    await page.waitForURL(/\/en\/lessons\/chain/);
    await lessonReady(page);
    expect(pathOf(page)).toBe('/en/lessons/chain?step=5');
    expect(errors).toEqual([]);
    await context.close();
  });
});
