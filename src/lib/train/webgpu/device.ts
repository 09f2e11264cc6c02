// Opens a WebGPU device for training from any `GPU` object (navigator.gpu in the browser, the
// npm `webgpu` package in Node), asking for the adapter's larger limits where it offers them.

export class NoAdapterError extends Error {}

export interface GpuDevice {
  device: GPUDevice;
  /** e.g. "SwiftShader driver 5.0.0 (google swiftshader)"; what the badge and the benchmark table show */
  adapterName: string;
  /** e.g. "WebGPU · SwiftShader driver 5.0.0 (google swiftshader)" */
  label: string;
}

/** Limits worth raising: big datasets on the GPU, and more invocations per workgroup. */
const RAISED_LIMITS = [
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupSizeY',
  'maxComputeWorkgroupStorageSize'
] as const;

export function describeAdapter(adapter: GPUAdapter): string {
  const info = adapter.info;
  const name = info?.description || info?.device;
  const maker = [info?.vendor, info?.architecture].filter(Boolean).join(' ');
  if (name && maker) return `${name} (${maker})`;
  return name || maker || 'unnamed adapter';
}

export async function openGpuDevice(gpu: GPU | undefined | null): Promise<GpuDevice> {
  if (!gpu) throw new NoAdapterError('WebGPU is not available here (no navigator.gpu)');
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new NoAdapterError('no WebGPU adapter found');
  const requiredLimits: Record<string, number> = {};
  for (const name of RAISED_LIMITS) {
    const offered = adapter.limits[name];
    if (typeof offered === 'number') requiredLimits[name] = offered;
  }
  const device = await adapter.requestDevice({ requiredLimits });
  const adapterName = describeAdapter(adapter);
  return { device, adapterName, label: `WebGPU · ${adapterName}` };
}

/** Workgroup shape for the 4×4-tile matrix kernels, within the device's limits. */
export function tileWorkgroup(device: GPUDevice): { x: number; y: number } {
  const invocations = device.limits.maxComputeInvocationsPerWorkgroup;
  // 8×8 (64 invocations) measured best on SwiftShader; every WebGPU device allows at least 256.
  return invocations >= 64 ? { x: 8, y: 8 } : { x: 4, y: 4 };
}
