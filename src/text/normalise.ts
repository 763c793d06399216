import * as OpenCC from 'opencc-js/t2cn';

/*
 * One normal form for Chinese text, so that the same words match however they were typed or
 * scraped: full-width forms folded (NFKC), traditional characters simplified, and the pinyin
 * annotations that scraped pages leave behind (`聯(lián)`) removed.
 */

// OpenCC's traditional → mainland simplified tables, built on first use (~10 ms).
let converter: ((text: string) => string) | undefined;
function toSimplified(text: string): string {
  const convert = converter ?? OpenCC.Converter({ from: 't', to: 'cn' });
  converter = convert;
  return convert(text);
}

// The characters OpenCC's tables can change: for each entry (phrase or character) that maps to
// something else, its characters where source and replacement differ (all of them when their
// lengths differ). Text holding none of them comes out of OpenCC unchanged (every entry it
// matches maps to itself), so ordinary simplified text, nearly all of it, is checked character
// by character (~1 µs) instead of converted (~20 µs for a complaint).
let changeable: Set<number> | undefined;
function mayConvert(text: string): boolean {
  changeable ??= changeableCharacters();
  for (const ch of text) if (changeable.has(ch.codePointAt(0)!)) return true;
  return false;
}

function changeableCharacters(): Set<number> {
  const out = new Set<number>();
  const add = (source: string, replacement: string) => {
    const from = [...source];
    const to = [...replacement];
    from.forEach((ch, i) => {
      if (from.length !== to.length || ch !== to[i]) out.add(ch.codePointAt(0)!);
    });
  };
  for (const dict of OpenCC.Locale.to.cn!.flat()) {
    if (typeof dict !== 'string') for (const [source, replacement] of dict) add(source, replacement);
    else
      for (const entry of dict.split('|')) {
        const [source = '', replacement = ''] = entry.split(' ');
        add(source, replacement);
      }
  }
  return out;
}

// A Han character followed by its pinyin in parentheses (with tone marks or a tone digit).
export const PINYIN_ARTEFACT =
  /(\p{Script=Han})\s?\(\s?[a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ]{1,7}[1-5]?\s?\)/gu;

/** NFKC, pinyin artefacts removed, traditional → simplified, runs of whitespace → one space. */
export function normaliseText(text: string): string {
  let out = text.normalize('NFKC').replace(PINYIN_ARTEFACT, '$1');
  if (mayConvert(out)) out = toSimplified(out);
  return out.replace(/\s+/gu, ' ').trim();
}
