// One vocabulary for lessons and the trainer: the trainer's activations and losses are spelled as
// in graph specs, leaky ReLU has one slope (the op table's), and old CLI spellings get a notice.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { activations, losses } from '../../src/lib/core/network.ts';
import { ops } from '../../src/lib/core/ops.ts';
import { HIDDEN_ACTIVATIONS, LEAKY_SLOPE, LOSSES, OUTPUT_ACTIVATIONS } from '../../src/lib/train/network.ts';
import { activate } from '../../src/lib/train/activations.ts';
import { kernelSource } from '../../src/lib/train/webgpu/shaders.ts';

describe('one vocabulary', () => {
  it('every trainer activation and loss is a graph-spec name', () => {
    for (const a of [...HIDDEN_ACTIVATIONS, ...OUTPUT_ACTIVATIONS]) expect(activations, a).toContain(a);
    for (const l of LOSSES) expect(losses as readonly string[], l).toContain(l);
  });

  it("leaky ReLU's slope is the op table's 0.1 in graphs, the CPU trainer and the WGSL", async () => {
    expect(ops.leaky_relu.defaults).toEqual([0.1]);
    expect(ops.leaky_relu.forward(-2, ops.leaky_relu.defaults![0])).toBeCloseTo(-0.2, 15);
    expect(LEAKY_SLOPE).toBe(0.1);
    expect(activate(2, -2)).toBeCloseTo(-0.2, 15);
    expect(await kernelSource('dense-forward')).toMatch(/^const LEAKY_SLOPE: f32 = 0\.1;\n/);
  });

  it('the CLI accepts the old spellings with a deprecation notice and refuses unknown ones', () => {
    const run = spawnSync(
      process.execPath,
      ['bin/backstep.js', 'train', '--backend', 'cpu', '--samples', '100', '--epochs', '1', '--arch', '784-4-10', '--activation', 'leaky-relu', '--loss', 'cross-entropy'],
      { encoding: 'utf8' }
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('notice: --activation leaky-relu is deprecated; write --activation leaky_relu');
    expect(run.stderr).toContain('notice: --loss cross-entropy is deprecated; write --loss cross_entropy');
    const bad = spawnSync(process.execPath, ['bin/backstep.js', 'train', '--backend', 'cpu', '--loss', 'hinge'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--loss must be one of cross_entropy, bce, mse');
  });
});
