#!/usr/bin/env node
// The `backstep` command: runs the TypeScript CLI through tsx's loader, so nothing needs building first.
import { register } from 'tsx/esm/api';

// `backstep ... | head` closes the pipe early: that is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});
register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
