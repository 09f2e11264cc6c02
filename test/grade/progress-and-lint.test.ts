// Small pieces of the batch tools: the progress bar (only on a terminal, only for big batches)
// and the exercise warnings `backstep lint` adds from the checker.
import { describe, expect, it } from 'vitest';
import { bar, Progress } from '../../src/cli/grading/progress.ts';
import { exerciseFromText } from '../check/helpers.ts';

describe('progress bar', () => {
  it('draws the fraction done', () => {
    expect(bar(0, 10, 10)).toBe('[··········]   0 % 0/10');
    expect(bar(5, 10, 10)).toBe('[#####·····]  50 % 5/10');
    expect(bar(10, 10, 10)).toBe('[##########] 100 % 10/10');
  });

  it('writes to a terminal for large batches only, and clears itself', () => {
    const written: string[] = [];
    const tty = { isTTY: true, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
    const small = new Progress(10, tty);
    small.update(10);
    small.finish();
    expect(written).toEqual([]);
    const big = new Progress(1000, tty);
    big.update(1);
    big.update(1000);
    big.finish();
    expect(written[0]).toMatch(/^\r\[.*\] +0 % 1\/1000$/);
    expect(written.at(-2)).toMatch(/100 % 1000\/1000/);
    expect(written.at(-1)).toBe('\r\x1b[K');
    const pipe = { isTTY: false, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
    const before = written.length;
    new Progress(100_000, pipe).update(5);
    expect(written.length).toBe(before);
  });
});

describe('exercise warnings', () => {
  it('same quantity twice, zero points, a misconception that is the right answer', () => {
    const { doc, exercise } = exerciseFromText(
      [
        '---',
        'title: Warnings',
        'graph: { params: { w: 0.5 }, inputs: { x: 2 }, nodes: { z: w*x, C: z^2 }, loss: C }',
        'questions:',
        '  - { id: z, answer: z }',
        '  - { id: z-again, answer: z, points: 0 }',
        '  - id: dw',
        '    answer: grad(w)',
        "    misconceptions: [{ answer: '2*z*x', message: 'this is right' }]",
        '---'
      ].join('\n')
    );
    expect(exercise).not.toBeNull();
    const warnings = doc.reporter.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.message);
    expect(warnings).toEqual([
      'question "z-again" asks for the same quantity as "z"',
      'question "z-again" is worth 0 points',
      'question "dw": misconception "dw-custom-1" gives the right answer (4), so it can never be reported'
    ]);
  });
});
