// Reading lesson, exercise and spec files from disk for the CLI, with diagnostics printed the
// same way everywhere (file:line:col: severity: message).
import { readFileSync, statSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { formatDiagnostic, type Diagnostic } from '../lib/core/diagnostics.ts';
import { readSpecDocument, type SpecDocument } from '../lib/content/document.ts';
import { Graph } from '../lib/core/graph.ts';
import { CliError } from './command.ts';

export function displayPath(file: string) {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(`${displayPath(file)}: cannot read (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code})`, 2);
  }
}

export function printDiagnostics(diagnostics: Diagnostic[]) {
  for (const d of diagnostics) console.error(formatDiagnostic(d));
}

/** Load a file's graph; print its diagnostics; fail with exit status 1 when it has errors. */
export function loadGraph(file: string): { doc: SpecDocument; graph: Graph } {
  const doc = readSpecDocument(readText(file), displayPath(file));
  if (doc.reporter.failed || !doc.spec) {
    printDiagnostics(doc.reporter.diagnostics);
    const errors = doc.reporter.diagnostics.filter((d) => d.severity === 'error').length;
    throw new CliError(`${doc.file}: ${errors} error${errors === 1 ? '' : 's'}, nothing computed`, 1);
  }
  const graph = new Graph(doc.spec);
  printDiagnostics(doc.reporter.diagnostics);
  return { doc, graph };
}

/** Expand files and folders into the lesson/exercise/spec files they hold. */
export function expandPaths(paths: string[], extensions = /\.(md|markdown|ya?ml|json)$/i): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let stat;
    try {
      stat = statSync(p);
    } catch {
      throw new CliError(`${p}: no such file or folder`, 2);
    }
    if (stat.isDirectory()) {
      for (const entry of readdirSync(p, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
        const full = join(p, entry.name);
        if (entry.isDirectory()) out.push(...expandPaths([full], extensions));
        else if (extensions.test(entry.name)) out.push(full);
      }
    } else out.push(p);
  }
  return out;
}
