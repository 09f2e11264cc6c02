// Dispatches output-loss.wgsl (twin: cpu/output-loss.ts): output activation, loss, gradient or
// probabilities, predictions and running metrics in one single-workgroup pass.
import { bindBuffers, createKernel, dispatch, packUniform, type Kernel } from './kernel.ts';

export class OutputLossKernel {
  private constructor(private kernel: Kernel) {}

  static async create(device: GPUDevice, loss: number, output: number, workgroupSize: number): Promise<OutputLossKernel> {
    const kernel = await createKernel(
      device,
      'output-loss',
      ['uniform', 'uniform', 'read-only-storage', 'read-only-storage', 'storage', 'storage', 'storage'],
      { LOSS: loss, OUTPUT: output, WORKGROUP_SIZE: workgroupSize }
    );
    return new OutputLossKernel(kernel);
  }

  static uniform(classes: number): ArrayBuffer {
    return packUniform('u', [classes]);
  }

  bind(device: GPUDevice, b: { step: GPUBuffer; layer: GPUBuffer; z: GPUBuffer; labels: GPUBuffer; out: GPUBuffer; predictions: GPUBuffer; metrics: GPUBuffer }): GPUBindGroup {
    return bindBuffers(device, this.kernel, [b.step, b.layer, b.z, b.labels, b.out, b.predictions, b.metrics]);
  }

  encode(pass: GPUComputePassEncoder, group: GPUBindGroup): void {
    dispatch(pass, this.kernel, group, 1);
  }
}
