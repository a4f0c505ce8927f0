import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Relative asset URLs: the built site works from any path prefix.
  base: './',
  plugins: [svelte()],
  worker: { format: 'es' },
  // These load their wasm through `new URL(..., import.meta.url)`, which
  // dependency pre-bundling would break.
  optimizeDeps: { exclude: ['@ffmpeg/core', '@jsquash/jpeg'] },
  build: {
    target: 'es2022',
    // The ffmpeg core wasm is 31 MB; it is fetched only when a file needs it.
    chunkSizeWarningLimit: 1024,
    assetsInlineLimit: (file) => (file.endsWith('.wasm') ? false : undefined),
  },
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
  },
});
