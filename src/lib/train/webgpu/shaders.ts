// Loads the .wgsl files beside this module in every place the trainer runs: under Vite (the app,
// and vitest) they are bundled with `?raw`; under plain Node (the CLI through tsx) they are read from disk.
import { LEAKY_SLOPE } from '../network.ts';

const bundled: Record<string, string> | undefined = import.meta.env
  ? import.meta.glob('./*.wgsl', { query: '?raw', import: 'default', eager: true })
  : undefined;

const cache = new Map<string, Promise<string>>();

async function readFromDisk(name: string): Promise<string> {
  const fsModule = 'node:fs/promises';
  const { readFile } = (await import(/* @vite-ignore */ fsModule)) as typeof import('node:fs/promises');
  return readFile(new URL(`./${name}.wgsl`, import.meta.url), 'utf8');
}

export function wgslFile(name: string): Promise<string> {
  let text = cache.get(name);
  if (!text) {
    if (bundled) {
      const source = bundled[`./${name}.wgsl`];
      if (source === undefined) throw new Error(`no shader ${name}.wgsl`);
      text = Promise.resolve(source);
    } else {
      text = readFromDisk(name);
    }
    cache.set(name, text);
  }
  return text;
}

/** A kernel's full source: the numbers the shaders share with the CPU (the op table's leaky-ReLU
 * slope), common.wgsl (step uniform, hash, activations), then the kernel. */
export async function kernelSource(name: string): Promise<string> {
  const [common, kernel] = await Promise.all([wgslFile('common'), wgslFile(name)]);
  return `const LEAKY_SLOPE: f32 = ${wgslFloat(LEAKY_SLOPE)};\n${common}\n${kernel}`;
}

/** A number as a WGSL float literal (0.1, 1.0, 1e-7). */
function wgslFloat(value: number): string {
  const text = String(value);
  return /[.e]/.test(text) ? text : `${text}.0`;
}
