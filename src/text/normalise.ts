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

// A Han character followed by its pinyin in parentheses (with tone marks or a tone digit).
const PINYIN_ARTEFACT = /(\p{Script=Han})\s?\(\s?[a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ]{1,7}[1-5]?\s?\)/gu;

// Only text with Han characters outside the common simplified set needs OpenCC's pass.
const HAN = /\p{Script=Han}/u;

/** NFKC, pinyin artefacts removed, traditional → simplified, runs of whitespace → one space. */
export function normaliseText(text: string): string {
  let out = text.normalize('NFKC').replace(PINYIN_ARTEFACT, '$1');
  if (HAN.test(out)) out = toSimplified(out);
  return out.replace(/\s+/gu, ' ').trim();
}
