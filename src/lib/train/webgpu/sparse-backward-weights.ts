// Dispatches sparse-backward-weights.wgsl (twin: cpu/dense-backward-weights.ts): the first
// layer's weight and bias gradient, visiting each pixel's nonzero samples only.
import { bindBuffers, createKernel, dispatch, packUniform, type Kernel, type TileWorkgroup } from './kernel.ts';
import type { SparseBuffers } from './sparse-rows.ts';

export class SparseBackwardWeightsKernel {
  private constructor(private kernel: Kernel, private workgroup: TileWorkgroup) {}

  static async create(device: GPUDevice, workgroup: TileWorkgroup): Promise<SparseBackwardWeightsKernel> {
    const kernel = await createKernel(
      device,
      'sparse-backward-weights',
      ['uniform', 'uniform', 'read-only-storage', 'read-only-storage', 'read-only-storage', 'read-only-storage', 'storage'],
      { WORKGROUP_X: workgroup.x, WORKGROUP_Y: workgroup.y }
    );
    return new SparseBackwardWeightsKernel(kernel, workgroup);
  }

  static uniform(inputs: number, outputs: number, capacity: number): ArrayBuffer {
    return packUniform('uuu', [inputs, outputs, capacity]);
  }

  bind(device: GPUDevice, b: { step: GPUBuffer; layer: GPUBuffer; sparse: SparseBuffers; dz: GPUBuffer; grads: GPUBuffer }): GPUBindGroup {
    return bindBuffers(device, this.kernel, [b.step, b.layer, b.sparse.indices, b.sparse.values, b.sparse.counts, b.dz, b.grads]);
  }

  encode(pass: GPUComputePassEncoder, group: GPUBindGroup, inputs: number, outputs: number): void {
    dispatch(pass, this.kernel, group, Math.ceil(outputs / (16 * this.workgroup.x)), Math.ceil((inputs + 1) / this.workgroup.y));
  }
}
