// One lesson question marked the way the page marks it: a choice by exact match; a number on the
// lesson's graph (with its named misconceptions) or, without a graph, against its value; and a
// question that reads what the student chose in a widget (start(bowl)) against its value for those
// choices. The page and `backstep test` both call this, so they cannot disagree.
import { checkChoice, checkQuestion, noSolution, type LessonAnswer, type QuestionGraph } from './check/checker.ts';
import type { QuestionSpec } from './exercise.ts';
import { checkMatrixQuestion } from './check/matrix.ts';
import { constant } from './expr.ts';
import type { Solution } from './graph.ts';
import { evaluateQuantity } from './quantity.ts';
import { withWidgetValues, type WidgetValues } from './widget-state.ts';
import { baseLang, type Lang } from './lang.ts';

/** The exact answer to a number question, with the widgets as the student has set them. */
export function lessonExpected(question: Extract<QuestionSpec, { kind: 'number' }>, solution: Solution | null, widgets: WidgetValues = {}): number {
  const base = solution ?? noSolution;
  return evaluateQuantity(question.expr, question.reads?.length ? withWidgetValues(base, widgets) : base);
}

export function markLessonQuestion(question: QuestionSpec, typed: string, solution: Solution | null, graph?: QuestionGraph, widgets: WidgetValues = {}, lang: Lang = baseLang): LessonAnswer {
  if (question.kind === 'choice') return checkChoice(question, typed, lang);
  if (question.kind === 'matrix') return checkMatrixQuestion(question, typed, graph?.spec.network, solution ?? noSolution, lang);
  // A value the graph does not hold (the student's start) is a number for the checker.
  if (question.reads?.length) return checkQuestion({ expr: constant(lessonExpected(question, solution, widgets)), rtol: question.rtol }, typed, noSolution, undefined, lang);
  return checkQuestion(question, typed, solution ?? noSolution, graph, lang);
}
