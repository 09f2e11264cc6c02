// Reading lesson, exercise and spec files from disk for the CLI, with diagnostics printed the
// same way everywhere (file:line:col: severity: message).
import { readFileSync, statSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { formatDiagnostic, type Diagnostic } from '../lib/core/diagnostics.ts';
import { readSpecDocument, type SpecDocument } from '../lib/content/document.ts';
import { Graph } from '../lib/core/graph.ts';
import { CliError } from './command.ts';
import { readExerciseDocument } from '../lib/content/exercise.ts';
import { drawVariant } from '../lib/core/variants.ts';
import { readSecret, SignedSeeds } from './grading/seeds.ts';

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

/** `--student ID --secret-file KEY`: show one student's variant of an exercise. */
export interface StudentVariant {
  student?: string;
  secretFile?: string;
}

/** The options solve and steps share for one student's variant. */
export const studentOptions = { student: { type: 'string' }, 'secret-file': { type: 'string' } } as const;
export const studentUsage = `  --student ID   with --secret-file KEY: the numbers of this student's variant of an exercise
                 (the seed \`backstep variants\` issued them)`;

/** Load a file's graph; print its diagnostics; fail with exit status 1 when it has errors. */
export function loadGraph(file: string, variant: StudentVariant = {}): { doc: SpecDocument; graph: Graph } {
  if (variant.student !== undefined || variant.secretFile !== undefined) return loadStudentGraph(file, variant);
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

/** An exercise's graph with one student's variant drawn in (the seed issued with the secret). */
function loadStudentGraph(file: string, { student, secretFile }: StudentVariant): { doc: SpecDocument; graph: Graph } {
  if (!student?.trim() || !secretFile) throw new CliError('--student ID and --secret-file KEY go together', 2);
  const { doc, exercise } = readExerciseDocument(readText(file), displayPath(file));
  printDiagnostics(doc.reporter.diagnostics);
  if (!exercise) throw new CliError(`${displayPath(file)}: --student needs an exercise without errors`, 1);
  if (!exercise.variants) console.error(`note: ${displayPath(file)} has no variants: every student gets the same numbers`);
  const seeds = SignedSeeds.forExercise(readSecret(secretFile), exercise);
  const drawn = drawVariant(exercise.variants, seeds.issued(student));
  const pick = (from: Record<string, number>) => Object.fromEntries(Object.entries(from).map(([n, v]) => [n, n in drawn ? drawn[n] : v]));
  const spec = { ...exercise.spec, params: pick(exercise.spec.params), inputs: pick(exercise.spec.inputs) };
  console.error(`${student.trim()}'s variant (seed ${seeds.issued(student)}): ${Object.entries(drawn).map(([n, v]) => `${n} = ${v}`).join(', ') || 'the written numbers'}`);
  return { doc, graph: new Graph(spec) };
}
