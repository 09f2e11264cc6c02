// The lesson state reaches the components the Markdown body places (graph, steps, questions)
// through Svelte context, so the renderer in between does not pass it along by hand.
import { getContext, setContext } from 'svelte';
import type { LessonState } from './lesson-state.svelte.ts';

const key = Symbol('lesson');

export const setLessonState = (state: LessonState) => setContext(key, state);
export const getLessonState = () => getContext<LessonState>(key);
