// One test per rule of `kehoach check` (src/check/rules/): our own rendering of
// examples/minimal.json passes with no finding, and each case below edits its XML to break exactly
// one rule and expects exactly that finding (id, severity, and the message of that particular
// check). Deleting or disabling any check in src/check/rules/ makes one of these cases fail.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkDocx, type Finding } from '../src/check/rules.js';
import { mmToTwips, openDocx, runsWidthMm } from '../src/check/wordml.js';
import { keHoach } from '../src/doctypes/ke-hoach.js';
import { loadFontSet } from '../src/fonts/metrics.js';
import { docxFromModel, modelFromFile, templatesFor } from '../src/pipeline.js';

// ------------------------------------------------------------------ editing the package

type Part = 'word/document.xml' | 'word/styles.xml' | 'word/header1.xml';
type Edit = [Part, (xml: string) => string];

/** Applies edits to the parts of a DOCX; an edit that changes nothing is a broken test, not a pass. */
function edited(docx: Uint8Array, edits: Edit[]): Uint8Array {
  const files = unzipSync(docx);
  for (const [part, edit] of edits) {
    expect(files[part], `${part} is in the package`).toBeDefined();
    const before = strFromU8(files[part]);
    const after = edit(before);
    expect(after, `the edit of ${part} changed nothing`).not.toBe(before);
    files[part] = strToU8(after);
  }
  return zipSync(files);
}

/** Replaces `from` (which must occur exactly once) with `to`. */
const once =
  (from: string | RegExp, to: string) =>
  (xml: string): string => {
    const n = typeof from === 'string' ? xml.split(from).length - 1 : [...xml.matchAll(new RegExp(from, `${from.flags.replace('g', '')}g`))].length;
    expect(n, `${String(from)} occurs once`).toBe(1);
    return xml.replace(from, to);
  };

const PARAGRAPH = /<w:p>.*?<\/w:p>/gs;

/** Edits the one paragraph of document.xml chosen by `pick` (given the paragraph and the one before it). */
const paragraph =
  (pick: (p: string, prev: string) => boolean, edit: (p: string) => string) =>
  (xml: string): string => {
    const paras = [...xml.matchAll(PARAGRAPH)];
    const hits = paras.filter((m, i) => pick(m[0], paras[i - 1]?.[0] ?? ''));
    expect(hits, 'the paragraph to edit is found once').toHaveLength(1);
    const [{ 0: p, index }] = hits;
    return xml.slice(0, index) + edit(p) + xml.slice(index + p.length);
  };
const withText = (text: string) => (p: string) => p.includes(`>${text}</w:t>`);
/** The rule paragraph (an empty VBRule paragraph with a bottom border) right under the paragraph with `text`. */
const ruleUnder = (text: string) => (p: string, prev: string) => p.includes('w:val="VBRule"') && prev.includes(text);

/** Edits one style's definition in styles.xml. */
const style =
  (id: string, edit: (def: string) => string) =>
  (xml: string): string => {
    const def = new RegExp(`<w:style [^>]*w:styleId="${id}".*?</w:style>`, 's').exec(xml)?.[0];
    expect(def, `style ${id} exists`).toBeDefined();
    return xml.replace(def!, () => edit(def!));
  };
/** Sets a style's font size (points). */
const size = (id: string, pt: number) => style(id, once(/<w:sz w:val="\d+"\/><w:szCs w:val="\d+"\/>/, `<w:sz w:val="${pt * 2}"/><w:szCs w:val="${pt * 2}"/>`));
const align = (id: string, jc: string) => style(id, once(/<w:jc w:val="\w+"\/>/, `<w:jc w:val="${jc}"/>`));
const noBold = (id: string) => style(id, once('<w:b/><w:bCs/>', ''));
const noItalic = (id: string) => style(id, once('<w:i/><w:iCs/>', ''));
/** Sets one page margin of the (only) section, in twips. */
const margin = (side: string, twips: number) => once(new RegExp(`(<w:pgMar [^>]*w:${side}=")\\d+"`), `$1${twips}"`);
const noBorder = (p: string) => once(/<w:pBdr>.*?<\/w:pBdr>/, '')(p);
const doc = (edit: (xml: string) => string): Edit => ['word/document.xml', edit];
const styles = (edit: (xml: string) => string): Edit => ['word/styles.xml', edit];

/**
 * The tiêu ngữ rule must be as long as the tiêu ngữ (±2 mm): a case that changes the tiêu ngữ's size
 * or weight also resizes its rule (centred, so equal left and right indents), so that only the rule
 * under test is broken.
 */
function fitMottoRule(sizePt: number, bold: boolean): Edit {
  return doc((xml) => {
    const motto = openDocx(minimal)
      .allParagraphs()
      .find((p) => p.text === 'Độc lập - Tự do - Hạnh phúc');
    expect(motto?.cell, 'the tiêu ngữ is in a table cell').toBeDefined();
    const inner = motto!.cell!.width - motto!.cell!.marginLeft - motto!.cell!.marginRight;
    const widthMm = runsWidthMm([{ text: motto!.text, props: { fonts: {}, size: sizePt, bold } }], loadFontSet());
    const ind = Math.round((inner - mmToTwips(widthMm)) / 2);
    return paragraph(ruleUnder('Hạnh phúc'), once(/<w:ind w:left="\d+" w:right="\d+"\/>/, `<w:ind w:left="${ind}" w:right="${ind}"/>`))(xml);
  });
}

// ------------------------------------------------------------------ the cases

interface Case {
  /** What the edit breaks. */
  name: string;
  rule: string;
  severity: Finding['severity'];
  /** Tells this check apart from the other checks reporting the same rule id. */
  message: RegExp;
  edits: Edit[];
  /** Edit the long (multi-page) variant instead of the one-page plan. */
  long?: boolean;
  /** Findings the break cannot avoid causing as well (e.g. no recipients also means no "Lưu" line). */
  also?: [string, Finding['severity'], RegExp][];
}

const DATE = 'Lào Cai, ngày 05 tháng 02 năm 2026';
// Our DOCX keeps the symbol's hyphen from breaking (U+2011).
const NUMBER = 'Số: 05/KH\u2011SYT';

const cases: Case[] = [
  // ---- page (pageRules)
  {
    name: 'US Letter paper',
    rule: 'page-size',
    severity: 'error',
    message: /không phải A4/,
    edits: [doc(once('w:w="11906" w:h="16838"', 'w:w="12240" w:h="15840"'))],
  },
  { name: 'top margin 30 mm', rule: 'margins', severity: 'error', message: /lề trên 30\.0 mm/, edits: [doc(margin('top', 1701))] },
  { name: 'bottom margin 30 mm', rule: 'margins', severity: 'error', message: /lề dưới 30\.0 mm/, edits: [doc(margin('bottom', 1701))] },
  { name: 'left margin 25 mm', rule: 'margins', severity: 'error', message: /lề trái 25\.0 mm/, edits: [doc(margin('left', 1417))] },
  { name: 'right margin 25 mm', rule: 'margins', severity: 'error', message: /lề phải 25\.0 mm/, edits: [doc(margin('right', 1417))] },
  // Landscape: judged as Word's Page Setup names the margins of the turned page (the stored pgMar),
  // so portrait values stay right and values swapped by paper edge are wrong.
  {
    name: 'landscape page with margins swapped by paper edge',
    rule: 'margins',
    severity: 'error',
    message: /lề trên 30\.0 mm.*lề trái 20\.0 mm/,
    edits: [doc(once('w:w="11906" w:h="16838"', 'w:w="16838" w:h="11906" w:orient="landscape"')), doc(margin('top', 1701)), doc(margin('left', 1134))],
  },
  // ---- font (fontRules)
  {
    name: 'Arial',
    rule: 'font',
    severity: 'error',
    message: /phông "Arial"/,
    edits: [styles(once(/w:ascii="Times New Roman"/, 'w:ascii="Arial"'))],
    // The page number takes the document's font too.
    also: [['page-number', 'error', /phông "Arial"/]],
  },
  {
    name: 'decomposed (NFD) Vietnamese',
    rule: 'nfd',
    severity: 'warning',
    message: /dạng tổ hợp \(NFD\) trong 1 đoạn/,
    edits: [doc(once('Báo cáo kết quả trước ngày 30/5/2026.', 'Báo cáo kết quả trước ngày 30/5/2026.'.normalize('NFD')))],
  },
  // ---- the header band opens the first page
  {
    name: 'a page of text before the header band',
    rule: 'header-position',
    severity: 'error',
    message: /phải ở đầu trang thứ nhất; trước quốc hiệu có 1 đoạn văn bản và ngắt trang/,
    edits: [doc(once('<w:body>', '<w:body><w:p><w:r><w:t>Trang rác</w:t></w:r><w:r><w:br w:type="page"/></w:r></w:p>'))],
  },
  // ---- quốc hiệu
  {
    name: 'no quốc hiệu',
    rule: 'national-title',
    severity: 'error',
    message: /không tìm thấy quốc hiệu/,
    edits: [doc(once('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA'))],
  },
  {
    name: 'quốc hiệu "CỘNG HOÀ"',
    rule: 'national-title',
    severity: 'warning',
    message: /quốc hiệu viết "HOÀ"/,
    edits: [doc(once('CỘNG HÒA', 'CỘNG HOÀ'))],
  },
  { name: 'quốc hiệu 14 pt', rule: 'national-title', severity: 'error', message: /quốc hiệu cỡ 14 pt/, edits: [styles(size('VBNational', 14))] },
  { name: 'quốc hiệu not bold', rule: 'national-title', severity: 'error', message: /quốc hiệu chưa in đậm/, edits: [styles(noBold('VBNational'))] },
  {
    name: 'quốc hiệu left-aligned',
    rule: 'national-title',
    severity: 'error',
    message: /quốc hiệu chưa căn giữa/,
    edits: [styles(align('VBNational', 'left'))],
  },
  // ---- tiêu ngữ and its rule
  {
    name: 'no tiêu ngữ',
    rule: 'motto',
    severity: 'error',
    message: /không tìm thấy tiêu ngữ/,
    edits: [doc(once('Độc lập - Tự do - Hạnh phúc', 'Độc lập - Tự do'))],
  },
  {
    name: 'tiêu ngữ with en dashes',
    rule: 'motto',
    severity: 'warning',
    message: /gạch dài/,
    edits: [doc(once('Độc lập - Tự do - Hạnh phúc', 'Độc lập – Tự do – Hạnh phúc'))],
  },
  {
    name: 'tiêu ngữ "Hạnh Phúc"',
    rule: 'motto',
    severity: 'warning',
    message: /đang là "Độc lập - Tự do - Hạnh Phúc"/,
    edits: [doc(once('Hạnh phúc', 'Hạnh Phúc'))],
  },
  { name: 'tiêu ngữ 12 pt', rule: 'motto', severity: 'error', message: /tiêu ngữ cỡ 12 pt/, edits: [styles(size('VBMotto', 12)), fitMottoRule(12, true)] },
  { name: 'tiêu ngữ not bold', rule: 'motto', severity: 'error', message: /tiêu ngữ chưa in đậm/, edits: [styles(noBold('VBMotto')), fitMottoRule(14, false)] },
  { name: 'tiêu ngữ left-aligned', rule: 'motto', severity: 'error', message: /tiêu ngữ chưa căn giữa/, edits: [styles(align('VBMotto', 'left'))] },
  {
    name: 'no rule under the tiêu ngữ',
    rule: 'motto-rule',
    severity: 'error',
    message: /thiếu đường kẻ/,
    edits: [doc(paragraph(ruleUnder('Hạnh phúc'), noBorder))],
  },
  {
    name: 'tiêu ngữ rule 9 mm too short',
    rule: 'motto-rule',
    severity: 'warning',
    message: /đường kẻ dưới tiêu ngữ dài/,
    edits: [doc(paragraph(ruleUnder('Hạnh phúc'), once(/<w:ind w:left="\d+" w:right="\d+"\/>/, '<w:ind w:left="1350" w:right="1350"/>')))],
  },
  {
    name: 'trích yếu rule typed as underscores, too long',
    rule: 'summary-rule',
    severity: 'warning',
    message: /đường kẻ dưới trích yếu dài/,
    edits: [
      doc(
        paragraph(ruleUnder('năm 2026</w:t></w:r></w:p>'), (p) => noBorder(p).replace('</w:pPr></w:p>', '</w:pPr><w:r><w:t>______________</w:t></w:r></w:p>')),
      ),
    ],
  },
  // ---- cơ quan ban hành and its rule
  {
    name: 'cơ quan ban hành not bold',
    rule: 'agency',
    severity: 'error',
    message: /không tìm thấy tên cơ quan ban hành/,
    edits: [styles(noBold('VBAgency'))],
  },
  { name: 'cơ quan chủ quản 14 pt', rule: 'agency', severity: 'error', message: /tên cơ quan chủ quản cỡ 14 pt/, edits: [styles(size('VBParent', 14))] },
  {
    name: 'cơ quan chủ quản in lower case',
    rule: 'agency',
    severity: 'error',
    message: /chưa viết in hoa/,
    edits: [doc(once('UBND TỈNH LÀO CAI', 'UBND tỉnh Lào Cai'))],
  },
  {
    name: 'no rule under the cơ quan',
    rule: 'agency-rule',
    severity: 'error',
    message: /thiếu đường kẻ/,
    edits: [doc(paragraph(ruleUnder('SỞ Y TẾ'), noBorder))],
  },
  {
    name: 'cơ quan rule as long as the name',
    rule: 'agency-rule',
    severity: 'warning',
    message: /nên bằng 1\/3 đến 1\/2/,
    edits: [doc(paragraph(ruleUnder('SỞ Y TẾ'), once(/<w:ind w:left="\d+" w:right="\d+"\/>/, '<w:ind w:left="1000" w:right="1000"/>')))],
  },
  // ---- số, ký hiệu
  { name: 'no "Số:" line', rule: 'number', severity: 'error', message: /không tìm thấy dòng số, ký hiệu/, edits: [doc(once(NUMBER, '05/KH-SYT'))] },
  { name: '"Số" 14 pt', rule: 'number', severity: 'warning', message: /dòng "Số" cỡ 14 pt/, edits: [styles(size('VBNumber', 14))] },
  { name: 'number written with "-"', rule: 'number', severity: 'error', message: /phải có dạng/, edits: [doc(once(NUMBER, 'Số: 05-KH-SYT'))] },
  { name: 'number 5 without a leading zero', rule: 'number', severity: 'error', message: /"05"/, edits: [doc(once(NUMBER, 'Số: 5/KH-SYT'))] },
  { name: 'a space in the ký hiệu', rule: 'number', severity: 'error', message: /không được có dấu cách/, edits: [doc(once(NUMBER, 'Số: 05/ KH-SYT'))] },

  // ---- địa danh, ngày tháng
  { name: 'no date line', rule: 'place-date', severity: 'error', message: /không tìm thấy dòng địa danh/, edits: [doc(once(DATE, 'Lào Cai, 05/02/2026'))] },
  {
    name: 'day 5 without a leading zero',
    rule: 'place-date',
    severity: 'error',
    message: /"ngày 05"/,
    edits: [doc(once(DATE, 'Lào Cai, ngày 5 tháng 02 năm 2026'))],
  },
  {
    name: 'month 2 without a leading zero',
    rule: 'place-date',
    severity: 'error',
    message: /"tháng 02"/,
    edits: [doc(once(DATE, 'Lào Cai, ngày 05 tháng 2 năm 2026'))],
  },
  {
    name: 'month 03 with a leading zero',
    rule: 'place-date',
    severity: 'error',
    message: /tháng 3 không có số 0/,
    edits: [doc(once(DATE, 'Lào Cai, ngày 05 tháng 03 năm 2026'))],
  },
  {
    name: 'địa danh "TP. HCM"',
    rule: 'place-date',
    severity: 'error',
    message: /Thành phố Hồ Chí Minh/,
    edits: [doc(once(DATE, 'TP. HCM, ngày 05 tháng 02 năm 2026'))],
  },
  { name: 'date not italic', rule: 'place-date', severity: 'error', message: /chưa in nghiêng/, edits: [styles(noItalic('VBPlaceDate'))] },
  { name: 'date 12 pt', rule: 'place-date', severity: 'error', message: /cỡ 12 pt/, edits: [styles(size('VBPlaceDate', 12))] },
  // ---- tên loại, trích yếu
  { name: 'no tên loại', rule: 'kind', severity: 'error', message: /không tìm thấy tên loại/, edits: [doc(once('>KẾ HOẠCH<', '>Kế hoạch<'))] },
  { name: 'tên loại not bold', rule: 'kind', severity: 'error', message: /tên loại văn bản "KẾ HOẠCH" chưa in đậm/, edits: [styles(noBold('VBKind'))] },
  { name: 'tên loại 12 pt', rule: 'kind', severity: 'error', message: /tên loại văn bản "KẾ HOẠCH" cỡ 12 pt/, edits: [styles(size('VBKind', 12))] },
  { name: 'tên loại left-aligned', rule: 'kind', severity: 'error', message: /chưa căn giữa/, edits: [styles(align('VBKind', 'left'))] },
  {
    name: 'trích yếu starting "V/v"',
    rule: 'summary',
    severity: 'error',
    message: /"V\/v"/,
    edits: [doc(once('>Tổ chức Tháng hành động', '>V/v tổ chức Tháng hành động'))],
  },

  {
    name: 'trích yếu not bold',
    rule: 'summary',
    severity: 'error',
    message: /trích yếu chưa in đậm/,
    edits: [doc(paragraph(withText('Tổ chức Tháng hành động vì an toàn thực phẩm năm 2026'), once('<w:b/><w:bCs/>', '<w:b w:val="0"/><w:bCs w:val="0"/>')))],
  },
  {
    name: 'no rule under the trích yếu',
    rule: 'summary-rule',
    severity: 'error',
    message: /thiếu đường kẻ/,
    edits: [doc(paragraph(ruleUnder('năm 2026</w:t></w:r></w:p>'), noBorder))],
  },
  // ---- body (bodyRules)
  { name: 'body 12 pt', rule: 'body-size', severity: 'error', message: /chữ nội dung cỡ 12 pt/, edits: [styles(size('VBBody', 12))] },
  { name: 'body left-aligned', rule: 'body-align', severity: 'error', message: /chưa căn đều hai lề/, edits: [styles(align('VBBody', 'left'))] },
  {
    name: 'body without a first-line indent',
    rule: 'body-indent',
    severity: 'error',
    message: /lùi đầu dòng 0\.0 mm/,
    edits: [styles(style('VBBody', once(/<w:ind [^>]*\/>/, '')))],
  },
  {
    name: 'body 3 pt between paragraphs',
    rule: 'body-spacing',
    severity: 'error',
    message: /3 pt; tối thiểu 6 pt/,
    edits: [styles(style('VBBody', once('w:before="120"', 'w:before="60"')))],
  },
  {
    name: 'body double-spaced',
    rule: 'line-spacing',
    severity: 'error',
    message: /ngoài khoảng từ dòng đơn đến 1,5 dòng/,
    edits: [styles(style('VBBody', once('w:line="240"', 'w:line="480"')))],
  },
  {
    name: 'body at exactly 30 pt line pitch',
    rule: 'line-spacing',
    severity: 'error',
    message: /ngoài khoảng từ dòng đơn đến 1,5 dòng/,
    edits: [styles(style('VBBody', once('w:line="240" w:lineRule="auto"', 'w:line="600" w:lineRule="exact"')))],
  },
  {
    name: 'closing paragraph without "./."',
    rule: 'end-mark',
    severity: 'warning',
    message: /"\.\/\."/,
    edits: [doc(once('triển khai thực hiện./.', 'triển khai thực hiện.'))],
  },
  // ---- nơi nhận (recipientRules)
  { name: 'no "Nơi nhận:"', rule: 'recipients', severity: 'error', message: /không tìm thấy "Nơi nhận:"/, edits: [doc(once('>Nơi nhận:<', '>Gửi:<'))] },
  { name: '"Nơi nhận:" 14 pt', rule: 'recipients', severity: 'error', message: /"Nơi nhận:" cỡ 14 pt/, edits: [styles(size('VBRecipientsLabel', 14))] },
  { name: '"Nơi nhận:" not italic', rule: 'recipients', severity: 'error', message: /phải in nghiêng, đậm/, edits: [styles(noItalic('VBRecipientsLabel'))] },
  { name: '"Nơi nhận" without a colon', rule: 'recipients', severity: 'error', message: /dấu hai chấm/, edits: [doc(once('>Nơi nhận:<', '>Nơi nhận<'))] },
  {
    name: 'no recipient at all',
    rule: 'recipients',
    severity: 'error',
    message: /không có nơi nhận nào/,
    edits: [doc((xml) => xml.replace(/<w:p>(?:(?!<w:p>).)*?w:val="VBRecipient"\/>.*?<\/w:p>/gs, ''))],
    also: [['archive', 'error', /thiếu dòng "- Lưu/]],
  },
  { name: 'no "Lưu" line', rule: 'archive', severity: 'error', message: /thiếu dòng "- Lưu/, edits: [doc(paragraph(withText('- Lưu: VT, NVY.'), () => ''))] },
  {
    name: '"Lưu" not the last line',
    rule: 'archive',
    severity: 'error',
    message: /dòng cuối cùng/,
    edits: [
      doc((xml) => {
        const archive = (xml.match(PARAGRAPH) ?? []).find(withText('- Lưu: VT, NVY.'))!;
        return paragraph(withText('- UBND tỉnh (báo cáo);'), (p) => p + archive)(once(archive, '')(xml));
      }),
    ],
  },
  {
    name: 'a recipient at 12 pt',
    rule: 'recipients',
    severity: 'error',
    message: /nơi nhận cỡ 12 pt/,
    edits: [
      doc(
        once('<w:r><w:t xml:space="preserve">- UBND tỉnh (báo cáo);', '<w:r><w:rPr><w:sz w:val="24"/></w:rPr><w:t xml:space="preserve">- UBND tỉnh (báo cáo);'),
      ),
    ],
  },
  {
    name: 'a recipient without "-"',
    rule: 'recipients',
    severity: 'error',
    message: /gạch đầu dòng/,
    edits: [doc(once('>- Các đơn vị trực thuộc;<', '>Các đơn vị trực thuộc;<'))],
  },
  {
    name: '"Lưu" line without "."',
    rule: 'archive',
    severity: 'error',
    message: /kết thúc bằng dấu chấm\./,
    edits: [doc(once('- Lưu: VT, NVY.', '- Lưu: VT, NVY'))],
  },
  { name: 'a recipient without ";"', rule: 'recipients', severity: 'error', message: /dấu chấm phẩy/, edits: [doc(once('(báo cáo);', '(báo cáo)'))] },
  // ---- signature
  {
    name: "signer's title not bold",
    rule: 'signature',
    severity: 'error',
    message: /thẩm quyền, chức vụ người ký chưa in đậm/,
    edits: [styles(noBold('VBSignTitle'))],
  },
  // ---- công văn
  {
    name: 'a công văn whose V/v line is bold 14 pt',
    rule: 'vv',
    severity: 'error',
    message: /dòng trích yếu công văn \("V\/v …"\): cỡ 14 pt \(phải 12–13 pt\), không in đậm/,
    edits: [doc(once('>KẾ HOẠCH<', '><')), doc(once('>Tổ chức Tháng hành động', '>V/v tổ chức Tháng hành động'))],
  },
  // ---- page numbers (pageNumberRules)
  {
    name: 'page number in the footer',
    rule: 'page-number',
    severity: 'error',
    message: /chân trang; phải ở giữa lề trên/,
    edits: [doc(once('<w:headerReference w:type="default"', '<w:footerReference w:type="default"'))],
  },
  {
    name: 'page number right-aligned',
    rule: 'page-number',
    severity: 'error',
    message: /số trang chưa căn giữa/,
    edits: [['word/header1.xml', once('<w:pStyle w:val="VBPageNumber"/>', '<w:pStyle w:val="VBPageNumber"/><w:jc w:val="right"/>')]],
  },
  {
    name: 'page number on page 1 (no titlePg)',
    rule: 'page-number',
    severity: 'error',
    message: /trang 1 có số trang/,
    edits: [doc(once('<w:titlePg/>', ''))],
  },
  {
    name: 'page number in the first-page header',
    rule: 'page-number',
    severity: 'error',
    message: /trang 1 có số trang/,
    edits: [doc(once(/(<w:headerReference w:type="first" r:id=")rId\d+"/, '$1rId6"'))],
  },
  {
    name: 'no page numbers on a multi-page plan',
    rule: 'page-number',
    severity: 'error',
    message: /không đánh số trang/,
    long: true,
    edits: [doc(once(/<w:headerReference w:type="default"[^>]*\/>/, ''))],
  },
];

// ------------------------------------------------------------------ the tests

let minimal: Uint8Array;
let long: Uint8Array;
beforeAll(async () => {
  const templates = templatesFor(keHoach);
  minimal = new Uint8Array(await docxFromModel(modelFromFile(keHoach, 'examples/minimal.json', templates).model));
  // Several pages: the body's last bullet said 60 times (the checker calls a plan multi-page from its
  // text length, over 2500 characters).
  long = edited(minimal, [doc(paragraph(withText('Báo cáo kết quả trước ngày 30/5/2026.'), (p) => p.repeat(60)))]);
  expect(
    openDocx(long)
      .allParagraphs()
      .reduce((n, p) => n + p.text.length, 0),
  ).toBeGreaterThan(3000);
});

const brief = (fs: Finding[]) => fs.map((f) => `${f.severity} ${f.rule}: ${f.message}`);

describe('kehoach check: each rule', () => {
  it('our rendering of examples/minimal.json has no finding', () => {
    expect(brief(checkDocx(openDocx(minimal)))).toEqual([]);
  });
  it('its multi-page variant has no finding either', () => {
    expect(brief(checkDocx(openDocx(long)))).toEqual([]);
  });

  it.each(cases.map((c) => [c.name, c.rule, c]))('%s → %s', (_name, _rule, c) => {
    const findings = checkDocx(openDocx(edited(c.long ? long : minimal, c.edits)));
    const expected = [[c.rule, c.severity, c.message], ...(c.also ?? [])];
    expect(brief(findings), 'exactly the expected findings').toHaveLength(expected.length);
    for (const [rule, severity, message] of expected)
      expect(findings, `${severity} ${rule} ${message}`).toContainEqual(
        expect.objectContaining({ rule, severity, message: expect.stringMatching(message as RegExp) }),
      );
  });

  // A rule added to src/check/rules/ without a case here fails this test.
  it('covers every rule id that src/check/rules/ can report', () => {
    const src = readdirSync('src/check/rules')
      .map((f) => readFileSync(join('src/check/rules', f), 'utf8'))
      .join('\n');
    const ids = new Set([...src.matchAll(/ctx\.(?:add|group)\(\s*'([a-z-]+)'/g)].map((m) => m[1]));
    expect(ids.size).toBeGreaterThan(20);
    expect([...ids].filter((id) => !cases.some((c) => c.rule === id)).sort()).toEqual([]);
  });
});
