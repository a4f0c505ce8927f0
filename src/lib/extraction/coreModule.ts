// The ffmpeg core's wasm (31 MB), fetched and compiled once, on first need,
// in a short-lived worker, and shared with every pool worker: posting a
// WebAssembly.Module shares its compiled code instead of compiling again.
import coreWasmUrl from '@ffmpeg/core/wasm?url';
import type { CoreCompileResult, EnginePreference } from '../../shared/types';

let compiled: Promise<WebAssembly.Module> | null = null;

/**
 * Whether the files to come will probably need ffmpeg.wasm, before any is
 * dropped: the engine is forced to it, or this browser's WebCodecs cannot
 * decode plain 1080p H.264 (WebKitGTK as Debian ships it; browsers without
 * WebCodecs). Then the core is worth compiling while the page is idle: on
 * the 10-minute 1080p bench file, fast mode with a compiled, warm core took
 * 1.5-1.6 s, against 2.4 s when its compile and V8's optimising recompiles
 * came with the first drop.
 */
export async function ffmpegExpected(preference: EnginePreference): Promise<boolean> {
  if (preference !== 'auto') return preference === 'ffmpeg';
  if (typeof VideoDecoder === 'undefined') return true;
  const support = await VideoDecoder.isConfigSupported({ codec: 'avc1.640028', codedWidth: 1920, codedHeight: 1080 }).catch(() => null);
  return !support?.supported;
}

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
