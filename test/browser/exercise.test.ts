// The exercise pages in a real browser: a signed link gives the student their own numbers;
// practice checks each answer at once (an unreadable one says why and costs no attempt); answers
// survive a reload; the downloaded submission grades the same on the command-line grader; exam
// mode checks nothing until the end. No console errors, no serious axe violations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, startServer, type Server } from './harness.ts';
import { Checker } from '../../src/lib/core/check/checker.ts';
import { Grader } from '../../src/lib/core/grade/grader.ts';
import { SignedSeeds } from '../../src/cli/grading/seeds.ts';
import { drawVariant, publicSeed } from '../../src/lib/core/variants.ts';
import { loadExercise } from '../check/helpers.ts';

const chain3 = loadExercise('exercises/chain3.md');
const exam = loadExercise('exercises/neuron-exam.md');
const seeds = SignedSeeds.forExercise('browser-test-secret-0123456789', chain3);
const errors: string[] = [];
let server: Server;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path: string) {
  const opened = await openPage(browser);
  opened.page.on('console', (m) => m.type() === 'error' && errors.push(`${path}: ${m.text()}`));
  opened.page.on('pageerror', (e) => errors.push(`${path}: ${e.message}`));
  await opened.page.goto(server.url + path);
  return opened;
}
const question = (page: Page, id: string) => page.locator(`form[data-question="${id}"]`);
async function answer(page: Page, id: string, typed: string, check = true) {
  await question(page, id).locator('input').fill(typed);
  if (check) await question(page, id).getByRole('button', { name: 'Check' }).click();
}
const verdict = (page: Page, id: string) => question(page, id).locator('.feedback').getAttribute('data-verdict');
const serious = async (page: Page) =>
  (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);

describe('practice exercise from a signed link', () => {
  const seed = seeds.issued('ana');
  const code = seeds.code('ana');
  const expected = new Checker(chain3).expected(seed);
  const four = (id: string) => expected[id].toFixed(4);
  let page: Page;

  beforeAll(async () => {
    ({ page } = await open(`/exercises/chain3?student=ana&code=${encodeURIComponent(code)}`));
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
  it('checks nothing until the end, then marks everything', async () => {
    const { page } = await open('/exercises/neuron-exam');
    await page.getByLabel('Student id').fill('bo');
    await page.getByRole('button', { name: 'Start' }).click();
    const right = new Checker(exam).expected(publicSeed('neuron-exam', 'bo'));
    await answer(page, 'z', right.z.toFixed(4), false);
    await answer(page, 'yhat', right.yhat.toFixed(4), false);
    expect(await question(page, 'z').getByRole('button', { name: 'Check' }).count()).toBe(0);
    expect(await verdict(page, 'z')).toBe('');
    page.once('dialog', (d) => d.accept());
    await page.getByRole('button', { name: 'Finish and check everything' }).click();
    await expect.poll(() => verdict(page, 'z')).toBe('correct');
    expect(await verdict(page, 'dz')).toBe('missing');
    expect(await page.locator('[data-score]').getAttribute('data-score')).toBe('2');
    expect(await question(page, 'z').locator('input').isDisabled()).toBe(true);
    expect(await serious(page)).toEqual([]);
  });

  it('lists the exercises, and the pages log no errors', async () => {
    const { page } = await open('/exercises');
    expect(await page.getByRole('link', { name: 'Three sigmoid neurons in a row' }).count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
