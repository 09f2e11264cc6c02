// Node only: the training progress line on stderr — redrawn in place on a terminal, one line
// per epoch when stderr is a file or a pipe (so logs stay readable).
import type { EpochRecord, Progress } from '../trainer.ts';

const WIDTH = 24;

export class ProgressBar {
  private live = Boolean(process.stderr.isTTY);
  private drawn = false;

  constructor(private prefix = '') {}

  update(p: Progress): void {
    if (!this.live) return;
    const done = Math.round((p.batch / p.batches) * WIDTH);
    const bar = '█'.repeat(done) + '░'.repeat(WIDTH - done);
    const text = `${this.prefix}epoch ${p.epoch}/${p.epochs} ${bar} ${p.batch}/${p.batches}  loss ${p.loss.toFixed(4)}  acc ${(100 * p.accuracy).toFixed(1)}%`;
    process.stderr.write(`\r${text}\x1b[K`);
    this.drawn = true;
  }

  epoch(r: EpochRecord): void {
    this.clear();
    process.stderr.write(
      `${this.prefix}epoch ${r.epoch}: loss ${r.trainLoss.toFixed(4)}, acc ${pct(r.trainAccuracy)}, ` +
        `val loss ${r.validationLoss.toFixed(4)}, val acc ${pct(r.validationAccuracy)}, ${r.trainSeconds.toFixed(2)} s\n`
    );
  }

  note(message: string): void {
    this.clear();
    process.stderr.write(`${this.prefix}${message}\n`);
  }

  clear(): void {
    if (this.drawn) process.stderr.write('\r\x1b[K');
    this.drawn = false;
  }
}

function pct(x: number): string {
  return `${(100 * x).toFixed(2)}%`;
}
