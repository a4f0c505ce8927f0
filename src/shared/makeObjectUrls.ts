// One Blob of the bytes, and `count` object URLs for it (one per thumbnail
// that shows it, so each can be revoked on its own).

export interface ObjectUrlRequest {
  bytes: ArrayBuffer;
  type: string;
  count: number;
}
export interface ObjectUrls {
  blob: Blob;
  urls: string[];
}

export function makeObjectUrls({ bytes, type, count }: ObjectUrlRequest): ObjectUrls {
  const blob = new Blob([bytes], { type });
  return { blob, urls: Array.from({ length: count }, () => URL.createObjectURL(blob)) };
}
