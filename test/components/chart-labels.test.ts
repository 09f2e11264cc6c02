// LineChart's direct labels: spread apart without overlapping, inside the plot, in line order.
import { describe, expect, it } from 'vitest';
import { spreadLabels } from '../../src/lib/components/train/chart-labels.ts';

describe('spreadLabels', () => {
  it('leaves labels that are already apart where they want to be', () => {
    expect(spreadLabels([{ y: 40 }, { y: 120 }], 28, 0, 200)).toEqual([40, 120]);
  });

  it('moves two labels at the same height apart by the gap, keeping their order', () => {
    const [a, b] = spreadLabels([{ y: 100 }, { y: 100 }], 28, 0, 200);
    expect(b - a).toBe(28);
  });

  it('keeps every label inside [top, bottom] and the vertical order of the lines', () => {
    const wishes = [{ y: 195 }, { y: 199 }, { y: 190 }, { y: 10 }];
    const placed = spreadLabels(wishes, 28, 5, 200);
    for (const y of placed) {
      expect(y).toBeGreaterThanOrEqual(5);
      expect(y).toBeLessThanOrEqual(200);
    }
    const sorted = [...placed].sort((p, q) => p - q);
    for (let k = 1; k < sorted.length; k++) expect(sorted[k] - sorted[k - 1]).toBeGreaterThanOrEqual(28 - 1e-9);
    // 190 < 195 < 199 stays in that order after spreading
    expect(placed[2]).toBeLessThan(placed[0]);
    expect(placed[0]).toBeLessThan(placed[1]);
  });
});
