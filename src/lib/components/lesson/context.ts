// The lesson state reaches the components the Markdown body places (graph, steps, questions,
// trainers) through Svelte context, so the renderer in between does not pass it along by hand.
import { getContext, setContext } from 'svelte';
import type { LessonState } from './lesson-state.svelte.ts';
import type { LessonTrainers } from './lesson-trainers.svelte.ts';

const key = Symbol('lesson');
const trainersKey = Symbol('lesson-trainers');

export const setLessonState = (state: LessonState) => setContext(key, state);
export const getLessonState = () => getContext<LessonState>(key);

export const setLessonTrainers = (trainers: LessonTrainers) => setContext(trainersKey, trainers);
export const getLessonTrainers = () => getContext<LessonTrainers>(trainersKey);
