import { describe, expect, it } from 'vitest';
import { docNumber, endWith, inlineMarkup, ndDate, refDate } from '../src/template/helpers.js';
import { numberWords } from '../src/template/number-words.js';
import { alphaMarker, romanNumeral } from '../src/model/numbering.js';

const NBSP = '\u00a0';

describe('NĐ 30 dates and numbers', () => {
  it('zero-pads the day below 10 and months 1–2 only', () => {
    expect(ndDate('2020-01-05')).toBe('ngày 05 tháng 01 năm 2020');
    expect(ndDate('2019-06-29')).toBe('ngày 29 tháng 6 năm 2019');
    expect(ndDate('2023-02-28')).toBe('ngày 28 tháng 02 năm 2023');
    expect(ndDate('2024-03-09')).toBe('ngày 09 tháng 3 năm 2024');
    expect(ndDate('2024-12-10')).toBe('ngày 10 tháng 12 năm 2024');
  });

  it('leaves blanks to fill by hand in drafts', () => {
    expect(ndDate('2022-01')).toBe(`ngày ${NBSP.repeat(6)} tháng 01 năm 2022`);
    expect(ndDate('2024')).toBe(`ngày ${NBSP.repeat(6)} tháng ${NBSP.repeat(6)} năm 2024`);
  });

  it('short dates inside the text follow the same padding', () => {
    expect(refDate('2017-01-12', 'short')).toBe('ngày 12/01/2017');
    expect(refDate('2024-07-07', 'short')).toBe('ngày 07/7/2024');
    expect(refDate('2024-07-17')).toBe('ngày 17 tháng 7 năm 2024');
  });

  it('pads document numbers below 10 and keeps what the user wrote', () => {
    expect(docNumber(5)).toBe('05');
    expect(docNumber(13)).toBe('13');
    expect(docNumber('0124')).toBe('0124');
    expect(docNumber(null)).toBe(NBSP.repeat(6));
  });

  it('Roman numerals and point letters', () => {
    expect([1, 2, 3, 4, 9, 14, 40].map(romanNumeral)).toEqual(['I', 'II', 'III', 'IV', 'IX', 'XIV', 'XL']);
    expect([1, 4, 5, 6, 7].map(alphaMarker)).toEqual(['a)', 'd)', 'đ)', 'e)', 'g)']);
  });

  it('Vietnamese number words', () => {
    expect(numberWords(0)).toBe('không');
    expect(numberWords(15)).toBe('mười lăm');
    expect(numberWords(21)).toBe('hai mươi mốt');
    expect(numberWords(24)).toBe('hai mươi tư');
    expect(numberWords(105)).toBe('một trăm linh năm');
    expect(numberWords(1005)).toBe('một nghìn không trăm linh năm');
    expect(numberWords(2_500_000)).toBe('hai triệu năm trăm nghìn');
    expect(numberWords(1_000_000_000)).toBe('một tỷ');
  });
});

describe('inline text', () => {
  it('escapes markup and turns **bold** / *italic* into tags', () => {
    expect(inlineMarkup('a <b> & **đậm** và *nghiêng* \\*')).toBe('a &lt;b&gt; &amp; <b>đậm</b> và <i>nghiêng</i> *');
    expect(inlineMarkup([{ text: 'x', bold: true, italic: true }])).toBe('<b><i>x</i></b>');
  });

  it('endWith replaces trailing punctuation once', () => {
    expect(endWith('thực hiện.', './.')).toBe('thực hiện./.');
    expect(endWith('thực hiện./.', './.')).toBe('thực hiện./.');
    expect(endWith('thực hiện;', './.')).toBe('thực hiện./.');
  });
});
