// From graded submissions to a gradebook an instructor can trust: one row per student (a roster's
// non-submitters as missing rows, off-roster ids flagged), one submission kept per student by a
// stated policy (the others listed), and answers that fit another student's variant better than
// their own flagged as possible copies. Grades are never changed here, only rows chosen and flagged.
import type { Checker } from '../check/checker.ts';
import { close, effectiveTolerance } from '../check/tolerance.ts';
import { drawVariant } from '../variants.ts';
import type { StudentResult } from './grader.ts';

export const keepPolicies = ['latest', 'best', 'first'] as const;
export type KeepPolicy = (typeof keepPolicies)[number];

export interface GradebookOptions {
  /** Student ids in roster order; when given, every one gets a row and others are flagged. */
  roster?: string[];
  keep?: KeepPolicy;
  /** Seeds of roster students who did not submit (issued ones, with the secret): copy candidates too. */
  issuedSeed?: (student: string) => number | null;
}

export interface Gradebook {
  rows: StudentResult[];
  /** Roster students with no submission. */
  missing: string[];
  /** Students graded who are not on the roster. */
  offRoster: string[];
  /** Submissions set aside because the same student handed in another one that was kept. */
  setAside: { student: string; kept: string; sources: string[] }[];
  /** Rows flagged as fitting another student's variant better than their own. */
  copies: { student: string; source: string; fits: string[]; own: number; other: number }[];
}

/** Roster ids compare without case and surrounding space (emails arrive in many spellings). */
export const studentKey = (id: string) => id.trim().toLowerCase();

const time = (r: StudentResult) => (r.submitted_at ? Date.parse(r.submitted_at) : NaN);

/** Pick the submission to keep among one student's: graded ones before error rows, then by policy. */
export function keepOne(results: StudentResult[], policy: KeepPolicy): StudentResult {
  const graded = results.filter((r) => !r.error);
  const pool = graded.length ? graded : results;
  // Input order breaks ties, and stands in for time when a submission has none.
  const order = (r: StudentResult) => results.indexOf(r);
  const byTime = (a: StudentResult, b: StudentResult) => {
    const ta = time(a);
    const tb = time(b);
    if (!Number.isNaN(ta) && !Number.isNaN(tb) && ta !== tb) return ta - tb;
    return order(a) - order(b);
  };
  const sorted = [...pool].sort(byTime);
  if (policy === 'first') return sorted[0];
  if (policy === 'latest') return sorted[sorted.length - 1];
  return sorted.reduce((best, r) => (r.score >= best.score ? r : best));
}

export function buildGradebook(results: StudentResult[], checker: Checker, options: GradebookOptions = {}): Gradebook {
  const keep = options.keep ?? 'latest';
  const roster = options.roster ?? null;
  const rosterByKey = new Map((roster ?? []).map((id) => [studentKey(id), id]));
  const groups = new Map<string, StudentResult[]>();
  const unnamed: StudentResult[] = [];
  for (const r of results) {
    if (r.student === null || r.student === '') unnamed.push(r);
    else {
      const key = studentKey(r.student);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key)!.push(r);
    }
  }

  const setAside: Gradebook['setAside'] = [];
  const kept = new Map<string, StudentResult>();
  for (const [key, list] of groups) {
    const chosen = keepOne(list, keep);
    const others = list.filter((r) => r !== chosen);
    const row: StudentResult = { ...chosen, flags: [...(chosen.flags ?? [])] };
    if (others.length) {
      row.set_aside = others.map((r) => r.source);
      row.flags!.push(`${others.length + 1} submissions; kept ${chosen.source} (--keep ${keep}), set aside ${row.set_aside.join(', ')}`);
      setAside.push({ student: chosen.student!, kept: chosen.source, sources: row.set_aside });
    }
    kept.set(key, row);
  }

  const offRoster: string[] = [];
  const missing: string[] = [];
  const rows: StudentResult[] = [];
  if (roster) {
    for (const id of roster) {
      const row = kept.get(studentKey(id));
      if (row) rows.push({ ...row, student: id, on_roster: true });
      else {
        missing.push(id);
        rows.push({ source: '', student: id, seed: null, score: 0, max_score: checker.maxScore, questions: [], missing: true, on_roster: true, flags: ['no submission'] });
      }
    }
    for (const [key, row] of kept) {
      if (rosterByKey.has(key)) continue;
      offRoster.push(row.student!);
      rows.push({ ...row, on_roster: false, flags: [...(row.flags ?? []), 'not on the roster'] });
    }
  } else rows.push(...kept.values());
  rows.push(...unnamed.map((r) => (roster ? { ...r, on_roster: false } : r)));

  const copies = flagCopies(rows, checker, options.issuedSeed);
  for (const row of rows) if (row.flags && row.flags.length === 0) delete row.flags;
  return { rows, missing, offRoster, setAside, copies };
}

/**
 * Flag every graded row whose answers fit another student's variant better than its own. For each
 * variant among the students known (graded rows, and issued seeds of the roster) the answers
 * within tolerance of its exact values are counted (a sorted index per question keeps this fast);
 * a variant that explains at least two more answers than the student's own is then compared on
 * the questions where the two differ at the tolerance. A copy is reported when at least three of
 * those answers fit the other variant and at least twice as many (plus two) as fit the student's
 * own — so a neighbouring variant that happens to match a slip is not an accusation. Error carried
 * forward is not involved: only exact values are compared.
 */
export function flagCopies(rows: StudentResult[], checker: Checker, issuedSeed?: (student: string) => number | null): Gradebook['copies'] {
  const exercise = checker.exercise;
  if (!exercise.variants) return [];
  const questions = exercise.questions;
  // The variants known, each with the students who have it.
  const variants: { seed: number; students: string[]; keys: Set<string> }[] = [];
  const byKey = new Map<string, number>();
  const add = (student: string, seed: number) => {
    const drawn = JSON.stringify(drawVariant(exercise.variants, seed));
    let v = byKey.get(drawn);
    if (v === undefined) {
      byKey.set(drawn, (v = variants.length));
      variants.push({ seed, students: [], keys: new Set() });
    }
    const key = studentKey(student);
    if (!variants[v].keys.has(key)) {
      variants[v].keys.add(key);
      variants[v].students.push(student);
    }
    return v;
  };
  const own = new Map<StudentResult, number>();
  for (const r of rows) {
    if (r.student && r.seed !== null && !r.error) own.set(r, add(r.student, r.seed));
    else if (r.student && r.missing && issuedSeed) {
      const s = issuedSeed(r.student);
      if (s !== null) add(r.student, s);
    }
  }
  if (variants.length < 2) return [];
  // Each variant's exact answers, once; per question sorted, so an answer finds its matches by bisection.
  const expectedOf = variants.map((v) => checker.expected(v.seed));
  const sorted = questions.map((q) => {
    const list = variants.map((_, i) => ({ value: expectedOf[i][q.id], variant: i }));
    return list.filter((e) => Number.isFinite(e.value)).sort((a, b) => a.value - b.value);
  });
  const hits = new Int32Array(variants.length);
  const out: Gradebook['copies'] = [];
  for (const [r, mine] of own) {
    const me = studentKey(r.student!);
    hits.fill(0);
    const values = new Map(r.questions.map((g) => [g.id, g.value]));
    questions.forEach((q, qi) => {
      const a = values.get(q.id);
      if (a === null || a === undefined) return;
      const list = sorted[qi];
      const tol = effectiveTolerance(q.tolerance, q.precision, a);
      const reach = (tol.atol + tol.rtol * Math.abs(a)) / (1 - Math.min(tol.rtol, 0.5)) * 1.01 + 1e-300;
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid].value < a - reach) lo = mid + 1;
        else hi = mid;
      }
      for (let k = lo; k < list.length && list[k].value <= a + reach; k++) {
        const e = list[k];
        if (close(a, e.value, effectiveTolerance(q.tolerance, q.precision, e.value))) hits[e.variant]++;
      }
    });
    // Candidates: variants that explain at least two more answers than the student's own. On the
    // questions where the two variants differ at the tolerance, count the answers that fit each.
    const ownExpected = expectedOf[mine];
    // (Answers shared by both variants fit both, so the variants that explain the most answers are
    // the ones to compare: only they are looked at closely.)
    let most = 0;
    for (let v = 0; v < variants.length; v++) if (v !== mine && hits[v] > most && !(variants[v].keys.size === 1 && variants[v].keys.has(me))) most = hits[v];
    if (most < hits[mine] + 2) continue;
    let best: { v: number; other: number; own: number } | null = null;
    for (let v = 0; v < variants.length; v++) {
      if (v === mine || hits[v] < most || (variants[v].keys.size === 1 && variants[v].keys.has(me))) continue;
      const theirs = expectedOf[v];
      let other = 0;
      let own = 0;
      for (const q of questions) {
        const a = values.get(q.id);
        if (a === null || a === undefined) continue;
        const tol = (e: number) => effectiveTolerance(q.tolerance, q.precision, e);
        const mineE = ownExpected[q.id];
        const theirE = theirs[q.id];
        if (close(theirE, mineE, tol(mineE))) continue; // this question cannot tell the two apart
        if (close(a, theirE, tol(theirE))) other++;
        else if (close(a, mineE, tol(mineE))) own++;
      }
      if (!best || other - own > best.other - best.own) best = { v, other, own };
    }
    // A copy: at least three telling answers fit the other variant, and clearly more than fit their own.
    if (!best || best.other < 3 || best.other < 2 * best.own + 2) continue;
    const fits = variants[best.v].students.filter((s) => studentKey(s) !== me);
    r.copy_of = fits;
    r.flags = [
      ...(r.flags ?? []),
      `possible copy: ${best.other} answers fit the variant of ${fits.slice(0, 3).join(', ')}${fits.length > 3 ? ` and ${fits.length - 3} more` : ''}, ${best.own} fit their own (counting the questions where the two variants differ)`
    ];
    out.push({ student: r.student!, source: r.source, fits, own: best.own, other: best.other });
  }
  return out;
}
