// High dynamic range: which transfer function a stream's pixels are coded
// with. Shared by both probes (ffprobe's and WebCodecs' names differ).

/** BT.2100 PQ (HDR10, Dolby Vision's base layer) or HLG; null for SDR. */
export type HdrTransfer = 'pq' | 'hlg' | null;

/** From ffprobe's `color_transfer` or a VideoColorSpace's `transfer`. */
export function hdrTransfer(name: string | null | undefined): HdrTransfer {
  if (name === 'smpte2084' || name === 'pq') return 'pq';
  if (name === 'arib-std-b67' || name === 'hlg') return 'hlg';
  return null;
}
