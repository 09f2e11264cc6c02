// Per-lesson progress in localStorage (steps reached, answers given). Reads never throw: a
// private window, a full quota or an old format simply means "no saved progress".
import type { Progress } from './lesson-state.svelte.ts';

const key = (slug: string) => `backstep:progress:${slug}`;

export function loadProgress(slug: string): Partial<Progress> | null {
  try {
    const raw = localStorage.getItem(key(slug));
    const data = raw ? JSON.parse(raw) : null;
    return data && typeof data === 'object' ? data : null;
  } catch {
    return null;
  }
}

export function saveProgress(slug: string, progress: Progress) {
  try {
    localStorage.setItem(key(slug), JSON.stringify(progress));
  } catch {
    // Storage unavailable: progress lasts as long as the page.
  }
}

export function clearProgress(slug: string) {
  try {
    localStorage.removeItem(key(slug));
  } catch {
    // nothing to clear
  }
}
