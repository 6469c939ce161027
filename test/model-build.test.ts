import { describe, expect, it } from 'vitest';
import { buildDocument } from '../src/model/build.js';
import { paragraphText } from '../src/model/document.js';
import { MarkupError } from '../src/model/markup.js';
import { DEFAULT_PAGE } from '../src/nd30/page.js';

const HEAD = `<header><agency>SỞ Y TẾ</agency><number>Số: 01/KH-SYT</number><national>CỘNG HÒA</national><motto>Độc lập</motto><placedate>Huế, ngày 01 tháng 01 năm 2026</placedate></header><title><kind>KẾ HOẠCH</kind><summary>Tên</summary></title>`;
const doc = (body: string) => buildDocument(`<document>${HEAD}<body>${body}</body></document>`, DEFAULT_PAGE);
const texts = (body: string) => doc(body).body.map((b) => (b.kind === 'paragraph' ? paragraphText(b) : b.kind));

describe('numbering', () => {
  it('numbers sections and nested items, so omitted ones leave no gaps', () => {
    const t = texts(`
      <section><h>MỤC ĐÍCH</h><list><item><h>Mục đích</h><list style="dash"><item><t>ý một</t><list style="dash"><item><t>ý con</t></item></list></item></list></item>
        <item><t>mục hai</t><list><item><t>con</t></item><item><t>con hai</t></item></list></item></list></section>
      <section><h>TỔ CHỨC</h><list style="alpha"><item><t>a</t></item><item><t>b</t></item></list></section>`);
    expect(t).toEqual(['I. MỤC ĐÍCH', '1. Mục đích', '- ý một', '+ ý con', '2. mục hai', '2.1. con', '2.2. con hai', 'II. TỔ CHỨC', 'a) a', 'b) b']);
  });

  it('headings keep with next and are bold; labelled items have a bold marker', () => {
    const b = doc(`<section><h>X</h><list><item><t><b>Thời gian:</b> tháng 8</t></item></list></section>`).body;
    expect(b[0]).toMatchObject({ style: 'heading1', keepNext: true, marker: 'I.', markerBold: true });
    expect(b[1]).toMatchObject({ style: 'item', marker: '1.', markerBold: true, runs: [{ text: 'Thời gian:', bold: true }, { text: ' tháng 8' }] });
  });
});

describe('inline whitespace', () => {
  it('folds template whitespace but keeps no-break spaces for blanks', () => {
    const p = doc(`<p>
        Căn cứ   <i>Luật</i>
        số\u00a0\u00a0/KH </p>`).body[0];
    expect(p).toMatchObject({ runs: [{ text: 'Căn cứ ' }, { text: 'Luật', italic: true }, { text: ' số\u00a0\u00a0/KH' }] });
  });
});

describe('markup errors', () => {
  it('point at line and column of the template output', () => {
    try {
      doc('<p>a</p>\n<section><h>x</h>\n<para>b</para></section>');
      expect.fail('should throw');
    } catch (e) {
      expect(e).toBeInstanceOf(MarkupError);
      expect((e as MarkupError).message).toMatch(/<para>.*dòng 3/);
    }
    expect(() => doc('<p>a</b>')).toThrow(/gặp <\/b> nhưng <p>/);
  });
});
