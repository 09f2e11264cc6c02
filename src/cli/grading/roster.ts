// A class roster as a CSV file: a header, one student per row. The student column is "student",
// "student_id", "id", "sid" or "email" (else the first column); blank and repeated ids are reported
// with their line and skipped. Used by `variants`, `key` and `grade --roster`.
import { parse as parseCsv } from 'csv-parse/sync';
import { CliError } from '../command.ts';
import { displayPath, readText } from '../load.ts';

export interface Roster {
  header: string[];
  rows: string[][];
  studentColumn: number;
  extraColumns: number[];
  /** Student ids in roster order. */
  ids: string[];
}

export function readRoster(file: string): Roster {
  let rows: string[][];
  try {
    rows = parseCsv(readText(file), { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][];
  } catch (err) {
    throw new CliError(`${displayPath(file)}: not a readable CSV (${(err as Error).message})`, 2);
  }
  const [header, ...body] = rows;
  if (!header || body.length === 0) throw new CliError(`${displayPath(file)}: the roster needs a header row and at least one student`, 2);
  const lower = header.map((h) => h.toLowerCase());
  const found = ['student', 'student_id', 'id', 'sid', 'email'].map((n) => lower.indexOf(n)).find((i) => i >= 0);
  const studentColumn = found ?? 0;
  const seen = new Set<string>();
  const kept: string[][] = [];
  body.forEach((row, i) => {
    const id = row[studentColumn]?.trim();
    if (!id) return console.error(`${displayPath(file)}:${i + 2}: no student id; row skipped`);
    if (seen.has(id.toLowerCase())) return console.error(`${displayPath(file)}:${i + 2}: student "${id}" is listed twice; row skipped`);
    seen.add(id.toLowerCase());
    kept.push(row);
  });
  return {
    header,
    rows: kept,
    studentColumn,
    extraColumns: header.map((_, i) => i).filter((i) => i !== studentColumn),
    ids: kept.map((r) => r[studentColumn].trim())
  };
}

/** The options every roster command (`variants`, `key`) shares, and their usage lines. */
export const rosterOptions = {
  roster: { type: 'string' },
  'secret-file': { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' }
} as const;

export const rosterUsage = `  --roster FILE       CSV with a header; the student column is "student", "student_id", "id",
                      "sid" or "email", else the first column
  --secret-file KEY   the instructor's secret
  --format F          csv (default) or json
  --out FILE          write there instead of standard output`;

/** Check a roster command's options (both files given, one exercise, csv or json): the format. */
export function rosterFormat(opts: { roster?: string; 'secret-file'?: string; format?: string }, positionals: string[], usage: string): 'csv' | 'json' {
  if (positionals.length !== 1) throw new CliError(usage, 2);
  if (!opts.roster) throw new CliError(`--roster is required\n\n${usage}`, 2);
  if (!opts['secret-file']) throw new CliError(`--secret-file is required\n\n${usage}`, 2);
  const format = opts.format ?? 'csv';
  if (format !== 'csv' && format !== 'json') throw new CliError(`--format must be csv or json, not "${format}"`, 2);
  return format;
}
