import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError, badRequest } from '../../kernel/errors.ts';

/** Where images live under the data dir, and the URL path the public site serves them at. */
export const IMAGE_DIR = join('helpcenter', 'images');
export const IMAGE_URL_PATH = '/help/images';
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

/** The image types accepted, by file extension; anything else (SVG above all: it can carry script) is refused. */
export const IMAGE_TYPES = { png: 'image/png', jpg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' } as const;
type ImageExt = keyof typeof IMAGE_TYPES;

const SIGNATURES: Array<{ ext: ImageExt; test: (b: Buffer) => boolean }> = [
  { ext: 'png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { ext: 'jpg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { ext: 'gif', test: (b) => b.subarray(0, 6).toString('latin1') === 'GIF87a' || b.subarray(0, 6).toString('latin1') === 'GIF89a' },
  { ext: 'webp', test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
];

/** A stored image's file name: a readable stem, 12 hex digits of its SHA-256, its type's extension. */
const NAME = /^(?:[a-z0-9]+(?:-[a-z0-9]+)*-)?[0-9a-f]{12}\.(png|jpg|gif|webp)$/;

/** A stored image: its file name, where it is on disk, the path articles reference it by, its type and size. */
export type SavedImage = { name: string; file: string; url: string; contentType: string; size: number };

/** The stem of a stored name from an upload's file name; an exported name (stem-HASH.ext) keeps its stem, so re-imports find the same image. */
function stemOf(filename: string, hash: string): string {
  const base = (filename.split(/[\\/]/).pop() ?? '').replace(/\.[^.]*$/, '').toLowerCase().replace(/-[0-9a-f]{12}$/, (h) => (h.slice(1) === hash ? '' : h));
  return base.replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60).replace(/-$/, '') || 'image';
}

/** Writes a file whole or not at all, flushed to disk before it gets its name. */
function writeDurably(dir: string, name: string, bytes: Buffer): void {
  const temp = join(dir, `.${name}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx');
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, join(dir, name));
  const dirFd = openSync(dir, 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}

/**
 * Stores an article image under <dataDir>/helpcenter/images by content (the same bytes are
 * stored once, under one name, whatever they were called). Only PNG, JPEG, GIF and WebP,
 * recognised by their bytes, never SVG (scripts). The file is on disk before this returns.
 */
export function saveImage(dataDir: string, filename: string, bytes: Buffer): SavedImage {
  if (bytes.length === 0) throw badRequest('The image is empty', { image: 'empty' });
  if (bytes.length > MAX_IMAGE_BYTES) throw new AppError('payload_too_large', `An image holds at most ${MAX_IMAGE_BYTES / 1024 / 1024} MiB`, { image: 'too large' });
  const kind = SIGNATURES.find((s) => s.test(bytes));
  if (!kind) throw badRequest('Only PNG, JPEG, GIF and WebP images are accepted', { image: 'type' });
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
  const name = `${stemOf(filename, hash)}-${hash}.${kind.ext}`;
  const dir = join(dataDir, IMAGE_DIR);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  if (!existsSync(file)) writeDurably(dir, name, bytes);
  return { name, file, url: `${IMAGE_URL_PATH}/${name}`, contentType: IMAGE_TYPES[kind.ext], size: bytes.length };
}

/** Where a stored image is on disk and its content type, or null for a name no upload can have made (so no path tricks). */
export function storedImage(dataDir: string, name: string): { file: string; contentType: string; etag: string } | null {
  const match = name.length <= 100 ? NAME.exec(name) : null;
  if (!match) return null;
  const hash = name.slice(0, -(match[1]!.length + 1)).slice(-12);
  return { file: join(dataDir, IMAGE_DIR, name), contentType: IMAGE_TYPES[match[1] as ImageExt], etag: `"${hash}"` };
}

/** The stored image name a site path names (/help/images/NAME), or null. */
export function imageNameOf(src: string): string | null {
  const prefix = `${IMAGE_URL_PATH}/`;
  if (!src.startsWith(prefix)) return null;
  const name = src.slice(prefix.length);
  return NAME.test(name) ? name : null;
}

/** Markdown inline images: ![alt](target "title"), the target optionally in <angle brackets>. */
const MARKDOWN_IMAGE = /(!\[(?:[^\]\\]|\\.)*\]\(\s*)(<[^>\n]*>|[^\s)]+)((?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\))/g;

/** Each inline image target of some Markdown, replaced by what `replace` returns for it (unchanged when it returns the target). */
export function rewriteImageTargets(markdown: string, replace: (target: string) => string): string {
  return markdown.replace(MARKDOWN_IMAGE, (_all, open: string, target: string, close: string) => {
    const bare = target.startsWith('<') ? target.slice(1, -1) : target;
    const next = replace(bare);
    return next === bare ? `${open}${target}${close}` : `${open}${next}${close}`;
  });
}

/** Whether an image target is a path relative to the Markdown file (not a URL, not site-absolute, not a fragment). */
export function isRelativeImagePath(target: string): boolean {
  return target !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('/') && !target.startsWith('#') && !target.startsWith('\\');
}
