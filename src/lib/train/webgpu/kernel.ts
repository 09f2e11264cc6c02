// What every kernel module needs from WebGPU: compile a WGSL kernel with an explicit bind group
// layout (so bindings unused by one optimizer or loss never break the layout), bind buffers, and
// spread a large 1-D dispatch over two dimensions when it exceeds the per-dimension limit.
import { kernelSource } from './shaders.ts';

export type BindingKind = 'uniform' | 'read-only-storage' | 'storage';

export interface Kernel {
  name: string;
  pipeline: GPUComputePipeline;
  layout: GPUBindGroupLayout;
}

export async function createKernel(
  device: GPUDevice,
  name: string,
  bindings: BindingKind[],
  constants: Record<string, number>
): Promise<Kernel> {
  const code = await kernelSource(name);
  device.pushErrorScope('validation');
  const module = device.createShaderModule({ label: name, code });
  const info = await module.getCompilationInfo();
  const errors = info.messages.filter((m) => m.type === 'error');
  if (errors.length) {
    await device.popErrorScope();
    throw new Error(`${name}.wgsl: ${errors.map((m) => `line ${m.lineNum}: ${m.message}`).join('; ')}`);
  }
  const layout = device.createBindGroupLayout({
    label: name,
    entries: bindings.map((type, binding) => ({ binding, visibility: GPUShaderStage.COMPUTE, buffer: { type } }))
  });
  const pipeline = await device.createComputePipelineAsync({
    label: name,
    layout: device.createPipelineLayout({ bindGroupLayouts: [layout] }),
    compute: { module, entryPoint: 'main', constants }
  });
  const error = await device.popErrorScope();
  if (error) throw new Error(`${name}: ${error.message}`);
  return { name, pipeline, layout };
}

export function bindBuffers(device: GPUDevice, kernel: Kernel, buffers: GPUBuffer[]): GPUBindGroup {
  return device.createBindGroup({
    label: kernel.name,
    layout: kernel.layout,
    entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } }))
  });
}

export function dispatch(pass: GPUComputePassEncoder, kernel: Kernel, group: GPUBindGroup, x: number, y = 1): void {
  pass.setPipeline(kernel.pipeline);
  pass.setBindGroup(0, group);
  pass.dispatchWorkgroups(x, y);
}

/** Workgroup counts for `invocations` threads in groups of `size`, as (x, y) within 65,535 per dimension. */
export function linearGroups(invocations: number, size: number, maxPerDimension = 65535): [number, number] {
  const groups = Math.max(1, Math.ceil(invocations / size));
  if (groups <= maxPerDimension) return [groups, 1];
  return [maxPerDimension, Math.ceil(groups / maxPerDimension)];
}

/** Workgroups covering a rows × cols output with 4×4 tiles per invocation. */
export function tileGroups(rows: number, cols: number, workgroup: TileWorkgroup): [number, number] {
  return [Math.ceil(cols / (4 * workgroup.x)), Math.ceil(rows / (4 * workgroup.y))];
}

export interface TileWorkgroup {
  x: number;
  y: number;
}

/** Packs numbers into a uniform buffer's bytes: 'u' = u32, 'f' = f32, in order, 4 bytes each. */
export function packUniform(layout: string, values: number[]): ArrayBuffer {
  const bytes = new ArrayBuffer(Math.ceil((layout.length * 4) / 16) * 16);
  const view = new DataView(bytes);
  for (let i = 0; i < layout.length; i++) {
    if (layout[i] === 'u') view.setUint32(i * 4, values[i] >>> 0, true);
    else view.setFloat32(i * 4, values[i], true);
  }
  return bytes;
}

export function uniformBuffer(device: GPUDevice, label: string, bytes: ArrayBuffer): GPUBuffer {
  const buffer = device.createBuffer({ label, size: bytes.byteLength, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
  device.queue.writeBuffer(buffer, 0, bytes);
  return buffer;
}

export function storageBuffer(device: GPUDevice, label: string, bytes: number, contents?: ArrayBufferView): GPUBuffer {
  // Storage bindings must be at least 4 bytes and multiples of 4.
  const size = Math.max(16, Math.ceil(bytes / 16) * 16);
  const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
  const buffer = device.createBuffer({ label, size, usage });
  if (contents) device.queue.writeBuffer(buffer, 0, contents.buffer, contents.byteOffset, contents.byteLength);
  return buffer;
}

/** Copies GPU buffers back to the CPU in one submission and one map (the only way results come back). */
export async function readBuffers(device: GPUDevice, sources: { buffer: GPUBuffer; bytes: number }[], before?: (encoder: GPUCommandEncoder) => void, after?: (encoder: GPUCommandEncoder) => void): Promise<ArrayBuffer[]> {
  const total = sources.reduce((sum, s) => sum + Math.ceil(s.bytes / 4) * 4, 0);
  const staging = device.createBuffer({ size: Math.max(4, total), usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const encoder = device.createCommandEncoder();
  before?.(encoder);
  let offset = 0;
  const offsets: number[] = [];
  for (const s of sources) {
    const size = Math.ceil(s.bytes / 4) * 4;
    offsets.push(offset);
    encoder.copyBufferToBuffer(s.buffer, 0, staging, offset, size);
    offset += size;
  }
  after?.(encoder);
  device.queue.submit([encoder.finish()]);
  try {
    await staging.mapAsync(GPUMapMode.READ);
    const mapped = staging.getMappedRange();
    const results = sources.map((s, i) => mapped.slice(offsets[i], offsets[i] + s.bytes));
    staging.unmap();
    return results;
  } finally {
    staging.destroy();
  }
}
