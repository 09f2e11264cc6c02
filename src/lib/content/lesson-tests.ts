// `backstep test` for a lesson, with or without a graph: every question's reference answer, worked
// out as the page works it out, must be marked right by the one checker (the exact value, and as a
// student writes it), and a clearly wrong answer must not be. A question that reads a widget's
// state (start(bowl)) is tried at the widget's initial values and across the range of each one.
import type { MarkingTestResult } from '../core/check/marking-tests.ts';
import { studentWriting } from '../core/check/marking-tests.ts';
import { lessonExpected, markLessonQuestion } from '../core/lesson-question.ts';
import { sampleWidgetValues, widgetKey, type WidgetValues } from '../core/widget-state.ts';
import type { ParsedLesson } from './lesson.ts';

const describe = (values: WidgetValues, ids: string[]) =>
  ids.flatMap((id) => Object.entries(values[id] ?? {}).map(([name, v]) => `${widgetKey(name, id)} = ${v}`)).join(', ');

export function runLessonTests(lesson: ParsedLesson): MarkingTestResult[] {
  const solution = lesson.graph ? lesson.graph.solve() : null;
  const graph = lesson.spec ? { spec: lesson.spec } : undefined;
  const states = lesson.widgets ?? {};
  return lesson.questions.map((q): MarkingTestResult => {
    const problems: string[] = [];
    if (q.kind === 'choice') {
      const right = markLessonQuestion(q, q.answer, solution, graph);
      if (right.verdict !== 'correct') problems.push(`the answer "${q.answer}" is marked "${right.verdict}" (${right.message})`);
      for (const other of q.choices.filter((c) => c !== q.answer)) {
        const wrong = markLessonQuestion(q, other, solution, graph);
        if (wrong.verdict === 'correct') problems.push(`the choice "${other}" is marked right too`);
      }
      const others = q.choices.length - 1;
      return { name: `${q.id}: the choice "${q.answer}" is marked right, ${others === 1 ? 'the other is' : `the other ${others} are`} not`, ok: !problems.length, problems };
    }
    const ids = q.reads ?? [];
    const tried = ids.length ? sampleWidgetValues(states, ids) : [{}];
    let shown = '';
    for (const widgets of tried) {
      const where = ids.length ? ` (with ${describe(widgets, ids)})` : '';
      const expected = lessonExpected(q, solution, widgets);
      if (!Number.isFinite(expected)) {
        problems.push(`the reference answer ${q.answer} is ${expected}${where}`);
        continue;
      }
      shown ||= String(Number(expected.toPrecision(12)));
      const wrong = expected * 1.5 + 1;
      const ways: [string, string, boolean][] = [
        ['exact', String(expected), true],
        ['as a student writes it', studentWriting({}, expected), true],
        ['a wrong answer', String(wrong), false]
      ];
      for (const [how, typed, right] of ways) {
        const got = markLessonQuestion(q, typed, solution, graph, widgets);
        if ((got.verdict === 'correct') !== right) problems.push(`${how}, ${typed}${where}, is marked "${got.verdict}"${right ? ` (${got.message})` : ''}, not ${right ? '"correct"' : 'wrong'}`);
      }
    }
    const across = ids.length ? ` at ${tried.length} settings of ${ids.join(', ')}` : '';
    const answer = shown === q.answer ? q.answer : `${q.answer} = ${shown || '?'}`;
    return { name: `${q.id}: ${answer} is marked right${across}`, ok: !problems.length, problems: problems.slice(0, 10) };
  });
}
