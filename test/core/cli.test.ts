// The `backstep` command as a user runs it: real processes, real exit codes, no stack traces.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const backstep = (...args: string[]) => spawnSync(process.execPath, ['bin/backstep.js', ...args], { encoding: 'utf8' });

describe('backstep CLI', () => {
  it('solve --json prints the chain lesson numbers of the course slide', () => {
    const run = backstep('solve', 'lessons/01-chain.md', '--json');
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.values.x).toBe(1);
    expect(out.values.z1).toBe(0.32);
    expect(out.values.a1).toBeCloseTo(0.5793242521487495, 15);
    expect(out.values.C).toBeCloseTo(0.220701892746, 11);
    expect(out.gradients.w1).toBeCloseTo(-0.000588727151094, 14);
    expect(out.gradients.a3).toBeCloseTo(-0.939578400658, 11);
    expect(out.gradients.b2).toBeCloseTo(-0.0134206136747, 12);
    expect(out.updated.w1).toBeCloseTo(0.320058872715, 11);
    expect(out.updated.w3).toBeCloseTo(0.242311425467, 11);
    expect(out.updated.b2).toBeCloseTo(0.00134206136747, 13);
    expect(Object.keys(out.gradients).sort()).toEqual(Object.keys(out.values).sort());
  });

  it('a non-finite value: a file:line:col warning in solve and lint, and "Infinity" (never null) in solve --json', () => {
    const dir = mkdtempSync(join(tmpdir(), 'backstep-finite-'));
    const file = join(dir, 'overflow.yaml');
    writeFileSync(file, 'params: { w: 800 }\nnodes:\n  big: exp(w)\n  C: big - w\nloss: C\n');
    const run = backstep('solve', file, '--json');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/overflow\.yaml:3:3: warning: node "big" is Infinity: exp\(800\) = Infinity/);
    const out = JSON.parse(run.stdout);
    expect(out.values.big).toBe('Infinity');
    expect(out.loss).toBe('Infinity');
    expect(out.gradients.w).toBe('Infinity');
    expect(out.updated.w).toBe('-Infinity');
    expect(run.stdout).not.toContain('null');
    const lint = backstep('lint', file);
    expect(lint.status).toBe(0);
    expect(lint.stderr).toMatch(/overflow\.yaml:3:3: warning: node "big" is Infinity/);
  });

  it('solve prints a readable table', () => {
    const run = backstep('solve', 'lessons/01-chain.md');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/w3\s+param\s+0\.23\s+-0\.123114254669\s+0\.242311425467/);
  });

  it('steps prints the script as text and as TeX', () => {
    const text = backstep('steps', 'lessons/01-chain.md');
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('[forward] z1 = 0.32');
    expect(text.stdout).toContain('[update] w3');
    const tex = backstep('steps', 'lessons/01-chain.md', '--tex', '--pass', 'backward');
    expect(tex.stdout).toContain('\\frac{\\partial C_0}{\\partial W^{(L)}}');
    expect(tex.stdout).not.toContain('[forward]');
    const chain = backstep('steps', 'lessons/01-chain.md', '--chain', 'w2');
    expect(chain.stdout).toContain('-0.00777489');
  });

  it('a broken spec exits 1 with file:line:col and no stack trace', () => {
    const run = backstep('solve', 'test/fixtures/spec/unknown-name/input.yaml');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('test/fixtures/spec/unknown-name/input.yaml:5:16: error: node "z1": unknown name "w4"');
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it('lint reports every broken file and exits 1', () => {
    const run = backstep('lint', 'test/fixtures/spec');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('cycle/input.yaml:5:5: error: cycle: z1 → a1 → z1');
    expect(run.stderr).toMatch(/\d+ files checked: \d+ errors/);
  });

  it('usage mistakes are explained, missing files are named', () => {
    expect(backstep('frobnicate').status).toBe(2);
    expect(backstep('solve').status).toBe(2);
    const missing = backstep('solve', 'no/such/file.md');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no/such/file.md: cannot read (no such file)');
    const help = backstep('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('solve');
  });
});
