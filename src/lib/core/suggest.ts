// "Did you mean …?": the nearest known name to a misspelt one ("sigmod" → sigmoid), so an author
// reading a spec error (in `backstep lint` or on /author) sees the fix, not only the mistake.
import { distance } from 'fastest-levenshtein';

/**
 * The known name closest to `word` by edit distance (case ignored), or null when none is close:
 * two edits (a swapped pair of letters, "tahn" → tanh, counts as two), or a third of the word's
 * length for long ones; nothing for names of one or two letters, where every name is close.
 * Ties go to the name listed first.
 */
export function nearestName(word: string, known: Iterable<string>): string | null {
  const allowed = word.length < 3 ? 0 : Math.max(2, Math.floor(word.length / 3));
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const name of known) {
    // w4 for w1 is a different index, not a typo: names that differ only in digits are not suggested.
    if (name === word || name.replace(/\d/g, '') === word.replace(/\d/g, '')) continue;
    const d = distance(word.toLowerCase(), name.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  return bestDistance <= allowed ? best : null;
}

/** `did you mean "sigmoid"? ` ready to put in front of the rest of a message, or '' when nothing is close. */
export function didYouMean(word: string, known: Iterable<string>): string {
  const near = nearestName(word, known);
  return near === null ? '' : `did you mean "${near}"? `;
}
