// Dispatches dense-forward.wgsl (twin: cpu/dense-forward.ts): out = dropout(activation(x·W + b))
// for one layer, 4×4 outputs per invocation.
import { bindBuffers, createKernel, dispatch, packUniform, tileGroups, type Kernel, type TileWorkgroup } from './kernel.ts';

export class DenseForwardKernel {
  private constructor(private kernel: Kernel, private workgroup: TileWorkgroup) {}

  static async create(device: GPUDevice, activation: number, workgroup: TileWorkgroup): Promise<DenseForwardKernel> {
    const kernel = await createKernel(
      device,
      'dense-forward',
      ['uniform', 'uniform', 'read-only-storage', 'read-only-storage', 'storage'],
      { ACTIVATION: activation, WORKGROUP_X: workgroup.x, WORKGROUP_Y: workgroup.y }
    );
    return new DenseForwardKernel(kernel, workgroup);
  }

  /** Layer uniform: sizes, the layer's index (for its dropout seed) and its float32 dropout factors. */
  static uniform(inputs: number, outputs: number, index: number, dropoutRate: number): ArrayBuffer {
    const rate = Math.fround(dropoutRate);
    return packUniform('uuufff', [inputs, outputs, index, rate, rate > 0 ? 1 / (1 - dropoutRate) : 1, 1 - dropoutRate]);
  }

  bind(device: GPUDevice, b: { step: GPUBuffer; layer: GPUBuffer; x: GPUBuffer; params: GPUBuffer; out: GPUBuffer }): GPUBindGroup {
    return bindBuffers(device, this.kernel, [b.step, b.layer, b.x, b.params, b.out]);
  }

  encode(pass: GPUComputePassEncoder, group: GPUBindGroup, rows: number, outputs: number): void {
    dispatch(pass, this.kernel, group, ...tileGroups(rows, outputs, this.workgroup));
  }
}
