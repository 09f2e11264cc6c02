// Node only: WebGPU through the npm `webgpu` package (Dawn). On machines without a GPU it runs
// on SwiftShader, Chromium's CPU Vulkan driver, which the Vulkan loader needs pointing at.
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openGpuDevice, type GpuDevice } from '../webgpu/device.ts';

const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

let instance: Promise<GPU> | null = null;

/** The process-wide GPU object (Dawn allows one instance to be shared by every device). */
export function nodeGpu(): Promise<GPU> {
  if (!instance) {
    if (!process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER_ICD)) process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
    // Without it, the Wayland probe inside Dawn prints "XDG_RUNTIME_DIR is invalid" on every run.
    if (!process.env.XDG_RUNTIME_DIR) {
      const dir = join(tmpdir(), `backstep-runtime-${process.getuid?.() ?? 'user'}`);
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      process.env.XDG_RUNTIME_DIR = dir;
    }
    instance = import('webgpu').then(({ create, globals }) => {
      Object.assign(globalThis, globals);
      return create([]) as GPU;
    });
  }
  return instance;
}

export async function openNodeGpuDevice(): Promise<GpuDevice> {
  return openGpuDevice(await nodeGpu());
}
