/**
 * Removes EXIF, XMP, IPTC, comments and text chunks — camera serials, GPS positions, names —
 * from uploaded photos before they are stored (PIPL; 等保 residual information). The image data
 * itself is copied byte for byte. Unknown or malformed files are returned unchanged only if they
 * are not of these types; a malformed JPEG/PNG/WebP is refused.
 */
export function stripImageMetadata(mediaType: string, data: Buffer): Buffer {
  if (mediaType === 'image/jpeg') return stripJpeg(data);
  if (mediaType === 'image/png') return stripPng(data);
  if (mediaType === 'image/webp') return stripWebp(data);
  return data;
}

export class MalformedImageError extends Error {}

/** JPEG segments dropped: APP1 (EXIF, XMP), APP12 (Ducky), APP13 (IPTC/Photoshop), COM. */
const JPEG_DROP = new Set([0xe1, 0xec, 0xed, 0xfe]);

function stripJpeg(data: Buffer): Buffer {
  if (data.readUInt16BE(0) !== 0xffd8) throw new MalformedImageError('not a JPEG');
  const parts: Buffer[] = [data.subarray(0, 2)];
  let at = 2;
  while (at + 4 <= data.length) {
    if (data[at] !== 0xff) throw new MalformedImageError('JPEG segment expected');
    const marker = data[at + 1]!;
    // Start of scan: the entropy-coded image follows; copy everything from here on.
    if (marker === 0xda) break;
    const length = data.readUInt16BE(at + 2);
    if (length < 2 || at + 2 + length > data.length) throw new MalformedImageError('truncated JPEG segment');
    if (!JPEG_DROP.has(marker)) parts.push(data.subarray(at, at + 2 + length));
    at += 2 + length;
  }
  parts.push(data.subarray(at));
  return Buffer.concat(parts);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_DROP = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

function stripPng(data: Buffer): Buffer {
  if (!data.subarray(0, 8).equals(PNG_SIGNATURE)) throw new MalformedImageError('not a PNG');
  const parts: Buffer[] = [PNG_SIGNATURE];
  let at = 8;
  while (at + 12 <= data.length) {
    const length = data.readUInt32BE(at);
    const type = data.toString('latin1', at + 4, at + 8);
    const end = at + 12 + length;
    if (end > data.length) throw new MalformedImageError('truncated PNG chunk');
    if (!PNG_DROP.has(type)) parts.push(data.subarray(at, end));
    at = end;
    if (type === 'IEND') break;
  }
  return Buffer.concat(parts);
}

const WEBP_DROP = new Set(['EXIF', 'XMP ']);
/** VP8X feature flags announcing EXIF (0x08) and XMP (0x04) chunks. */
const VP8X_METADATA_FLAGS = 0x08 | 0x04;

function stripWebp(data: Buffer): Buffer {
  if (data.toString('latin1', 0, 4) !== 'RIFF' || data.toString('latin1', 8, 12) !== 'WEBP') {
    throw new MalformedImageError('not a WebP');
  }
  const chunks: Buffer[] = [];
  let at = 12;
  while (at + 8 <= data.length) {
    const type = data.toString('latin1', at, at + 4);
    const size = data.readUInt32LE(at + 4);
    const end = at + 8 + size + (size % 2);
    if (at + 8 + size > data.length) throw new MalformedImageError('truncated WebP chunk');
    if (!WEBP_DROP.has(type)) {
      const chunk = Buffer.from(data.subarray(at, Math.min(end, data.length)));
      if (type === 'VP8X') chunk[8] = chunk[8]! & ~VP8X_METADATA_FLAGS;
      chunks.push(chunk);
    }
    at = end;
  }
  const body = Buffer.concat(chunks);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(body.length + 4, 4);
  header.write('WEBP', 8, 'latin1');
  return Buffer.concat([header, body]);
}
