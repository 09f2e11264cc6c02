// `backstep test` for a lesson, with or without a graph: every question's reference answer, worked
// out as the page works it out, must be marked right by the one checker (the exact value, and as a
// student writes it), and a clearly wrong answer must not be. A question that reads a widget's
// state (start(bowl)) is tried at the widget's initial values and across the range of each one.
import type { MarkingTestResult } from '../core/check/marking-tests.ts';
import { studentWriting } from '../core/check/marking-tests.ts';
import { lessonExpected, markLessonQuestion } from '../core/lesson-question.ts';
import { sampleWidgetValues, widgetKey, type WidgetValues } from '../core/widget-state.ts';
import type { ParsedLesson } from './lesson.ts';
import type { MatrixQuestion } from '../core/exercise.ts';
import type { Solution } from '../core/graph.ts';
import type { QuestionGraph } from '../core/check/checker.ts';
import { targetQuantity } from '../core/check/matrix.ts';
import { networkMatrices, transpose } from '../core/matrix.ts';

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
    if (q.kind === 'matrix') return matrixTest(q, solution, graph);
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

/** A matrix question: the matrix written out (with points, and with decimal commas and ;) is right; transposed or doubled it is not. */
function matrixTest(q: MatrixQuestion, solution: Solution | null, graph: QuestionGraph | undefined): MarkingTestResult {
  const problems: string[] = [];
  const network = graph?.spec.network;
  const found = network && solution ? targetQuantity(q.target, networkMatrices(network, solution)) : null;
  if (!found) return { name: `${q.id}: ${q.answer}`, ok: false, problems: [`the lesson has no matrix ${q.answer}`] };
  const values = found.values;
  const entry = (v: number) => studentWriting({}, v);
  const english = `[${values.map((row) => `[${row.map(entry).join(', ')}]`).join(', ')}]`;
  const spanish = `[${values.map((row) => `[${row.map((v) => entry(v).replace('.', ',')).join('; ')}]`).join('; ')}]`;
  const transposed = `[${transpose(values).map((row) => `[${row.map(entry).join(', ')}]`).join(', ')}]`;
  const doubled = `[${values.map((row) => `[${row.map((v) => entry(2 * v + 1)).join(', ')}]`).join(', ')}]`;
  const square = values.length === values[0].length && values.length > 1;
  const ways: [string, string, boolean][] = [
    ['exact', JSON.stringify(values), true],
    ['as a student writes it', english, true],
    ['with decimal commas', spanish, true],
    ['a wrong answer', doubled, false],
    ...(values.length > 1 || values[0].length > 1 ? [['transposed', transposed, square && sameMatrix(values, transpose(values))] as [string, string, boolean]] : [])
  ];
  for (const [how, typed, right] of ways) {
    const got = markLessonQuestion(q, typed, solution, graph);
    if ((got.verdict === 'correct') !== right) problems.push(`${how}, ${typed}, is marked "${got.verdict}"${right ? ` (${got.message})` : ''}, not ${right ? '"correct"' : 'wrong'}`);
  }
  return { name: `${q.id}: the ${values.length}×${values[0].length} matrix ${q.answer} is marked right, transposed or wrong it is not`, ok: !problems.length, problems };
}

const sameMatrix = (a: number[][], b: number[][]) => a.every((row, i) => row.every((v, j) => v === b[i][j]));
