// Dispatches dense-backward-input.wgsl (twin: cpu/dense-backward-input.ts): the gradient with
// respect to the layer below's pre-activation, through Wᵀ, its activation and its dropout mask.
import { bindBuffers, createKernel, dispatch, packUniform, tileGroups, type Kernel, type TileWorkgroup } from './kernel.ts';

export class DenseBackwardInputKernel {
  private constructor(private kernel: Kernel, private workgroup: TileWorkgroup) {}

  static async create(device: GPUDevice, previousActivation: number, workgroup: TileWorkgroup): Promise<DenseBackwardInputKernel> {
    const kernel = await createKernel(
      device,
      'dense-backward-input',
      ['uniform', 'uniform', 'read-only-storage', 'read-only-storage', 'read-only-storage', 'storage'],
      { PREVIOUS_ACTIVATION: previousActivation, WORKGROUP_X: workgroup.x, WORKGROUP_Y: workgroup.y }
    );
    return new DenseBackwardInputKernel(kernel, workgroup);
  }

  static uniform(inputs: number, outputs: number, previousIndex: number, previousDropoutRate: number): ArrayBuffer {
    const rate = Math.fround(previousDropoutRate);
    return packUniform('uuufff', [inputs, outputs, previousIndex, rate, rate > 0 ? 1 / (1 - previousDropoutRate) : 1, 1 - previousDropoutRate]);
  }

  bind(device: GPUDevice, b: { step: GPUBuffer; layer: GPUBuffer; dz: GPUBuffer; params: GPUBuffer; previousOutput: GPUBuffer; dPrevious: GPUBuffer }): GPUBindGroup {
    return bindBuffers(device, this.kernel, [b.step, b.layer, b.dz, b.params, b.previousOutput, b.dPrevious]);
  }

  encode(pass: GPUComputePassEncoder, group: GPUBindGroup, rows: number, inputs: number): void {
    dispatch(pass, this.kernel, group, ...tileGroups(rows, inputs, this.workgroup));
  }
}
