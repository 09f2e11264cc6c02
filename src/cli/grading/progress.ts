// A progress bar on stderr for large batches, redrawn at most ten times a second, and only on a
// terminal (a log file gets the summary, not a thousand carriage returns).
export class Progress {
  private last = 0;
  private shown = false;
  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly enabled = stream.isTTY === true && total >= 500
  ) {}

  update(done: number) {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < 100 && done < this.total) return;
    this.last = now;
    this.shown = true;
    this.stream.write(`\r${bar(done, this.total)}`);
  }

  finish() {
    if (this.shown) this.stream.write('\r\x1b[K');
  }
}

/** "[#########···········]  45 % 4500/10000" */
export function bar(done: number, total: number, width = 30): string {
  const fraction = total ? Math.min(1, done / total) : 1;
  const filled = Math.round(fraction * width);
  return `[${'#'.repeat(filled)}${'·'.repeat(width - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)} % ${done}/${total}`;
}
