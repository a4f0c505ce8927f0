// @ffmpeg/core ships no types; core.ts describes the module it creates.
declare module '@ffmpeg/core' {
  const createFFmpegCore: (options: Record<string, unknown>) => Promise<unknown>;
  export default createFFmpegCore;
}
