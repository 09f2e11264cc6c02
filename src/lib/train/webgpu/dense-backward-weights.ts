// Dispatches dense-backward-weights.wgsl (twin: cpu/dense-backward-weights.ts): dW = xᵀ·dz and
// db = Σ dz, into one (inputs + 1) × outputs gradient block shaped like the parameters.
import { bindBuffers, createKernel, dispatch, packUniform, tileGroups, type Kernel, type TileWorkgroup } from './kernel.ts';

export class DenseBackwardWeightsKernel {
  private constructor(private kernel: Kernel, private workgroup: TileWorkgroup) {}

  static async create(device: GPUDevice, workgroup: TileWorkgroup): Promise<DenseBackwardWeightsKernel> {
    const kernel = await createKernel(
      device,
      'dense-backward-weights',
      ['uniform', 'uniform', 'read-only-storage', 'read-only-storage', 'storage'],
      { WORKGROUP_X: workgroup.x, WORKGROUP_Y: workgroup.y }
    );
    return new DenseBackwardWeightsKernel(kernel, workgroup);
  }

  static uniform(inputs: number, outputs: number): ArrayBuffer {
    return packUniform('uu', [inputs, outputs]);
  }

  bind(device: GPUDevice, b: { step: GPUBuffer; layer: GPUBuffer; x: GPUBuffer; dz: GPUBuffer; grads: GPUBuffer }): GPUBindGroup {
    return bindBuffers(device, this.kernel, [b.step, b.layer, b.x, b.dz, b.grads]);
  }

  encode(pass: GPUComputePassEncoder, group: GPUBindGroup, inputs: number, outputs: number): void {
    dispatch(pass, this.kernel, group, ...tileGroups(inputs + 1, outputs, this.workgroup));
  }
}
