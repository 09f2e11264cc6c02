// Node only: opens a training backend by name for the CLI, WebGPU through the npm `webgpu`
// package. A failure to open WebGPU is left to the trainer, which falls back to the CPU.
import type { BackendOpener } from '../trainer.ts';
import { WebGpuBackend } from '../webgpu/backend.ts';
import { CpuBackend } from '../cpu/backend.ts';
import { openNodeGpuDevice } from './gpu.ts';

export const BACKENDS = ['cpu', 'webgpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

export function openerFor(name: BackendName): BackendOpener {
  if (name === 'cpu') return async (setup, state) => new CpuBackend(setup, state);
  return async (setup, state) => WebGpuBackend.create(await openNodeGpuDevice(), setup, state);
}
