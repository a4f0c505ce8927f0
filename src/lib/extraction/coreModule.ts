// The ffmpeg core's wasm (31 MB), fetched and compiled once, on first need,
// in a short-lived worker, and shared with every pool worker: posting a
// WebAssembly.Module shares its compiled code instead of compiling again.
import coreWasmUrl from '@ffmpeg/core/wasm?url';
import type { CoreCompileResult } from '../../shared/types';

let compiled: Promise<WebAssembly.Module> | null = null;

export function getCoreModule(): Promise<WebAssembly.Module> {
  compiled ??= compileInWorker().catch((error: unknown) => {
    compiled = null; // let a later file try again (the network may have been down)
    throw error;
  });
  return compiled;
}

function compileInWorker(): Promise<WebAssembly.Module> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('../../../workers/coreCompiler.ts', import.meta.url), { type: 'module', name: 'framepick-core-compiler' });
    worker.onmessage = ({ data }: MessageEvent<CoreCompileResult>) => {
      worker.terminate();
      if (data.ok) resolve(data.module);
      else reject(new Error(data.message));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      reject(new Error(`The ffmpeg core could not be compiled: ${event.message || 'the compiler worker failed'}`));
    };
    worker.postMessage(new URL(coreWasmUrl, document.baseURI).href);
  });
}
