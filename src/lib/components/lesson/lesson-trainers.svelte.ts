// The MNIST side of one lesson page, shared by its ::trainer panels and ::forward-digit views: a
// training session per ::trainer (in page order), and which network a forward view shows — the
// most recently started run, or before any run the first trainer's untrained network.
// Types only: the trainer code loads with the ::trainer component, not with every lesson page.
import type { TrainingSession } from '../train/training.svelte.ts';

export class LessonTrainers {
  sessions = $state.raw<TrainingSession[]>([]);
  /** Each session's ::trainer title, for the ::compare charts that name them. */
  readonly titles = new WeakMap<TrainingSession, string>();

  /** The session a forward view follows. */
  readonly shown: TrainingSession | null = $derived(
    this.sessions.reduce<TrainingSession | null>((best, s) => (!best || s.startedAt > best.startedAt ? s : best), null)
  );

  add(session: TrainingSession, title?: string): void {
    if (title) this.titles.set(session, title);
    this.sessions = [...this.sessions, session];
  }

  remove(session: TrainingSession): void {
    this.sessions = this.sessions.filter((s) => s !== session);
    session.destroy();
  }
}
