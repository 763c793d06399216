import { describe, expect, it } from 'vitest';
import { MalformedImageError, stripImageMetadata } from '../../src/services/image-metadata.js';

const seg = (marker: number, body: string) => {
  const b = Buffer.from(body, 'latin1');
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(b.length + 2, 2);
  return Buffer.concat([head, b]);
};

describe('photo metadata stripping', () => {
  it('drops EXIF, XMP, IPTC and comments from a JPEG and keeps the image data', () => {
    const scan = Buffer.from([0xff, 0xda, 0, 4, 1, 2, 0x11, 0x22, 0xff, 0xd9]);
    const jpeg = Buffer.concat([
      Buffer.from([0xff, 0xd8]),
      seg(0xe0, 'JFIF\0keep'),
      seg(0xe1, 'Exif\0\0GPS 43.88N 125.35E'),
      seg(0xe1, 'http://ns.adobe.com/xap/1.0/\0<x:creator>张三</x:creator>'),
      seg(0xed, 'Photoshop 3.0\0IPTC'),
      seg(0xfe, 'taken by 张三'),
      seg(0xdb, 'quant-table'),
      scan,
    ]);
    const out = stripImageMetadata('image/jpeg', jpeg);
    const text = out.toString('latin1');
    expect(text).not.toContain('GPS');
    expect(text).not.toContain('xap');
    expect(text).not.toContain('IPTC');
    expect(text).not.toContain('taken by');
    expect(text).toContain('JFIF');
    expect(text).toContain('quant-table');
    expect(out.subarray(out.length - scan.length).equals(scan)).toBe(true);
  });

  it('drops text and EXIF chunks from a PNG', () => {
    const chunk = (type: string, data: string) => {
      const d = Buffer.from(data, 'latin1');
      const head = Buffer.alloc(8);
      head.writeUInt32BE(d.length, 0);
      head.write(type, 4, 'latin1');
      return Buffer.concat([head, d, Buffer.alloc(4)]);
    };
    const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const png = Buffer.concat([
      sig,
      chunk('IHDR', 'hdr'),
      chunk('tEXt', 'Author\0Li'),
      chunk('eXIf', 'gps'),
      chunk('IDAT', 'pixels'),
      chunk('IEND', ''),
    ]);
    const out = stripImageMetadata('image/png', png).toString('latin1');
    expect(out).toContain('IHDR');
    expect(out).toContain('pixels');
    expect(out).not.toContain('Author');
    expect(out).not.toContain('eXIf');
  });

  it('drops EXIF and XMP chunks from a WebP, clears their flags and fixes the RIFF size', () => {
    const chunk = (type: string, data: Buffer) => {
      const head = Buffer.alloc(8);
      head.write(type, 0, 'latin1');
      head.writeUInt32LE(data.length, 4);
      return Buffer.concat([head, data, Buffer.alloc(data.length % 2)]);
    };
    const body = Buffer.concat([
      chunk('VP8X', Buffer.from([0x0c, 0, 0, 0, 0, 0, 0, 0, 0, 0])),
      chunk('VP8 ', Buffer.from('frame')),
      chunk('EXIF', Buffer.from('GPS')),
      chunk('XMP ', Buffer.from('<x/>')),
    ]);
    const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBP'), body]);
    webp.writeUInt32LE(webp.length - 8, 4);
    const out = stripImageMetadata('image/webp', webp);
    expect(out.toString('latin1')).not.toContain('GPS');
    expect(out.readUInt32LE(4)).toBe(out.length - 8);
    expect(out[20]! & 0x0c).toBe(0);
  });

  it('refuses a file that claims to be an image but is not, and leaves PDFs alone', () => {
    expect(() => stripImageMetadata('image/jpeg', Buffer.from('%PDF-1.4'))).toThrow(MalformedImageError);
    const pdf = Buffer.from('%PDF-1.4 报告');
    expect(stripImageMetadata('application/pdf', pdf)).toBe(pdf);
  });
});
