// vitest globalSetup for the browser project: build the site once, serve it, and give every
// browser test file its URL; stop the server when the run ends.
import type { TestProject } from 'vitest/node';
import { buildSite, serveBuild } from './harness.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    backstepBaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const started = Date.now();
  buildSite();
  const server = await serveBuild();
  console.log(`[browser tests] site built and served at ${server.url} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  project.provide('backstepBaseUrl', server.url);
  return () => server.close();
}
