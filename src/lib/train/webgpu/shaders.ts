// Loads the .wgsl files beside this module in every place the trainer runs: under Vite (the app,
// and vitest) they are bundled with `?raw`; under plain Node (the CLI through tsx) they are read from disk.

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

/** A kernel's full source: common.wgsl (step uniform, hash, activations) followed by the kernel. */
export async function kernelSource(name: string): Promise<string> {
  const [common, kernel] = await Promise.all([wgslFile('common'), wgslFile(name)]);
  return `${common}\n${kernel}`;
}
