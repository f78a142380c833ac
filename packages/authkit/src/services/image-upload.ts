import type sharpModule from 'sharp';
import { AuthkitError } from '../domain/errors.js';

export type ImageType = 'image/png' | 'image/jpeg' | 'image/webp';

export interface ImageLimits {
  maxBytes: number;
  /** Largest width or height, in pixels. */
  maxDimension: number;
}

export interface CleanImage {
  contentType: ImageType;
  bytes: Uint8Array;
  width: number;
  height: number;
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  prefix.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/**
 * The real type, from the magic bytes alone: the declared content type and file name are the
 * uploader's word. Anything but PNG, JPEG and WebP (SVG, GIF, HTML, …) is null.
 */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  return null;
}

const FORMAT: Record<ImageType, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/webp': 'webp',
};

export const unsupportedImage = (detail = 'the file must be a PNG, JPEG or WebP image') =>
  new AuthkitError('unsupported_image', detail, { field: 'file' });

export const tooLarge = (detail: string) =>
  new AuthkitError('file_too_large', detail, { field: 'file' });

type Sharp = typeof sharpModule;

let loaded: Promise<Sharp> | undefined;
/** Loaded on first upload only, so the core stays importable where sharp cannot run (edge). */
function loadSharp(): Promise<Sharp> {
  loaded ??= import('sharp').then(({ default: sharp }) => {
    sharp.cache(false); // every upload is new: caching decoded images only holds memory
    return sharp;
  });
  return loaded;
}

/**
 * Checks an uploaded image and re-encodes it: the output holds only the decoded pixels (no
 * metadata, EXIF/GPS, text chunks or bytes after the image end), so a polyglot loses its payload.
 * Too many bytes or pixels → `file_too_large` (413); not a PNG/JPEG/WebP, or not decodable →
 * `unsupported_image` (415).
 */
export async function cleanImage(input: Uint8Array, limits: ImageLimits): Promise<CleanImage> {
  if (input.byteLength > limits.maxBytes) {
    throw tooLarge(`the file is larger than ${limits.maxBytes} bytes`);
  }
  const type = sniffImageType(input);
  if (!type) throw unsupportedImage();
  const sharp = await loadSharp();
  const options = {
    // Pixel count is checked from the header before decoding (decompression bombs).
    limitInputPixels: limits.maxDimension * limits.maxDimension,
    failOn: 'error' as const,
  };
  let meta: Awaited<ReturnType<ReturnType<Sharp>['metadata']>>;
  try {
    // Reads the header only; the pixel limit applies to the decode below.
    meta = await sharp(input, { failOn: 'error' }).metadata();
  } catch {
    throw unsupportedImage('the image could not be decoded');
  }
  // The decoder must agree with the magic bytes: a PNG header on something else is refused.
  if (meta.format !== FORMAT[type]) throw unsupportedImage();
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (width > limits.maxDimension || height > limits.maxDimension) {
    throw tooLarge(`the image is larger than ${limits.maxDimension}×${limits.maxDimension} pixels`);
  }
  try {
    // rotate() applies the EXIF orientation before the metadata is dropped (sharp drops it by
    // default), so a phone photo keeps its orientation without keeping its GPS position.
    const pipeline = sharp(input, options).rotate();
    const encoded =
      type === 'image/png'
        ? pipeline.png({ compressionLevel: 9 })
        : type === 'image/jpeg'
          ? pipeline.jpeg({ quality: 88, mozjpeg: true })
          : pipeline.webp({ quality: 88 });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    return {
      contentType: type,
      bytes: new Uint8Array(data),
      width: info.width,
      height: info.height,
    };
  } catch {
    throw unsupportedImage('the image could not be decoded');
  }
}
