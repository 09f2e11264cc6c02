// The exercise pages in a real browser: a signed link gives the student their own numbers;
// practice checks each answer at once (an unreadable one says why and costs no attempt); answers
// survive a reload; the downloaded submission grades the same on the command-line grader; exam
// mode checks nothing until the end, and Finish asks first, pointing at unreadable answers; after
// finishing each question shows its exact value and a worked solution with the student's numbers.
// The student's variant is drawn as a graph with no computed values; "Your numbers" stays in
// view. At 1280×800 and 375×812, light and dark: no sideways scroll, no serious axe violations.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { openPage, resultsPath, seriousAxeViolations as serious, sidewaysScroll as sideways, useSite } from './harness.ts';
import { Checker } from '../../src/lib/core/check/checker.ts';
import { Grader } from '../../src/lib/core/grade/grader.ts';
import { SignedSeeds } from '../../src/cli/grading/seeds.ts';
import { drawVariant, publicSeed } from '../../src/lib/core/variants.ts';
import { loadExercise } from '../check/helpers.ts';
import { parsePlain } from '../../src/lib/content/format.ts';

const chain3 = loadExercise('exercises/chain3.md');
const exam = loadExercise('exercises/neuron-exam.md');
const seeds = SignedSeeds.forExercise('browser-test-secret-0123456789', chain3);
const errors: string[] = [];
const site = useSite();

async function open(path: string, options: Parameters<typeof openPage>[1] = {}) {
  const opened = await openPage(site.browser, options);
  opened.page.on('console', (m) => m.type() === 'error' && errors.push(`${path}: ${m.text()}`));
  opened.page.on('pageerror', (e) => errors.push(`${path}: ${e.message}`));
  await opened.page.goto(site.server.url + path);
  return opened;
}
const question = (page: Page, id: string) => page.locator(`form[data-question="${id}"]`);
async function answer(page: Page, id: string, typed: string, check = true) {
  await question(page, id).locator('input').fill(typed);
  if (check) await question(page, id).getByRole('button', { name: 'Check' }).click();
}
/** Signs in on the gate once the page is interactive (a click before hydration would be lost). */
async function startAs(page: Page, student: string) {
  await page.waitForLoadState('networkidle');
  await page.getByLabel('Student id').fill(student);
  await page.getByRole('button', { name: 'Start' }).click();
  await page.locator('[data-student]').waitFor();
}
const verdict = (page: Page, id: string) => question(page, id).locator('.feedback').getAttribute('data-verdict');
/** The graph's visible text and its labels (aria-label, title): what a student can read or hear. */
const graphText = (page: Page) =>
  page.locator('[data-variant-graph]').evaluate((el) => {
    const labels = [...el.querySelectorAll('*')].flatMap((e) => ['aria-label', 'title'].map((a) => e.getAttribute(a) ?? ''));
    return [(el as HTMLElement).innerText, el.textContent, ...labels].join('\n');
  });
/** Every decimal number written in a text (−0.3, 1.33, 2.5e-3), as numbers. */
const decimals = (text: string) => [...text.replaceAll('−', '-').matchAll(/-?\d+\.\d+(?:e-?\d+)?/g)].map((m) => Number(m[0]));

describe('practice exercise from a signed link', () => {
  const seed = seeds.issued('ana');
  const code = seeds.code('ana');
  const expected = new Checker(chain3).expected(seed);
  const four = (id: string) => expected[id].toFixed(4);
  let page: Page;

  beforeAll(async () => {
    ({ page } = await open(`/en/exercises/chain3?student=ana&code=${encodeURIComponent(code)}`));
    await page.locator('[data-student]').waitFor();
  });

  it("shows the student's own numbers", async () => {
    const variant = drawVariant(chain3.variants, seed);
    expect(await page.locator('dd[data-name="x"]').textContent()).toBe(String(variant.x));
    expect(await page.locator('dd[data-name="w3"]').textContent()).toBe(String(variant.w3));
    expect(await page.locator('[data-student]').textContent()).toBe('ana');
  });

  it('checks each answer at once, with the checker’s verdicts', async () => {
    await answer(page, 'z1', four('z1'));
    await expect.poll(() => verdict(page, 'z1')).toBe('correct');
    await answer(page, 'a1', four('a1').replace('.', ','));
    await expect.poll(() => verdict(page, 'a1')).toBe('correct');
    await answer(page, 'da3', (Number(four('a3')) - 1).toFixed(4));
    await expect.poll(() => verdict(page, 'da3')).toBe('misconception');
    expect(await question(page, 'da3').locator('.feedback').textContent()).toMatch(/factor 2/);
  });

  it('an unreadable answer says why and is not an attempt', async () => {
    await answer(page, 'z2', 'import("fs")');
    await expect.poll(() => verdict(page, 'z2')).toBe('invalid');
    expect(await question(page, 'z2').locator('.feedback').textContent()).toMatch(/unknown function "import"/);
    expect(await question(page, 'z2').locator('.attempts').count()).toBe(0);
    await answer(page, 'z2', '0.5');
    await expect.poll(() => question(page, 'z2').locator('.attempts').textContent()).toBe('1 attempt');
  });

  it('answers survive a reload', async () => {
    await answer(page, 'z2', four('z2'), false);
    await page.reload();
    await page.locator('[data-student]').waitFor();
    expect(await question(page, 'z1').locator('input').inputValue()).toBe(four('z1'));
    expect(await question(page, 'z2').locator('input').inputValue()).toBe(four('z2'));
  });

  it('the downloaded submission grades the same on the grader, signature checked', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download submission' }).click()]);
    const submission = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(submission).toMatchObject({ exercise: 'chain3', student: 'ana', seed: code, answers: { z1: four('z1'), z2: four('z2') } });
    const [graded] = new Grader(chain3, { seeds }).gradeFile(new TextEncoder().encode(JSON.stringify(submission)), 'ana.json');
    const status = Object.fromEntries(graded.questions.map((q) => [q.id, q.status]));
    expect(status).toMatchObject({ z1: 'correct', a1: 'correct', z2: 'correct', da3: 'misconception' });
  });

  it('has no serious accessibility problems', async () => {
    expect(await serious(page)).toEqual([]);
  });
});

describe('exam exercise', () => {
  it('checks nothing until the end; Finish asks first and points at unreadable answers; then marks everything', async () => {
    const { page } = await open('/en/exercises/neuron-exam');
    await startAs(page, 'bo');
    const right = new Checker(exam).expected(publicSeed('neuron-exam', 'bo'));
    await answer(page, 'z', right.z.toFixed(4), false);
    await answer(page, 'yhat', right.yhat.toFixed(4), false);
    await answer(page, 'dz', '0.5.3', false);
    expect(await question(page, 'z').getByRole('button', { name: 'Check' }).count()).toBe(0);
    expect(await verdict(page, 'z')).toBe('');

    // Finish asks first: the unreadable answer and the empty ones are named, nothing is final yet.
    await page.getByRole('button', { name: /Finish and check everything/ }).click();
    const confirm = page.locator('[data-confirm-finish]');
    await confirm.waitFor();
    expect(await confirm.locator('[data-unreadable]').textContent()).toMatch(/Question 3: .*cannot read|Question 3: .*Cannot read/i);
    expect(await confirm.textContent()).toMatch(/No answer yet: Question 4, Question 5/);
    expect(await verdict(page, 'z')).toBe('');
    await page.getByRole('button', { name: 'Keep working' }).click();
    expect(await confirm.count()).toBe(0);
    expect(await question(page, 'z').locator('input').isDisabled()).toBe(false);

    // The link in the list takes the student to the unreadable answer.
    await page.getByRole('button', { name: /Finish and check everything/ }).click();
    await confirm.getByRole('button', { name: 'Question 3' }).click();
    expect(await page.evaluate(() => document.activeElement?.closest('form')?.getAttribute('data-question'))).toBe('dz');
    await answer(page, 'dz', right.dz.toFixed(4), false);
    await page.getByRole('button', { name: /Finish and check everything/ }).click();
    expect(await confirm.locator('[data-unreadable]').count()).toBe(0);
    await page.getByRole('button', { name: 'Yes, finish and check' }).click();

    await expect.poll(() => verdict(page, 'z')).toBe('correct');
    expect(await verdict(page, 'dz')).toBe('correct');
    expect(await verdict(page, 'dw2')).toBe('missing');
    expect(await page.locator('[data-score]').getAttribute('data-score')).toBe('4');
    expect(await question(page, 'z').locator('input').isDisabled()).toBe(true);

    // Each question: the exact value, and a worked solution from the step engine with bo's numbers.
    for (const q of exam.questions) expect(parsePlain((await page.locator(`[data-exact="${q.id}"]`).textContent()) ?? ''), q.id).toBeCloseTo(right[q.id], 12);
    const steps = (id: string) => page.locator(`[data-solution="${id}"] li`).evaluateAll((items) => items.map((li) => li.getAttribute('data-step')));
    expect(await steps('z')).toEqual(['forward:z']);
    expect((await steps('dw2')).at(-1)).toBe('backward:w2');
    expect((await steps('w2new')).at(-1)).toBe('update:w2');
    expect(await steps('w2new')).toContain('backward:w2');
    expect(await serious(page)).toEqual([]);
  });

  it('lists the exercises, and the pages log no errors', async () => {
    const { page } = await open('/en/exercises');
    expect(await page.getByRole('link', { name: 'Three sigmoid neurons in a row' }).count()).toBe(1);
    expect(errors).toEqual([]);
  });
});

for (const [width, height, theme] of [[1280, 800, 'light'], [375, 812, 'dark'], [375, 812, 'light'], [1280, 800, 'dark']] as const) {
  describe(`exercise pages at ${width}×${height} (${theme})`, () => {
    it("draws the student's variant as a graph: names and given numbers, no computed values; Your numbers stays in view", async () => {
      const seed = seeds.issued('cy');
      const { page } = await open(`/en/exercises/chain3?student=cy&code=${encodeURIComponent(seeds.code('cy'))}`, { width, height, colorScheme: theme });
      await page.locator('[data-variant-graph]').waitFor();
      const given = drawVariant(chain3.variants, seed);
      const numbers = { ...chain3.spec.inputs, ...chain3.spec.params, ...given };
      const text = await graphText(page);
      // Every decimal the graph writes is one of the given numbers; every computed box says "?".
      const allowed = new Set(Object.values(numbers));
      expect(decimals(text).filter((v) => !allowed.has(v))).toEqual([]);
      expect(text).toContain(String(given.x));
      for (const node of ['z1', 'a1', 'z2', 'a2', 'z3', 'a3', 'C']) expect(await page.locator(`[data-variant-graph] [data-value="${node}"]`).textContent(), node).toBe('?');
      expect(await sideways(page)).toBe(0);
      await page.screenshot({ path: resultsPath('screenshots', `exercise-${width}-${theme}-graph.png`) });

      // Far down the page, the student's numbers are still on screen.
      await question(page, 'w3new').scrollIntoViewIfNeeded();
      const bar = (await page.getByRole('region', { name: 'Your numbers' }).boundingBox())!;
      expect(bar.y).toBeGreaterThanOrEqual(0);
      expect(bar.y + bar.height).toBeLessThanOrEqual(height);
      expect(bar.height).toBeLessThan(height / 4);
      await page.screenshot({ path: resultsPath('screenshots', `exercise-${width}-${theme}-numbers-in-view.png`) });
      expect(await serious(page)).toEqual([]);
    });

    it('exam: the confirmation and the worked solutions fit the screen', async () => {
      const { page } = await open('/en/exercises/neuron-exam', { width, height, colorScheme: theme });
      await startAs(page, `dee-${width}-${theme}`);
      await answer(page, 'z', '0.1', false);
      await answer(page, 'yhat', 'sigmoid(', false);
      await page.getByRole('button', { name: /Finish and check everything/ }).click();
      await page.locator('[data-confirm-finish]').waitFor();
      expect(await sideways(page)).toBe(0);
      await page.locator('[data-confirm-finish]').screenshot({ path: resultsPath('screenshots', `exercise-${width}-${theme}-confirm-finish.png`) });
      expect(await serious(page)).toEqual([]);
      await page.getByRole('button', { name: 'Yes, finish and check' }).click();
      for (const summary of await page.locator('[data-solution] summary').all()) await summary.click();
      expect(await sideways(page)).toBe(0);
      await page.screenshot({ path: resultsPath('screenshots', `exercise-${width}-${theme}-worked-solutions.png`), fullPage: true });
      expect(await serious(page)).toEqual([]);
      const { page: index } = await open('/en/exercises', { width, height, colorScheme: theme });
      expect(await sideways(index)).toBe(0);
    }, 180_000);
  });
}
