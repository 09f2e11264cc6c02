// Per-lesson progress (steps reached, answers given, the student's edits to the numbers), kept in
// the browser through the one Persisted class.
import { Persisted, isRecord } from '../../persisted.ts';
import type { Progress } from './lesson-state.svelte.ts';

export const progressStore = (slug: string) => new Persisted<Partial<Progress>>(`backstep:progress:${slug}`, isRecord);

export const loadProgress = (slug: string) => progressStore(slug).load();
export const saveProgress = (slug: string, progress: Progress) => progressStore(slug).save(progress);
export const clearProgress = (slug: string) => progressStore(slug).clear();
