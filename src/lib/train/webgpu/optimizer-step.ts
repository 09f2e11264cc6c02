// Dispatches optimizer-step.wgsl (twin: cpu/optimizer-step.ts): one fused update of a layer's
// parameters and optimizer state, penalties included.
import { OPTIMIZERS, type HyperparameterField } from '../../core/optimizers.ts';
import type { OptimizerConfig } from '../optimizers.ts';
import { bindBuffers, createKernel, dispatch, linearGroups, packUniform, type Kernel } from './kernel.ts';

const WORKGROUP_SIZE = 64;

/** The table's hyperparameters in the order of the WGSL `Hyper` struct (after count, weightCount, l1, l2). */
const KERNEL_HYPERPARAMETERS: HyperparameterField[] = ['momentum', 'rho', 'beta1', 'beta2', 'epsilon'];

export class OptimizerStepKernel {
  private constructor(private kernel: Kernel) {}

  static async create(device: GPUDevice, config: OptimizerConfig): Promise<OptimizerStepKernel> {
    const kernel = await createKernel(
      device,
      'optimizer-step',
      ['uniform', 'uniform', 'read-only-storage', 'storage', 'storage', 'storage'],
      { OPTIMIZER: OPTIMIZERS[config.name].kernelCode, WORKGROUP_SIZE }
    );
    return new OptimizerStepKernel(kernel);
  }

  static uniform(count: number, weightCount: number, c: OptimizerConfig): ArrayBuffer {
    return packUniform('uufffffff', [count, weightCount, c.l1, c.l2, ...KERNEL_HYPERPARAMETERS.map((field) => c[field])]);
  }

  /** `first` and `second` may be any placeholder buffer when the optimizer keeps fewer slots. */
  bind(device: GPUDevice, b: { step: GPUBuffer; hyper: GPUBuffer; grads: GPUBuffer; params: GPUBuffer; first: GPUBuffer; second: GPUBuffer }): GPUBindGroup {
    return bindBuffers(device, this.kernel, [b.step, b.hyper, b.grads, b.params, b.first, b.second]);
  }

  encode(pass: GPUComputePassEncoder, group: GPUBindGroup, count: number): void {
    dispatch(pass, this.kernel, group, ...linearGroups(count, WORKGROUP_SIZE));
  }
}
