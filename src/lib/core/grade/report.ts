// What grading produces, in the shapes instructors need: the full JSON report, a gradebook CSV
// (one row per student), Gradescope's results.json, and a short summary for the terminal.
import { stringify } from 'csv-stringify/sync';
import type { Exercise, Verdict } from '../exercise.ts';
import { verdicts } from '../exercise.ts';
import type { Gradebook } from './gradebook.ts';
import type { StudentResult } from './grader.ts';
import { m } from '../../paraglide/messages.js';
import { baseLang, type Lang } from '../lang.ts';

export interface JsonReport {
  exercise: string;
  max_score: number;
  results: StudentResult[];
}

export function jsonReport(exercise: Exercise, results: StudentResult[]): JsonReport {
  const max = exercise.questions.reduce((s, q) => s + q.points, 0);
  return { exercise: exercise.id, max_score: Math.round(max * 1e6) / 1e6, results };
}

/**
 * A cell a spreadsheet will not run: text starting with = + - @ (or a tab or carriage return) is
 * a formula to Excel, LibreOffice and Google Sheets, so it gets a leading apostrophe. Numbers
 * (-0.25, +3) are left alone.
 */
export function safeCell(value: unknown): string | number {
  if (typeof value === 'number') return value;
  const text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text) && !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return `'${text}`;
  return text;
}

/** Rows of cells → CSV text, every cell made safe. */
export function safeCsv(rows: unknown[][]): string {
  return stringify(rows.map((row) => row.map(safeCell)));
}

/**
 * One row per gradebook row: student, status, file, seed, total, each question's score, error,
 * flags (copies, duplicates, off-roster) and warnings.
 */
export function csvReport(exercise: Exercise, results: StudentResult[]): string {
  const ids = exercise.questions.map((q) => q.id);
  const header = ['student', 'status', 'source', 'seed', 'score', 'max_score', ...ids, 'error', 'flags', 'warnings'];
  const rows = results.map((r) => {
    const byId = new Map(r.questions.map((q) => [q.id, q.score]));
    const status = r.missing ? 'missing' : r.error ? 'error' : 'graded';
    return [r.student ?? '', status, r.source, r.seed ?? '', r.score, r.max_score, ...ids.map((id) => (r.error || r.missing ? '' : byId.get(id) ?? 0)), r.error ?? '', (r.flags ?? []).join('; '), (r.warnings ?? []).join('; ')];
  });
  return safeCsv([header, ...rows]);
}

/**
 * A file name for one student's results: letters, digits, dot, dash and underscore only, no
 * leading dot or dash, at most 80 characters, never a Windows device name; `used` keeps them unique.
 */
export function cleanFileName(base: string, extension: string, used: Set<string>): string {
  let stem = base.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._-]+/, '').replace(/_+/g, '_').slice(0, 80).replace(/[._-]+$/, '');
  if (!stem || /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(stem)) stem = `submission${stem ? `_${stem}` : ''}`;
  let name = `${stem}${extension}`;
  for (let k = 2; used.has(name.toLowerCase()); k++) name = `${stem}-${k}${extension}`;
  used.add(name.toLowerCase());
  return name;
}

export type GradescopeVisibility = 'hidden' | 'after_due_date' | 'after_published' | 'visible';
export const gradescopeVisibilities: readonly GradescopeVisibility[] = ['hidden', 'after_due_date', 'after_published', 'visible'];

export interface GradescopeTest {
  name: string;
  number: string;
  score: number;
  max_score: number;
  status: 'passed' | 'failed';
  output: string;
  output_format: 'text';
  tags: string[];
  visibility: GradescopeVisibility;
}

export interface GradescopeResults {
  score: number;
  execution_time?: number;
  output: string;
  output_format: 'text';
  test_output_format: 'text';
  test_name_format: 'text';
  visibility: GradescopeVisibility;
  stdout_visibility: GradescopeVisibility;
  extra_data: Record<string, unknown>;
  tests: GradescopeTest[];
}

/**
 * Gradescope's results.json for one submission (their autograder runs once per student): one
 * test per question, "passed" only for full marks, misconception ids as tags.
 */
export function gradescopeResults(
  exercise: Exercise,
  result: StudentResult,
  options: { visibility?: GradescopeVisibility; showExpected?: boolean; executionTime?: number; lang?: Lang } = {}
): GradescopeResults {
  const visibility = options.visibility ?? 'visible';
  // The student reads this: in the language their feedback was written in.
  const locale = result.feedback_lang ?? options.lang ?? baseLang;
  const number = (v: number) => (locale === 'es' ? String(v).replace('.', ',') : String(v));
  const byId = new Map(result.questions.map((q) => [q.id, q]));
  const tests: GradescopeTest[] = result.error || result.missing
    ? []
    : exercise.questions.map((question, i) => {
        const q = byId.get(question.id)!;
        const lines = [feedbackLine(q.status, q.feedback, locale)];
        if (q.answer !== null) lines.push(m.grade_your_answer({ answer: q.answer }, { locale }));
        if (options.showExpected) lines.push(m.grade_expected({ expected: number(q.expected) }, { locale }));
        return {
          name: question.id,
          number: String(i + 1),
          score: q.score,
          max_score: q.max_score,
          status: q.score >= q.max_score ? 'passed' : 'failed',
          output: lines.join('\n'),
          output_format: 'text',
          tags: q.misconception ? [q.misconception] : [],
          visibility
        };
      });
  const output = result.missing
    ? m.grade_no_submission({}, { locale })
    : result.error
    ? m.grade_not_graded({ error: result.error }, { locale })
    : `${exercise.title}: ${number(result.score)} / ${number(result.max_score)}${result.warnings?.length ? `\n${result.warnings.join('\n')}` : ''}`;
  const out: GradescopeResults = {
    score: result.score,
    output,
    output_format: 'text',
    test_output_format: 'text',
    test_name_format: 'text',
    visibility,
    stdout_visibility: 'hidden',
    extra_data: { exercise: exercise.id, student: result.student, seed: result.seed, source: result.source },
    tests
  };
  if (options.executionTime !== undefined) out.execution_time = options.executionTime;
  return out;
}

const labels: Record<Verdict, (inputs: object, options: { locale: Lang }) => string> = {
  correct: m.grade_label_correct,
  precision: m.grade_label_precision,
  ecf: m.grade_label_ecf,
  misconception: m.grade_label_misconception,
  incorrect: m.grade_label_incorrect,
  invalid: m.grade_label_invalid,
  missing: m.grade_label_missing
};

/** "Correct." alone, or "Misconception: <feedback>" — never a label that repeats its feedback. */
export function feedbackLine(status: Verdict, feedback: string, lang: Lang = baseLang): string {
  const label = labels[status]({}, { locale: lang });
  const plain = feedback.trim();
  if (!plain) return `${label}.`;
  const lower = plain.toLowerCase();
  if (lower.startsWith(label.toLowerCase()) || (status === 'correct' && lower.startsWith('correct'))) return plain;
  return `${label}: ${plain}`;
}

/** The terminal summary: mean score, each question's verdicts, the commonest misconceptions. */
export function summary(exercise: Exercise, results: StudentResult[], top = 5, book?: Omit<Gradebook, 'rows'>): string {
  const graded = results.filter((r) => !r.error && !r.missing);
  const errors = results.filter((r) => r.error).length;
  const max = exercise.questions.reduce((s, q) => s + q.points, 0);
  const mean = graded.length ? graded.reduce((s, r) => s + r.score, 0) / graded.length : 0;
  const lines = [
    `${exercise.id}: ${results.length} ${book ? 'row' : 'submission'}${results.length === 1 ? '' : 's'}, ${graded.length} graded, ${errors} error${errors === 1 ? '' : 's'}${book ? `, ${book.missing.length} missing` : ''}`,
    `mean score ${mean.toFixed(2)} / ${max}${graded.length ? ` (${((100 * mean) / (max || 1)).toFixed(1)} %)` : ''}`
  ];
  if (graded.length) {
    const counts = exercise.questions.map(() => Object.fromEntries(verdicts.map((v) => [v, 0])) as Record<Verdict, number>);
    const misconceptions = new Map<string, number>();
    for (const r of graded) {
      r.questions.forEach((q, i) => {
        counts[i][q.status]++;
        if (q.misconception) misconceptions.set(`${q.misconception} (${q.id})`, (misconceptions.get(`${q.misconception} (${q.id})`) ?? 0) + 1);
      });
    }
    const idWidth = Math.max(8, ...exercise.questions.map((q) => q.id.length));
    const head = ['question'.padEnd(idWidth), ...verdicts.map((v) => v.padStart(Math.max(v.length, 5)))].join('  ');
    lines.push('', head, '─'.repeat(head.length));
    exercise.questions.forEach((q, i) => {
      lines.push([q.id.padEnd(idWidth), ...verdicts.map((v) => String(counts[i][v]).padStart(Math.max(v.length, 5)))].join('  '));
    });
    const common = [...misconceptions].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, top);
    if (common.length) {
      lines.push('', 'most common misconceptions:');
      for (const [name, n] of common) lines.push(`  ${String(n).padStart(6)}  ${name}`);
    }
  }
  if (book) {
    const list = (title: string, items: string[]) => {
      if (!items.length) return;
      lines.push('', `${title} (${items.length}):`);
      for (const item of items.slice(0, 30)) lines.push(`  ${item}`);
      if (items.length > 30) lines.push(`  … and ${items.length - 30} more`);
    };
    list('possible copies: answers that fit another student\'s variant better than their own', book.copies.map((c) => `${c.student} (${c.source}): ${c.other} answers fit ${c.fits.slice(0, 3).join(', ')}, ${c.own} fit their own`));
    list('not on the roster', book.offRoster);
    list('no submission', book.missing);
    list('submissions set aside (one kept per student)', book.setAside.map((d) => `${d.student}: kept ${d.kept}; set aside ${d.sources.join(', ')}`));
  }
  if (errors) {
    lines.push('', 'not graded:');
    for (const r of results.filter((x) => x.error).slice(0, 20)) lines.push(`  ${r.source}: ${r.error}`);
    if (errors > 20) lines.push(`  … and ${errors - 20} more`);
  }
  return lines.join('\n');
}
