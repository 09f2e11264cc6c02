// Submission paths as a shell would give them, and more: files, folders (searched for .json and
// .csv), and quoted globs (*, ?, **). A path that matches nothing is reported, not dropped, so
// every input appears in the output.
import { readdirSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';

export interface ExpandedPaths {
  files: string[];
  /** Patterns or paths that gave no file, with the reason. */
  missing: { path: string; reason: string }[];
  /** Files inside the folders given that are not submissions (not .json or .csv), or hidden. */
  skipped: string[];
  /** Both, in the order the paths were given. */
  entries: ({ file: string } | { path: string; reason: string })[];
}

const submissionFile = /\.(json|csv)$/i;
const isGlob = (p: string) => /[*?[]/.test(p);

function walk(dir: string, out: string[], skipped: string[]) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(dir, entry.name);
    if (entry.name === 'node_modules') continue;
    if (entry.name.startsWith('.')) {
      if (entry.name !== '.DS_Store') skipped.push(full);
    } else if (entry.isDirectory()) walk(full, out, skipped);
    else if (submissionFile.test(entry.name)) out.push(full);
    else skipped.push(full);
  }
}

/** A glob segment (`*.json`, `ana?.csv`, `[ab]*`) as a regular expression. */
function segmentRegex(segment: string): RegExp {
  let re = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = segment.indexOf(']', i + 1);
      if (close < 0) re += '\\[';
      else {
        re += `[${segment.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function glob(pattern: string): string[] {
  const parts = pattern.split(/[\\/]+/);
  const absolute = pattern.startsWith('/');
  const out: string[] = [];
  const step = (dir: string, i: number) => {
    if (i === parts.length) {
      try {
        if (statSync(dir).isFile()) out.push(dir);
      } catch {
        /* vanished */
      }
      return;
    }
    const part = parts[i];
    if (part === '' || part === '.') return step(dir, i + 1);
    if (!isGlob(part)) return step(join(dir, part), i + 1);
    let entries;
    try {
      entries = readdirSync(dir || '.', { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    } catch {
      return;
    }
    if (part === '**') {
      step(dir, i + 1);
      for (const e of entries) if (e.isDirectory() && !e.name.startsWith('.')) step(join(dir, e.name), i);
      return;
    }
    const re = segmentRegex(part);
    for (const e of entries) if (re.test(e.name) && (!e.name.startsWith('.') || part.startsWith('.'))) step(join(dir, e.name), i + 1);
  };
  step(absolute ? sep : '', 0);
  return out;
}

export function expandSubmissionPaths(paths: string[]): ExpandedPaths {
  const files: string[] = [];
  const missing: ExpandedPaths['missing'] = [];
  const entries: ExpandedPaths['entries'] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  const add = (f: string) => {
    const key = resolve(f);
    if (!seen.has(key)) {
      seen.add(key);
      files.push(f);
      entries.push({ file: f });
    }
  };
  const miss = (path: string, reason: string) => {
    missing.push({ path, reason });
    entries.push({ path, reason });
  };
  for (const p of paths) {
    let stat;
    try {
      stat = statSync(p);
    } catch {
      stat = null;
    }
    if (stat?.isDirectory()) {
      const found: string[] = [];
      walk(p, found, skipped);
      if (found.length) found.forEach(add);
      else miss(p, 'the folder holds no .json or .csv submission');
    } else if (stat) add(p);
    else if (isGlob(p)) {
      const found = glob(p);
      if (found.length) found.forEach(add);
      else miss(p, 'the pattern matched no file');
    } else miss(p, 'no such file or folder');
  }
  return { files, missing, skipped, entries };
}
