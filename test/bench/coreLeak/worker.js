// One @ffmpeg/core instance, one exec after another, as the app runs them
// (see workers/ffmpeg/args.ts): fast-mode execs of `inputs` frames each, or,
// with `failing`, the exec the app runs on a file with no decodable frame,
// which exits with an error.
import createCore from '/node_modules/@ffmpeg/core/dist/esm/ffmpeg-core.js';

const COMMON = ['-hide_banner', '-loglevel', 'info', '-stats_period', '1', '-copyts'];

function fastModeArgs(i, inputs) {
  const args = [...COMMON];
  for (let k = 0; k < inputs; k++) {
    args.push('-skip_loop_filter', 'all', '-max_pixels', '33177600', '-noaccurate_seek', '-ss', (((i + k) * 7) % 90 / 10).toFixed(6), '-i', '/in/input.mp4');
  }
  for (let k = 0; k < inputs; k++) {
    args.push('-map', `${k}:v:0`, '-an', '-sn', '-dn', '-fps_mode', 'passthrough',
      '-vf', `showinfo@f${k}=checksum=0,scale=160:90:flags=area,setsar=1`,
      '-frames:v', '1', '-f', 'rawvideo', '-c:v', 'rawvideo', '-pix_fmt', 'rgba', `/out/${k}.rgba`);
  }
  return args;
}

function failingArgs(i) {
  return [...COMMON, '-nofind_stream_info', '-max_pixels', '33177600', '-noaccurate_seek', '-ss', (((i * 7) % 50) / 10).toFixed(6), '-i', '/in/input.mp4',
    '-map', '0:v:0', '-an', '-sn', '-dn', '-fps_mode', 'passthrough',
    '-vf', 'trim=end_pts=64001,select=eq(key\\,1),showinfo@f0=checksum=0,scale=320:180:flags=area,setsar=1',
    '-update', '1', '-f', 'image2', '-c:v', 'rawvideo', '-pix_fmt', 'rgba', '/out/0.rgba'];
}

self.onmessage = async ({ data: { file, limit, inputs, failing } }) => {
  const core = await createCore({ locateFile: (name) => `/node_modules/@ffmpeg/core/dist/esm/${name}` });
  core.FS.mkdir('/in');
  core.FS.mkdir('/out');
  core.FS.mount(core.FS.filesystems.WORKERFS, { blobs: [{ name: 'input.mp4', data: file }] }, '/in');
  let ok = 0;
  let failure = null;
  for (let i = 0; i < limit; i++) {
    try {
      const code = core.exec(...(failing ? failingArgs(i) : fastModeArgs(i, inputs)));
      core.reset();
      if (!failing && code !== 0) throw new Error(`exit code ${code}`);
      for (const name of core.FS.readdir('/out')) if (name !== '.' && name !== '..') core.FS.unlink(`/out/${name}`);
      ok++;
      self.postMessage({ progress: ok });
    } catch (error) {
      failure = String(error?.message ?? error);
      break;
    }
  }
  self.postMessage({ ok, failure });
};
