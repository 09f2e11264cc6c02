// `backstep test` on lessons: graphless and graph lessons have their reference answers marked by
// the one checker; a question reading a widget's state (start(bowl)) is tried across the widget's
// range; each way a lesson's answers can be wrong fails with the question and the setting named.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseLesson } from '../../src/lib/content/lesson.ts';
import { runLessonTests } from '../../src/lib/content/lesson-tests.ts';
import { markLessonQuestion } from '../../src/lib/core/lesson-question.ts';

const backstep = (...args: string[]) => spawnSync(process.execPath, ['bin/backstep.js', ...args], { encoding: 'utf8' });
const lesson = (body: string, front = 'title: T') => parseLesson(`---\n${front}\n---\n\n${body}\n`, 'lesson.md');
const bowl = '::descent{#bowl f="x^2" domain="-10,10" rate=0.1 start=10 steps=20}';
const question = (id: string, attrs: string) => `:::question{#${id} ${attrs}}\nPrompt.\n:::`;

describe('lesson questions that read a widget', () => {
  it('read the start and rate the student chose, through the one checker', () => {
    const l = lesson(`${bowl}\n\n${question('x2', 'answer="start(bowl) * (1 - 2*rate(bowl))^2"')}`);
    expect(l.diagnostics).toEqual([]);
    const q = l.questions[0];
    expect(q).toMatchObject({ kind: 'number', reads: ['bowl'] });
    expect(l.widgets).toEqual({ bowl: { widget: 'descent', values: { start: 10, rate: 0.1 }, ranges: { start: [-10, 10], rate: [0.01, 1.5] } } });
    // As the widget starts: 10 · 0.8² = 6.4; after the student moves the start to 3: 1.92.
    expect(markLessonQuestion(q, '6.4', null, undefined, { bowl: { start: 10, rate: 0.1 } }).verdict).toBe('correct');
    expect(markLessonQuestion(q, '6.4', null, undefined, { bowl: { start: 3, rate: 0.1 } }).verdict).toBe('incorrect');
    const moved = markLessonQuestion(q, '1.92', null, undefined, { bowl: { start: 3, rate: 0.1 } });
    expect(moved.verdict).toBe('correct');
    expect(moved.expected).toBeCloseTo(1.92, 12);
    expect(markLessonQuestion(q, 'seven', null, undefined, { bowl: { start: 3, rate: 0.1 } }).verdict).toBe('unreadable');
  });

  it('lint names an unknown widget, a value it does not have and a bad or repeated id, at file:line:col', () => {
    const l = lesson([bowl, question('a', 'answer="start(bowel)"'), question('b', 'answer="slope(bowl)"'), '::descent{#bowl f="x^2"}', '::descent{#my-bowl f="x^2"}'].join('\n\n'));
    const messages = l.diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`);
    expect(messages).toContainEqual(expect.stringMatching(/^7:30: question "a": answer="start\(bowel\)": no widget with the id "bowel" in this lesson \(did you mean "bowl"\? widgets with start: bowl\)/));
    expect(messages).toContainEqual(expect.stringMatching(/^11:\d+: question "b": answer="slope\(bowl\)": unknown function "slope"/));
    expect(messages).toContainEqual(expect.stringMatching(/^15:\d+: two widgets have the id "bowl"/));
    expect(messages).toContainEqual(expect.stringMatching(/^17:\d+: ::descent: id must start with a letter and use letters, digits and _/));
  });
});

describe('backstep test on lessons', () => {
  it('passes a graphless lesson: numbers, choices and a widget question across its range', () => {
    const l = lesson([bowl, question('n', 'answer="10*0.8^3"'), question('c', 'choices="up|down" answer="down"'), question('w', 'answer="start(bowl)*0.8"')].join('\n\n'));
    const results = runLessonTests(l);
    expect(results.map((r) => [r.name, r.ok])).toEqual([
      ['n: 10*0.8^3 = 5.12 is marked right', true],
      ['c: the choice "down" is marked right, the other is not', true],
      ['w: start(bowl)*0.8 = 8 is marked right at 11 settings of bowl', true]
    ]);
  });

  it('passes a lesson with a graph, on its graph', () => {
    const l = lesson(question('g', 'answer="grad(w)"'), 'title: T\ngraph: { params: { w: 0.5 }, inputs: { x: 2 }, nodes: { C: (w*x - 1)^2 }, loss: C }');
    expect(l.diagnostics).toEqual([]);
    expect(runLessonTests(l)).toMatchObject([{ name: 'g: grad(w) = 0 is marked right', ok: true }]);
  });

  it('fails an answer that is not a number somewhere in the widget range, naming the setting', () => {
    const [r] = runLessonTests(lesson(`${bowl}\n\n${question('inv', 'answer="1/start(bowl)"')}`));
    expect(r.ok).toBe(false);
    expect(r.problems).toContain('the reference answer 1/start(bowl) is Infinity (with start(bowl) = 0, rate(bowl) = 0.1)');
  });

  it('fails a tolerance so wide that a wrong answer is marked right', () => {
    const [r] = runLessonTests(lesson(question('wide', 'answer="2" rtol=5')));
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatch(/^a wrong answer, 4, is marked "correct", not wrong/);
  });

  it('the CLI tests lessons without a graph (and with one), and fails a broken one with its place', () => {
    const ok = backstep('test', 'lessons/07-gradient-descent.md', 'lessons/01-chain.md');
    expect(ok.status, ok.stdout).toBe(0);
    expect(ok.stdout).toMatch(/✓ lessons\/07-gradient-descent\.md: your-start: start\(first\) \* \(1 - 2\*rate\(first\)\)\^2 = 6\.4 is marked right at 11 settings of first/);
    expect(ok.stdout).toMatch(/✓ lessons\/01-chain\.md: dC-dW3: grad\(w3\) = /);
    const dir = mkdtempSync(join(tmpdir(), 'backstep-lesson-test-'));
    const broken = join(dir, 'broken.md');
    writeFileSync(broken, `---\ntitle: B\n---\n\n${question('q', 'answer="start(nowhere)"')}\n`);
    const bad = backstep('test', broken);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/broken\.md:5:\d+: error: question "q": answer="start\(nowhere\)": /);
    expect(bad.stdout).toMatch(/✗ .*broken\.md: 1 error; not a lesson that can be tested/);
  });
});
