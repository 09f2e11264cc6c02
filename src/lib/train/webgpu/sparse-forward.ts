// Dispatches sparse-forward.wgsl (twin: cpu/dense-forward.ts): the first layer's forward pass
// over the nonzero inputs only, 16 outputs of one row per invocation.
import { bindBuffers, createKernel, dispatch, type Kernel, type TileWorkgroup } from './kernel.ts';
import type { SparseBuffers } from './sparse-rows.ts';

export class SparseForwardKernel {
  private constructor(private kernel: Kernel, private workgroup: TileWorkgroup) {}

  static async create(device: GPUDevice, activation: number, workgroup: TileWorkgroup): Promise<SparseForwardKernel> {
    const kernel = await createKernel(
      device,
      'sparse-forward',
      ['uniform', 'uniform', 'read-only-storage', 'read-only-storage', 'read-only-storage', 'read-only-storage', 'storage'],
      { ACTIVATION: activation, WORKGROUP_X: workgroup.x, WORKGROUP_Y: workgroup.y }
    );
    return new SparseForwardKernel(kernel, workgroup);
  }

  /** `layer` is DenseForwardKernel.uniform(...) (the same Layer struct). */
  bind(device: GPUDevice, b: { step: GPUBuffer; layer: GPUBuffer; sparse: SparseBuffers; params: GPUBuffer; out: GPUBuffer }): GPUBindGroup {
    return bindBuffers(device, this.kernel, [b.step, b.layer, b.sparse.indices, b.sparse.values, b.sparse.counts, b.params, b.out]);
  }

  encode(pass: GPUComputePassEncoder, group: GPUBindGroup, rows: number, outputs: number): void {
    dispatch(pass, this.kernel, group, Math.ceil(outputs / (16 * this.workgroup.x)), Math.ceil(rows / this.workgroup.y));
  }
}
