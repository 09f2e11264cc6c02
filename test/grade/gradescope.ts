// A validator for Gradescope's autograder results.json, written from their specification
// (gradescope-autograders.readthedocs.io/en/latest/specs/): the fields, their types, and the
// allowed values of status, visibility and the output formats. Returns the problems found.
const visibilities = ['hidden', 'after_due_date', 'after_published', 'visible'];
const formats = ['text', 'html', 'simple_format', 'md', 'ansi'];
const topLevel = ['score', 'execution_time', 'output', 'output_format', 'test_output_format', 'test_name_format', 'visibility', 'stdout_visibility', 'extra_data', 'tests', 'leaderboard'];
const testKeys = ['score', 'max_score', 'status', 'name', 'name_format', 'number', 'output', 'output_format', 'tags', 'visibility', 'extra_data'];

export function gradescopeProblems(r: unknown): string[] {
  const p: string[] = [];
  const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  if (typeof r !== 'object' || r === null || Array.isArray(r)) return ['results.json must be an object'];
  const o = r as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!topLevel.includes(k)) p.push(`unknown top-level field "${k}"`);
  const tests = o.tests as Record<string, unknown>[] | undefined;
  if (o.score === undefined && !(Array.isArray(tests) && tests.length && tests.every((t) => num(t.score)))) p.push('score is required unless every test has one');
  if (o.score !== undefined && !num(o.score)) p.push('score must be a number');
  if (o.execution_time !== undefined && !num(o.execution_time)) p.push('execution_time must be a number (seconds)');
  for (const k of ['output']) if (o[k] !== undefined && typeof o[k] !== 'string') p.push(`${k} must be a string`);
  for (const k of ['output_format', 'test_output_format', 'test_name_format']) if (o[k] !== undefined && !formats.includes(o[k] as string)) p.push(`${k} must be one of ${formats}`);
  for (const k of ['visibility', 'stdout_visibility']) if (o[k] !== undefined && !visibilities.includes(o[k] as string)) p.push(`${k} must be one of ${visibilities}`);
  if (o.extra_data !== undefined && (typeof o.extra_data !== 'object' || o.extra_data === null)) p.push('extra_data must be an object');
  if (tests !== undefined) {
    if (!Array.isArray(tests)) p.push('tests must be a list');
    else
      tests.forEach((t, i) => {
        for (const k of Object.keys(t)) if (!testKeys.includes(k)) p.push(`tests[${i}]: unknown field "${k}"`);
        if (t.score !== undefined && !num(t.score)) p.push(`tests[${i}].score must be a number`);
        if (t.max_score !== undefined && !num(t.max_score)) p.push(`tests[${i}].max_score must be a number`);
        if (t.status !== undefined && t.status !== 'passed' && t.status !== 'failed') p.push(`tests[${i}].status must be "passed" or "failed"`);
        for (const k of ['name', 'number', 'output']) if (t[k] !== undefined && typeof t[k] !== 'string') p.push(`tests[${i}].${k} must be a string`);
        for (const k of ['output_format', 'name_format']) if (t[k] !== undefined && !formats.includes(t[k] as string)) p.push(`tests[${i}].${k} must be one of ${formats}`);
        if (t.tags !== undefined && !(Array.isArray(t.tags) && t.tags.every((x) => typeof x === 'string'))) p.push(`tests[${i}].tags must be a list of strings`);
        if (t.visibility !== undefined && !visibilities.includes(t.visibility as string)) p.push(`tests[${i}].visibility must be one of ${visibilities}`);
      });
  }
  return p;
}
