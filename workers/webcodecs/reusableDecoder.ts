// One VideoDecoder per worker, kept configured between calls for the same
// track and closed when idle (or after an error, which closes it anyway).

/** Chunks queued ahead of the decoder before waiting for it. */
const MAX_QUEUE = 16;
/** An idle decoder holds buffers (and, in some browsers, a hardware slot). */
const IDLE_MS = 10_000;

export class ReusableDecoder {
  private decoder: VideoDecoder | null = null;
  private config: VideoDecoderConfig | null = null;
  private onFrame: (frame: VideoFrame) => void = (frame) => frame.close();
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * Decodes `chunks` (starting at a keyframe) and flushes, handing every
   * output frame to `onFrame`, which must close it. Rejects with the
   * decoder's error if decoding fails.
   */
  async run(config: VideoDecoderConfig, chunks: AsyncIterable<EncodedVideoChunk>, onFrame: (frame: VideoFrame) => void): Promise<void> {
    clearTimeout(this.idleTimer);
    let failure: DOMException | null = null;
    const decoder = this.ready(config, (error) => (failure = error));
    this.onFrame = onFrame;
    try {
      for await (const chunk of chunks) {
        if (failure) throw failure;
        decoder.decode(chunk);
        while (decoder.decodeQueueSize > MAX_QUEUE) await new Promise((resolve) => decoder.addEventListener('dequeue', resolve, { once: true }));
      }
      await decoder.flush();
      if (failure) throw failure;
    } catch (error) {
      this.close();
      throw failure ?? error;
    } finally {
      this.onFrame = (frame) => frame.close();
      this.idleTimer = setTimeout(() => this.close(), IDLE_MS);
    }
  }

  close(): void {
    clearTimeout(this.idleTimer);
    if (this.decoder && this.decoder.state !== 'closed') this.decoder.close();
    this.decoder = null;
    this.config = null;
  }

  private failed: (error: DOMException) => void = () => {};

  private ready(config: VideoDecoderConfig, failed: (error: DOMException) => void): VideoDecoder {
    this.failed = failed;
    if (this.decoder && this.decoder.state === 'configured' && this.config === config) return this.decoder;
    this.close();
    const decoder = new VideoDecoder({ output: (frame) => this.onFrame(frame), error: (error) => this.failed(error) });
    decoder.configure(config);
    this.decoder = decoder;
    this.config = config;
    return decoder;
  }
}
