// What the student chose in a lesson widget (a ::descent's rate and start, a ::loop's rate, batch
// and epochs): kept in the lesson state when the widget has an id a question reads (start(bowl)),
// so the answer is marked against it and the progress keeps it; otherwise kept by the widget.
import type { LessonState } from './lesson-state.svelte.ts';

export class WidgetChoices {
  private local = $state<Record<string, number>>({});
  private readonly lesson: LessonState | undefined;
  private readonly id: () => string | undefined;

  constructor(lesson: LessonState | undefined, id: () => string | undefined) {
    this.lesson = lesson;
    this.id = id;
  }

  /** The lesson's record for this widget, when questions can read it. */
  private get shared(): Record<string, number> | undefined {
    const id = this.id();
    return id !== undefined && this.lesson?.model.widgets?.[id] ? this.lesson.widgets[id] : undefined;
  }

  /** The value chosen for `name`, else `fallback` (the directive's attribute). */
  value(name: string, fallback: number): number {
    return this.shared?.[name] ?? this.local[name] ?? fallback;
  }

  choose(name: string, value: number) {
    const id = this.id();
    if (this.shared && id !== undefined) this.lesson!.setWidget(id, { [name]: value });
    else this.local = { ...this.local, [name]: value };
  }
}
