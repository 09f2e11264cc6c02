// Dispatches gather-batch.wgsl (twin: cpu/gather-batch.ts): a batch of images, picked through
// the shuffled order and min-max scaled, lands in the input matrix without leaving the GPU.
import { bindBuffers, createKernel, dispatch, linearGroups, packUniform, type Kernel } from './kernel.ts';

const WORKGROUP_SIZE = 64;

export class GatherBatchKernel {
  private constructor(private kernel: Kernel) {}

  static async create(device: GPUDevice): Promise<GatherBatchKernel> {
    const kernel = await createKernel(
      device,
      'gather-batch',
      ['uniform', 'uniform', 'read-only-storage', 'read-only-storage', 'read-only-storage', 'storage', 'storage'],
      { WORKGROUP_SIZE }
    );
    return new GatherBatchKernel(kernel);
  }

  static uniform(features: number, min: number, inverseRange: number): ArrayBuffer {
    return packUniform('uuff', [features, wordsPerRow(features), min, inverseRange]);
  }

  bind(device: GPUDevice, b: { step: GPUBuffer; gather: GPUBuffer; pixels: GPUBuffer; labels: GPUBuffer; order: GPUBuffer; x: GPUBuffer; batchLabels: GPUBuffer }): GPUBindGroup {
    return bindBuffers(device, this.kernel, [b.step, b.gather, b.pixels, b.labels, b.order, b.x, b.batchLabels]);
  }

  encode(pass: GPUComputePassEncoder, group: GPUBindGroup, rows: number, features: number): void {
    dispatch(pass, this.kernel, group, ...linearGroups(rows * wordsPerRow(features), WORKGROUP_SIZE));
  }
}

export function wordsPerRow(features: number): number {
  return Math.ceil(features / 4);
}

/** uint8 images → u32 words, each image padded to a whole number of words. */
export function packPixels(pixels: Uint8Array, count: number, features: number): Uint32Array {
  const words = wordsPerRow(features);
  if (words * 4 === features) {
    const copy = new Uint8Array(count * features);
    copy.set(pixels.subarray(0, count * features));
    return new Uint32Array(copy.buffer);
  }
  const padded = new Uint8Array(count * words * 4);
  for (let i = 0; i < count; i++) padded.set(pixels.subarray(i * features, (i + 1) * features), i * words * 4);
  return new Uint32Array(padded.buffer);
}
