// Dispatches sparse-rows.wgsl (twin: cpu/sparse-rows.ts): the input batch as compressed sparse
// rows, for sparse-forward.wgsl.
import { bindBuffers, createKernel, dispatch, linearGroups, packUniform, type Kernel } from './kernel.ts';

const WORKGROUP_SIZE = 64;

export interface SparseBuffers {
  indices: GPUBuffer;
  values: GPUBuffer;
  counts: GPUBuffer;
}

export class SparseRowsKernel {
  private constructor(private kernel: Kernel) {}

  static async create(device: GPUDevice): Promise<SparseRowsKernel> {
    const kernel = await createKernel(device, 'sparse-rows', ['uniform', 'uniform', 'read-only-storage', 'storage', 'storage', 'storage'], { WORKGROUP_SIZE });
    return new SparseRowsKernel(kernel);
  }

  /** Shared with sparse-columns: the row length and the room per column list. */
  static uniform(inputs: number, capacity: number): ArrayBuffer {
    return packUniform('uu', [inputs, capacity]);
  }

  bind(device: GPUDevice, b: { step: GPUBuffer; shape: GPUBuffer; x: GPUBuffer; sparse: SparseBuffers }): GPUBindGroup {
    return bindBuffers(device, this.kernel, [b.step, b.shape, b.x, b.sparse.indices, b.sparse.values, b.sparse.counts]);
  }

  encode(pass: GPUComputePassEncoder, group: GPUBindGroup, rows: number): void {
    dispatch(pass, this.kernel, group, ...linearGroups(rows, WORKGROUP_SIZE));
  }
}
