// "Did you mean": the nearest known name for a misspelt one, and only when one is close.
import { describe, expect, it } from 'vitest';
import { didYouMean, nearestName } from '../../src/lib/core/suggest.ts';
import { authorFunctions } from '../../src/lib/core/ops.ts';

describe('nearestName', () => {
  it('finds the function an author meant', () => {
    expect(nearestName('sigmod', authorFunctions)).toBe('sigmoid');
    expect(nearestName('Sigmoid', authorFunctions)).toBe('sigmoid');
    expect(nearestName('tahn', authorFunctions)).toBe('tanh');
    expect(nearestName('rleu', authorFunctions)).toBe('relu');
    expect(nearestName('leakyrelu', authorFunctions)).toBe('leaky_relu');
  });

  it('suggests nothing when no name is close', () => {
    expect(nearestName('softmax_cross', authorFunctions)).toBeNull();
    expect(nearestName('banana', ['w1', 'x', 'C'])).toBeNull();
  });

  it('does not take another index for a typo (w4 is not a misspelt w1)', () => {
    expect(nearestName('w4', ['w1', 'x', 'z1'])).toBeNull();
    expect(nearestName('hiden', ['w1', 'x', 'hidden'])).toBe('hidden');
  });

  it('writes the suggestion ready to go in a message', () => {
    expect(didYouMean('sigmod', authorFunctions)).toBe('did you mean "sigmoid"? ');
    expect(didYouMean('zzz', authorFunctions)).toBe('');
  });
});
