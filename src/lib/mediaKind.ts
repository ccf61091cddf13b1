/**
 * What a media file really is, read from its first bytes (never from its
 * name): the only kinds the board accepts are raster images (PNG, JPEG, GIF,
 * WebP) and PDF. SVG, HTML and everything else is `undefined`: an SVG can
 * carry script, and a file served from the site's own origin must never run
 * any.
 */
export type MediaKind = 'png' | 'jpeg' | 'gif' | 'webp' | 'pdf';

export const mediaTypes: Record<MediaKind, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
};

/** File name endings that go with each kind (a PNG named `.jpg` is refused too: the name must not lie). */
export const mediaExtensions: Record<MediaKind, readonly string[]> = {
  png: ['png'],
  jpeg: ['jpg', 'jpeg'],
  gif: ['gif'],
  webp: ['webp'],
  pdf: ['pdf'],
};

const startsWith = (bytes: Uint8Array, sig: readonly number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);

export function mediaKind(bytes: Uint8Array): MediaKind | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61) return 'gif';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  return undefined;
}

/** The kind of a file whose name ending agrees with its content, else undefined. */
export function acceptedMedia(fileName: string, bytes: Uint8Array): MediaKind | undefined {
  const kind = mediaKind(bytes);
  const ext = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return kind && ext && mediaExtensions[kind].includes(ext) ? kind : undefined;
}
