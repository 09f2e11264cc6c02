// One WebGPU device for a test file, opened through the npm `webgpu` package (SwiftShader here).
// A missing adapter throws, so the tests that need it fail instead of being skipped.
import { openNodeGpuDevice } from '../../src/lib/train/node/gpu.ts';
import type { GpuDevice } from '../../src/lib/train/webgpu/device.ts';
import { readBuffers, storageBuffer, uniformBuffer } from '../../src/lib/train/webgpu/kernel.ts';

export async function openTestDevice(): Promise<GpuDevice> {
  const gpu = await openNodeGpuDevice();
  gpu.device.addEventListener('uncapturederror', (event) => {
    throw new Error(`WebGPU error: ${(event as GPUUncapturedErrorEvent).error.message}`);
  });
  return gpu;
}

/** Small conveniences for feeding a kernel and reading its results. */
export class KernelBench {
  private created: GPUBuffer[] = [];
  constructor(readonly device: GPUDevice) {}

  uniform(bytes: ArrayBuffer): GPUBuffer {
    return this.keep(uniformBuffer(this.device, 'test uniform', bytes));
  }

  storage(contents: Float32Array | Uint32Array | number): GPUBuffer {
    if (typeof contents === 'number') return this.keep(storageBuffer(this.device, 'test', contents * 4));
    return this.keep(storageBuffer(this.device, 'test', contents.byteLength, contents));
  }

  async run(encode: (pass: GPUComputePassEncoder) => void): Promise<void> {
    const encoder = this.device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    encode(pass);
    pass.end();
    this.device.queue.submit([encoder.finish()]);
    await this.device.queue.onSubmittedWorkDone();
  }

  async floats(buffer: GPUBuffer, count: number): Promise<Float32Array> {
    const [bytes] = await readBuffers(this.device, [{ buffer, bytes: count * 4 }]);
    return new Float32Array(bytes);
  }

  async uints(buffer: GPUBuffer, count: number): Promise<Uint32Array> {
    const [bytes] = await readBuffers(this.device, [{ buffer, bytes: count * 4 }]);
    return new Uint32Array(bytes);
  }

  release(): void {
    this.created.forEach((b) => b.destroy());
    this.created = [];
  }

  private keep(buffer: GPUBuffer): GPUBuffer {
    this.created.push(buffer);
    return buffer;
  }
}
