// ::trainer presets: what lint accepts is what the embedded trainer runs. Unset attributes keep the
// recommended settings, an optimizer brings its Keras learning rate unless lr is given, and a value
// lint would reject never reaches the trainer.
import { describe, expect, it } from 'vitest';
import { PRESET_FIELDS, RECOMMENDED, settingsFromPresets } from '../../src/lib/train/settings.ts';
import { directives } from '../../src/lib/content/directives.ts';

describe('settingsFromPresets', () => {
  it('keeps the recommended settings where nothing is said', () => {
    expect(settingsFromPresets({})).toEqual(RECOMMENDED);
  });

  it('reads every attribute into its setting', () => {
    const s = settingsFromPresets({
      arch: '784-28-10', hidden: 'tanh', optimizer: 'momentum', lr: '0.05', momentum: '0.8', dropout: '0.5', l2: '0.001',
      batch: '32', epochs: '30', patience: '2', samples: '500', seed: '7', backend: 'cpu'
    });
    expect(s).toEqual({
      arch: '784-28-10', hidden: 'tanh', optimizer: 'momentum', learningRate: 0.05, momentum: 0.8, dropout: 0.5, l2: 0.001,
      batchSize: 32, epochs: 30, patience: 2, samples: 500, seed: 7, backend: 'cpu'
    });
    expect(settingsFromPresets({ backend: 'auto' }).backend).toBe('webgpu');
  });

  it('gives an optimizer its default learning rate unless lr is set', () => {
    expect(settingsFromPresets({ optimizer: 'sgd' }).learningRate).toBe(0.01);
    expect(settingsFromPresets({ optimizer: 'sgd', lr: '0.1' }).learningRate).toBe(0.1);
    expect(settingsFromPresets({ optimizer: 'adam' }).learningRate).toBe(0.001);
  });

  it('ignores values lint rejects', () => {
    const s = settingsFromPresets({ arch: '783-10', optimizer: 'lbfgs', dropout: '0.95', epochs: '0', samples: '20000', backend: 'webgpu' });
    expect(s).toEqual(RECOMMENDED);
  });

  it('is the attribute list of ::trainer', () => {
    const attributes = Object.keys(directives.trainer.attributes);
    expect(attributes).toEqual(['title', ...Object.keys(PRESET_FIELDS)]);
    for (const [name, field] of Object.entries(PRESET_FIELDS)) expect(directives.trainer.attributes[name]).toBe(field.check);
  });
});
