import { svelte } from '@sveltejs/vite-plugin-svelte';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * The Content-Security-Policy, as a <meta> tag (a plain static host sends no
 * headers). 'wasm-unsafe-eval' lets WebAssembly compile; workers come from
 * our origin (blob: for the ones libraries may start). Build only: Vite's
 * dev server injects styles inline.
 */
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; img-src 'self' blob: data:; object-src 'none'; base-uri 'none'; form-action 'none'";

function contentSecurityPolicy(): Plugin {
  return {
    name: 'framepick-csp',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' }],
  };
}

/** The app's own files from public/ that the shell needs: the manifest and its icons, so an installed app starts offline. */
const APP_FILES = ['favicon.svg', 'manifest.webmanifest', ...readdirSync('public/icons').map((name) => `icons/${name}`)];

/** What the service worker caches: the shell at install, the ffmpeg core and the sample when used. */
function precacheManifest(): Plugin {
  return {
    name: 'framepick-precache',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((name) => name !== 'sw.js');
      const onUse = files.filter((name) => /ffmpeg-core/.test(name));
      const shell = ['./', ...APP_FILES, ...files.filter((name) => !onUse.includes(name))];
      onUse.push('sample.mp4');
      // Bundle names carry their content's hash; public files do not, so their content counts.
      const hash = createHash('sha256').update(files.sort().join('\n'));
      for (const name of APP_FILES) hash.update(readFileSync(`public/${name}`));
      const version = hash.digest('hex').slice(0, 12);
      this.emitFile({ type: 'asset', fileName: 'precache.json', source: JSON.stringify({ version, shell, onUse }, null, 2) });
    },
  };
}

export default defineConfig({
  // Relative asset URLs: the built site works from any path prefix.
  base: './',
  plugins: [svelte(), contentSecurityPolicy(), precacheManifest()],
  worker: { format: 'es' },
  // These load their wasm through `new URL(..., import.meta.url)`, which
  // dependency pre-bundling would break.
  optimizeDeps: { exclude: ['@ffmpeg/core', '@jsquash/jpeg'] },
  build: {
    target: 'es2022',
    // The ffmpeg core wasm is 31 MB; it is fetched only when a file needs it.
    chunkSizeWarningLimit: 1024,
    assetsInlineLimit: (file) => (file.endsWith('.wasm') ? false : undefined),
    rollupOptions: {
      input: { main: 'index.html', sw: 'src/serviceWorker.ts' },
      // The service worker keeps a fixed name at the root: its scope is the site.
      output: { entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js') },
    },
  },
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
  },
});
