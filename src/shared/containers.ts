// What a container lets ffmpeg skip. Shared by the planner and the workers.

const SELF_DESCRIBING_CONTAINERS: ReadonlySet<string> = new Set(['mp4', 'mov', 'matroska', 'webm']);

/**
 * Whether the container's header describes every stream fully (MP4/MOV
 * sample descriptions, Matroska tracks), so ffmpeg can skip
 * avformat_find_stream_info, which decodes the file's first frame before
 * seeking. In MPEG-TS or AVI that probe is where the start time and codec
 * parameters come from, so it must run.
 */
export function headerDescribesStreams(container: string): boolean {
  return SELF_DESCRIBING_CONTAINERS.has(container);
}
