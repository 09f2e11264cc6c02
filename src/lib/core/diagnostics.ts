// Author mistakes are data: a message with the file, line and column it belongs to. Nothing in
// the core throws at an author; it collects diagnostics, and the CLI and the UI print them.

export interface Position {
  line: number; // 1-based
  column: number; // 1-based
}

export interface Diagnostic extends Position {
  file: string;
  severity: 'error' | 'warning';
  message: string;
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;
}

/** Collects diagnostics for one file; `at` defaults to the top of the file when nothing better is known. */
export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  constructor(readonly file: string) {}
  error(message: string, at?: Position) {
    this.diagnostics.push({ file: this.file, severity: 'error', message, line: at?.line ?? 1, column: at?.column ?? 1 });
  }
  warn(message: string, at?: Position) {
    this.diagnostics.push({ file: this.file, severity: 'warning', message, line: at?.line ?? 1, column: at?.column ?? 1 });
  }
  get failed() {
    return this.diagnostics.some((d) => d.severity === 'error');
  }
}

/** Thrown by helpers that cannot go on (e.g. solving a spec with errors); carries the diagnostics. */
export class DiagnosticsError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
  }
}
