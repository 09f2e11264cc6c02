import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
  preprocess: vitePreprocess(),
  kit: {
    // A fully static site: every lesson page is prerendered, the SPA fallback serves the rest.
    adapter: adapter({ fallback: '200.html' }),
    prerender: { handleHttpError: 'warn' }
  }
};
