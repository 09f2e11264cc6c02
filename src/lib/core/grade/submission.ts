// Submissions as files: a JSON object { exercise, student, seed?, lang?, answers } or a CSV table
// (a student column, optional seed and lang columns, one column per question id). Anything else — empty,
// truncated, binary, mis-shaped — becomes an error naming the problem, never an exception.
import { parse as parseCsv } from 'csv-parse/sync';
import { isLang, langs, type Lang } from '../lang.ts';

export interface Submission {
  /** Where it came from: "subs/ana.json", or "grades.csv row 3". */
  source: string;
  exercise: string | null;
  student: string;
  /** The seed as given (a code string or a number); undefined when absent. */
  seed: unknown;
  answers: Record<string, unknown>;
  /** ISO time the submission says it was made (`submitted_at`), when it says so and it reads. */
  submittedAt?: string;
  /** The language the student worked in (`lang`: en or es), when the submission records it. */
  lang?: Lang;
  /** Something about the submission worth saying that does not stop grading (an unknown `lang`). */
  notes?: string[];
}

/** A submission's `lang` field: a language, or a note saying why it was not taken. */
function readLang(value: unknown, into: Submission) {
  if (value === undefined || value === null || value === '') return;
  if (isLang(value)) into.lang = value;
  else into.notes = [...(into.notes ?? []), `"lang" ${JSON.stringify(value)} is not one of ${langs.join(', ')}: ignored`];
}

export interface SubmissionError {
  source: string;
  student: string | null;
  error: string;
}

export type ReadSubmission = Submission | SubmissionError;
export const isSubmissionError = (s: ReadSubmission): s is SubmissionError => 'error' in s;

export const MAX_SUBMISSION_BYTES = 1 << 20;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const kindOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);

/** Decode bytes as UTF-8 text; null (with the reason) when they are not text. */
export function decodeText(bytes: Uint8Array): { text: string } | { error: string } {
  if (bytes.length > MAX_SUBMISSION_BYTES) return { error: `the file is too large (${bytes.length} bytes; at most ${MAX_SUBMISSION_BYTES})` };
  if (bytes.includes(0)) return { error: 'not a text file (it contains NUL bytes)' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { error: 'not UTF-8 text' };
  }
  return { text: text.replace(/^\uFEFF/, '') };
}

/** One JSON submission file. */
export function readJsonSubmission(text: string, source: string): ReadSubmission {
  if (!text.trim()) return { source, student: null, error: 'the file is empty' };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const msg = (err as Error).message;
    // The parser stopped at the very end of the text: the file was cut short.
    const at = /position (\d+)/.exec(msg);
    const atEnd = /end of (JSON )?input/i.test(msg) || (at !== null && Number(at[1]) >= text.trimEnd().length);
    const truncated = atEnd ? ' (the file looks truncated)' : '';
    return { source, student: null, error: `not valid JSON${truncated}: ${msg}` };
  }
  return fromObject(data, source);
}

function fromObject(data: unknown, source: string): ReadSubmission {
  if (!isRecord(data)) return { source, student: null, error: `expected a JSON object { "exercise", "student", "answers" }, found ${kindOf(data)}` };
  const student = typeof data.student === 'string' ? data.student.trim() : typeof data.student === 'number' ? String(data.student) : '';
  if (!student) {
    return { source, student: null, error: data.student === undefined ? 'no "student" field' : `"student" must be a non-empty text, not ${kindOf(data.student)}` };
  }
  if (data.exercise !== undefined && typeof data.exercise !== 'string') return { source, student, error: `"exercise" must be text, not ${kindOf(data.exercise)}` };
  if (data.answers === undefined) return { source, student, error: 'no "answers" field' };
  if (!isRecord(data.answers)) return { source, student, error: `"answers" must be an object of question ids to answers, not ${kindOf(data.answers)}` };
  const out: Submission = { source, exercise: (data.exercise as string | undefined) ?? null, student, seed: data.seed ?? undefined, answers: data.answers };
  const at = typeof data.submitted_at === 'string' ? Date.parse(data.submitted_at) : NaN;
  if (!Number.isNaN(at)) out.submittedAt = new Date(at).toISOString();
  readLang(data.lang, out);
  return out;
}

/** A CSV gradebook of answers: one submission per row, or one error for the whole file. */
export function readCsvSubmissions(text: string, source: string): ReadSubmission[] {
  if (!text.trim()) return [{ source, student: null, error: 'the file is empty' }];
  let rows: string[][];
  try {
    rows = parseCsv(text, { bom: true, relax_column_count: false, skip_empty_lines: true, trim: true }) as string[][];
  } catch (err) {
    return [{ source, student: null, error: `not a readable CSV table: ${(err as Error).message}` }];
  }
  const [header, ...body] = rows;
  if (!header) return [{ source, student: null, error: 'the file is empty' }];
  const col = (name: string) => header.findIndex((h) => h.trim().toLowerCase() === name);
  const studentCol = ['student', 'student_id', 'id'].map(col).find((i) => i >= 0) ?? -1;
  if (studentCol < 0) return [{ source, student: null, error: `no "student" column (columns: ${header.join(', ')})` }];
  if (body.length === 0) return [{ source, student: null, error: 'the table has a header but no rows' }];
  const seedCol = col('seed');
  const exerciseCol = col('exercise');
  const langCol = col('lang');
  return body.map((row, r) => {
    const where = `${source} row ${r + 2}`;
    const student = row[studentCol]?.trim() ?? '';
    if (!student) return { source: where, student: null, error: 'the student cell is empty' };
    const answers: Record<string, unknown> = {};
    header.forEach((h, i) => {
      if (i !== studentCol && i !== seedCol && i !== exerciseCol && i !== langCol && h.trim()) answers[h.trim()] = row[i];
    });
    const seed = seedCol >= 0 && row[seedCol] ? row[seedCol] : undefined;
    const sub: Submission = { source: where, exercise: exerciseCol >= 0 && row[exerciseCol] ? row[exerciseCol] : null, student, seed, answers };
    if (langCol >= 0) readLang(row[langCol]?.trim(), sub);
    return sub;
  });
}

/** Read a submission file by its name: .csv → rows, anything else → one JSON submission. */
export function readSubmissionFile(bytes: Uint8Array, source: string): ReadSubmission[] {
  const decoded = decodeText(bytes);
  if ('error' in decoded) return [{ source, student: null, error: decoded.error }];
  return /\.csv$/i.test(source) ? readCsvSubmissions(decoded.text, source) : [readJsonSubmission(decoded.text, source)];
}
