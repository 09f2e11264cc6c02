import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { checkMessagesPlugin, paraglideOptions } from './scripts/i18n.js';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  // Interface messages: checked (a key in one language only fails the build), then compiled by
  // Paraglide into src/lib/paraglide/ before SvelteKit reads the sources.
  plugins: [checkMessagesPlugin(), paraglideVitePlugin(paraglideOptions), sveltekit()],
  server: { fs: { allow: ['lessons', 'exercises'] } },
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, 'test/browser/**'] }
      },
      {
        // Browser tests (Debian's Chromium via playwright-core): the site is built and served once
        // by the globalSetup; files run one at a time, after the unit tests, so timings are fair.
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/browser/global-setup.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 1 }
        }
      }
    ]
  }
});
