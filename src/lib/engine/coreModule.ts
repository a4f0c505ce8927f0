// The ffmpeg core's wasm (31 MB), fetched and compiled once, on first need,
// and shared with every worker: posting a WebAssembly.Module to a worker
// shares its compiled code instead of compiling it again.
import coreWasmUrl from '@ffmpeg/core/wasm?url';

let compiled: Promise<WebAssembly.Module> | null = null;

export function getCoreModule(): Promise<WebAssembly.Module> {
  compiled ??= compile().catch((error: unknown) => {
    compiled = null; // let a later file try again (the network may have been down)
    throw error;
  });
  return compiled;
}

async function compile(): Promise<WebAssembly.Module> {
  try {
    return await WebAssembly.compileStreaming(fetch(coreWasmUrl));
  } catch {
    // Streaming compilation needs `Content-Type: application/wasm`; a plain
    // static server may not send it. Compiling from bytes works everywhere.
    const response = await fetch(coreWasmUrl);
    if (!response.ok) throw new Error(`Could not load the ffmpeg core (${response.status} ${response.statusText}).`);
    return WebAssembly.compile(await response.arrayBuffer());
  }
}
