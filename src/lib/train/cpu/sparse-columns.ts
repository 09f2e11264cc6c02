// CPU twin of sparse-columns.wgsl: for each input column, the rows where it is nonzero (row,
// value) in row order, at column × capacity, with a count per column.

export function sparseColumns(x: Float32Array, rows: number, inputs: number, capacity: number, rowsOf: Uint32Array, values: Float32Array, counts: Uint32Array): void {
  for (let k = 0; k < inputs; k++) {
    const base = k * capacity;
    let count = 0;
    for (let i = 0; i < rows; i++) {
      const v = x[i * inputs + k];
      if (v !== 0) {
        rowsOf[base + count] = i;
        values[base + count] = v;
        count++;
      }
    }
    counts[k] = count;
  }
}
