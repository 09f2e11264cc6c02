// CPU twin of sparse-rows.wgsl: each row's nonzero inputs (column, value) in column order,
// at row × inputs, with a count per row. (The CPU kernels skip zeros directly; this twin exists
// so the GPU's sparse lists can be checked.)

export function sparseRows(x: Float32Array, rows: number, inputs: number, columns: Uint32Array, values: Float32Array, counts: Uint32Array): void {
  for (let row = 0; row < rows; row++) {
    const base = row * inputs;
    let count = 0;
    for (let k = 0; k < inputs; k++) {
      const v = x[base + k];
      if (v !== 0) {
        columns[base + count] = k;
        values[base + count] = v;
        count++;
      }
    }
    counts[row] = count;
  }
}
