// Compiles the ffmpeg core off the main thread and posts the module back.
// Streaming compilation decodes the 31 MB as it arrives, on the thread that
// called it; on the main thread that was tasks of 70-200 ms while
// thumbnails were arriving.
import type { CoreCompileResult } from '../src/shared/types';
import { errorMessage } from '../src/shared/errorMessage';

self.onmessage = async ({ data: url }: MessageEvent<string>) => {
  let result: CoreCompileResult;
  try {
    result = { ok: true, module: await compile(url) };
  } catch (error) {
    result = { ok: false, message: errorMessage(error) };
  }
  self.postMessage(result);
};

async function compile(url: string): Promise<WebAssembly.Module> {
  try {
    return await WebAssembly.compileStreaming(fetch(url));
  } catch {
    // Streaming compilation needs `Content-Type: application/wasm`; a plain
    // static server may not send it. Compiling from bytes works everywhere.
    const response = await fetch(url);
    if (!response.ok) throw new Error(`Could not load the ffmpeg core (${response.status} ${response.statusText}).`);
    return WebAssembly.compile(await response.arrayBuffer());
  }
}
