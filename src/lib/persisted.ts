// One small wrapper around localStorage for everything the app keeps in the browser (lesson
// progress, answers, edits, drafts). Reads never throw: a private window, a full quota, an old or
// corrupt format all mean "nothing saved", and a failed write means it lasts as long as the page.
export class Persisted<T> {
  readonly key: string;
  readonly #accept: (data: unknown) => data is T;

  /** `accept` says whether what was read back is still a T (old formats and hand edits are not). */
  constructor(key: string, accept: (data: unknown) => data is T) {
    this.key = key;
    this.#accept = accept;
  }

  load(): T | null {
    try {
      const raw = globalThis.localStorage?.getItem(this.key);
      const data: unknown = raw ? JSON.parse(raw) : null;
      return data !== null && this.#accept(data) ? data : null;
    } catch {
      return null;
    }
  }

  save(value: T) {
    try {
      globalThis.localStorage?.setItem(this.key, JSON.stringify(value));
    } catch {
      // Storage unavailable: the value lasts as long as the page.
    }
  }

  clear() {
    try {
      globalThis.localStorage?.removeItem(this.key);
    } catch {
      // nothing to clear
    }
  }
}

/** A plain object (not an array, not null): the shape every saved record starts from. */
export const isRecord = (data: unknown): data is Record<string, unknown> => typeof data === 'object' && data !== null && !Array.isArray(data);
