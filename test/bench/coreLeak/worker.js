// One @ffmpeg/core instance, one fast-mode exec after another, as the app runs them.
import createCore from '/node_modules/@ffmpeg/core/dist/esm/ffmpeg-core.js';

self.onmessage = async ({ data: { file, limit, inputs } }) => {
  const core = await createCore({ locateFile: (name) => `/node_modules/@ffmpeg/core/dist/esm/${name}` });
  core.FS.mkdir('/in');
  core.FS.mkdir('/out');
  core.FS.mount(core.FS.filesystems.WORKERFS, { blobs: [{ name: 'input.mp4', data: file }] }, '/in');
  let ok = 0;
  let failure = null;
  for (let i = 0; i < limit; i++) {
    try {
      // The arguments of a real fast-mode exec (see workers/ffmpeg/args.ts), `inputs` frames at once.
      const args = ['-hide_banner', '-loglevel', 'info', '-stats_period', '1', '-copyts'];
      for (let k = 0; k < inputs; k++) {
        args.push('-skip_loop_filter', 'all', '-max_pixels', '33177600', '-noaccurate_seek', '-ss', (((i + k) * 7) % 90 / 10).toFixed(6), '-i', '/in/input.mp4');
      }
      for (let k = 0; k < inputs; k++) {
        args.push('-map', `${k}:v:0`, '-an', '-sn', '-dn', '-fps_mode', 'passthrough',
          '-vf', `showinfo@f${k}=checksum=0,scale=160:90:flags=area,setsar=1`,
          '-frames:v', '1', '-f', 'rawvideo', '-c:v', 'rawvideo', '-pix_fmt', 'rgba', `/out/${k}.rgba`);
      }
      const code = core.exec(...args);
      core.reset();
      if (code !== 0) throw new Error(`exit code ${code}`);
      for (let k = 0; k < inputs; k++) core.FS.unlink(`/out/${k}.rgba`);
      ok++;
      self.postMessage({ progress: ok });
    } catch (error) {
      failure = String(error?.message ?? error);
      break;
    }
  }
  self.postMessage({ ok, failure });
};
