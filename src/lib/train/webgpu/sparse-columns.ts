// Dispatches sparse-columns.wgsl (twin: cpu/sparse-columns.ts): the input batch as compressed
// sparse columns, for sparse-backward-weights.wgsl.
import { bindBuffers, createKernel, dispatch, linearGroups, type Kernel } from './kernel.ts';
import type { SparseBuffers } from './sparse-rows.ts';

const WORKGROUP_SIZE = 64;

export class SparseColumnsKernel {
  private constructor(private kernel: Kernel) {}

  static async create(device: GPUDevice): Promise<SparseColumnsKernel> {
    const kernel = await createKernel(device, 'sparse-columns', ['uniform', 'uniform', 'read-only-storage', 'storage', 'storage', 'storage'], { WORKGROUP_SIZE });
    return new SparseColumnsKernel(kernel);
  }

  /** `shape` is SparseRowsKernel.uniform(inputs, capacity). */
  bind(device: GPUDevice, b: { step: GPUBuffer; shape: GPUBuffer; x: GPUBuffer; sparse: SparseBuffers }): GPUBindGroup {
    return bindBuffers(device, this.kernel, [b.step, b.shape, b.x, b.sparse.indices, b.sparse.values, b.sparse.counts]);
  }

  encode(pass: GPUComputePassEncoder, group: GPUBindGroup, inputs: number): void {
    dispatch(pass, this.kernel, group, ...linearGroups(inputs, WORKGROUP_SIZE));
  }
}
