const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

// Characters XML 1.0 cannot carry at all (control characters other than tab and line breaks).
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what must go
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export const escapeXml = (value: unknown): string =>
  String(value ?? '')
    .replace(ILLEGAL, '')
    .replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

type Flat = Record<string, string | number | boolean | null | undefined>;

/**
 * A list of flat records as `<root><item><key>value</key>…</item>…</root>`, every value
 * escaped; null and undefined become empty elements. The shape Open311 GeoReport v2 uses.
 */
export function xmlList(root: string, item: string, records: readonly Flat[]): string {
  const body = records
    .map(
      (r) =>
        `<${item}>${Object.entries(r)
          .map(([k, v]) => `<${k}>${v === null || v === undefined ? '' : escapeXml(v)}</${k}>`)
          .join('')}</${item}>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?><${root}>${body}</${root}>`;
}
