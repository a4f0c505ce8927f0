// Probing through ffprobe in the wasm core, for what Mediabunny cannot read
// (AVI, MPEG-PS, FLV, ASF, MPEG-2 or MPEG-4 Part 2 in any container, ...).
import type { FileKey, VideoInfo } from '../../src/shared/types';
import { OUTPUT_DIR } from '../ffmpeg/args';
import type { FfmpegCore } from '../ffmpeg/core';
import { fileExtension } from '../ffmpeg/fileExtension';
import { failureFromLog, videoInfoFromFfprobe } from './ffprobeInfo';

const PROBE_OUTPUT = `${OUTPUT_DIR}/probe.json`;

/** Frames decoded at the start to learn the first frame's pts (B-frames reorder them). */
const LEADING_FRAMES = 8;

/** `key` is the page's for `file`; `progress` hears of every read ffprobe makes from it. */
export async function probeWithFfprobe(core: FfmpegCore, file: File, key: FileKey, progress: () => void): Promise<VideoInfo> {
  const path = await core.mountFresh(file, key, fileExtension(file.name));
  const errors: string[] = [];
  await core.run(
    'ffprobe',
    [
      '-v', 'error', '-select_streams', 'v:0', '-show_format', '-show_streams',
      '-show_entries', 'frame=best_effort_timestamp_time,key_frame,pict_type,interlaced_frame',
      '-read_intervals', `%+#${LEADING_FRAMES}`, '-of', 'json', '-o', PROBE_OUTPUT, path,
    ],
    { log: (line) => errors.push(line), progress },
  );
  const output = core.takeOutput(PROBE_OUTPUT);
  if (!output || output.length === 0) throw failureFromLog(errors);
  return videoInfoFromFfprobe(new TextDecoder().decode(output), errors);
}
