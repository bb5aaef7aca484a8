import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { badRequest } from '../../kernel/errors.ts';

/** Where images live under the data dir, and the URL path the public site serves them at. */
export const IMAGE_DIR = join('helpcenter', 'images');
export const IMAGE_URL_PATH = '/helpcenter/images';
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

const SIGNATURES: Array<{ ext: string; type: string; test: (b: Buffer) => boolean }> = [
  { ext: 'png', type: 'image/png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { ext: 'jpg', type: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { ext: 'gif', type: 'image/gif', test: (b) => b.subarray(0, 6).toString('latin1') === 'GIF87a' || b.subarray(0, 6).toString('latin1') === 'GIF89a' },
  { ext: 'webp', type: 'image/webp', test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
];

/** A stored image: its file name, where it is on disk, and the path articles reference it by. */
export type SavedImage = { name: string; file: string; url: string; contentType: string };

/**
 * Stores an article image under <dataDir>/helpcenter/images by content (the same bytes are
 * stored once). Only PNG, JPEG, GIF and WebP, recognised by their bytes, never SVG (scripts).
 */
export function saveImage(dataDir: string, filename: string, bytes: Buffer): SavedImage {
  if (bytes.length === 0 || bytes.length > MAX_IMAGE_BYTES) throw badRequest(`An image must be 1 byte to ${MAX_IMAGE_BYTES / 1024 / 1024} MiB`, { image: 'size' });
  const kind = SIGNATURES.find((s) => s.test(bytes));
  if (!kind) throw badRequest('Only PNG, JPEG, GIF and WebP images are accepted', { image: 'type' });
  const base = filename.replace(/\.[^.]*$/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'image';
  const name = `${base}-${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}.${kind.ext}`;
  const dir = join(dataDir, IMAGE_DIR);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return { name, file, url: `${IMAGE_URL_PATH}/${name}`, contentType: kind.type };
}
