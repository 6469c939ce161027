// Plans beyond the examples that the DOCX/PDF tests render: the decree's own examples and the
// situations its rules are about. Each is a patch on examples/minimal.json (shallow: a patched key
// replaces the whole value). Plain data only: test/helpers/render.ts validates and renders them, and
// the vitest global setup (test/setup/renders.ts) converts their DOCX with LibreOffice once per run.

export interface ExtraCase {
  /** File-name-safe id (test/artifacts/renders/<slug>.docx). */
  slug: string;
  /** What the case is about (test names). */
  title: string;
  plan(minimal: Record<string, any>): Record<string, unknown>;
}

const longBody = Array.from(
  { length: 45 },
  (_, k) =>
    `Đoạn thứ ${k + 1}: tổ chức kiểm tra, giám sát việc chấp hành quy định về an toàn thực phẩm tại các cơ sở sản xuất, kinh doanh, bảo đảm đúng tiến độ và hiệu quả; tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh.`,
);

/** Edge cases: the decree's own examples and the situations its rules are about. */
const EDGE: Record<string, Record<string, unknown>> = {
  'date 2024-03-09 (month ≥ 3 not padded)': { date: '2024-03-09' },
  'date 2020-01-05': { date: '2020-01-05' },
  'date 2019-06-29': { date: '2019-06-29' },
  'date 2023-02-28 and number 13': { date: '2023-02-28', number: 13 },
  'date 2024-10-01 and number "0124"': { date: '2024-10-01', number: '0124' },
  'draft 2024-01 (no day, no number)': { date: '2024-01', number: null },
  'draft 2024 (no day, no month)': { date: '2024', number: undefined },
  'sections omitted, extra section, 12-13-13 header sizes': {
    purposes: undefined,
    budget: { blocks: ['Kinh phí thực hiện từ nguồn ngân sách nhà nước năm 2024 giao cho các đơn vị.'] },
    sections: [{ title: 'Chế độ báo cáo', blocks: ['Các đơn vị báo cáo kết quả trước ngày 15/12/2024.'] }],
    layout: { headerSizes: '12-13-13' },
  },
  'TM. signature, no parent, 13 pt body, 1.27 cm indent, 1.5 lines, official margins': {
    issuer: { name: 'Ủy ban nhân dân tỉnh Kon Tum', abbreviation: 'UBND', shortName: 'Ủy ban nhân dân tỉnh' },
    place: 'Kon Tum',
    signer: { authority: 'TM.', onBehalfOf: 'Ủy ban nhân dân', position: 'Chủ tịch', name: 'Lê Ngọc Tuấn' },
    layout: { fontSize: 13, firstLineIndent: 12.7, lineSpacing: 1.5, margins: { top: 25, bottom: 20, left: 35, right: 20 } },
  },
  'TM. + KT. signature': {
    issuer: { parent: 'Hội đồng nhân dân tỉnh Kon Tum', name: 'Ủy ban nhân dân tỉnh Kon Tum', abbreviation: 'UBND' },
    signer: { authority: 'TM.', onBehalfOf: 'Ủy ban nhân dân', position: 'Chủ tịch', title: 'Phó Chủ tịch', name: 'Y Ngọc' },
  },
  'head signs, no authority': { signer: { position: 'Giám đốc', name: 'Võ Văn Thanh' } },
  'long agency names, multi-line trích yếu, archive copies': {
    issuer: {
      parent: 'Bộ Nông nghiệp và Môi trường',
      name: 'Ban Chỉ đạo phòng, chống tội phạm, tệ nạn xã hội và xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc',
      abbreviation: 'BCĐ',
    },
    title:
      'Triển khai thực hiện Chương trình mục tiêu quốc gia\nvề phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi giai đoạn 2021 - 2030',
    archive: { units: ['VT', 'TCHC'], copies: 2 },
    recipients: ['Bộ Y tế (báo cáo).', { name: 'UBND tỉnh;', note: 'báo cáo' }, 'Các sở, ban, ngành'],
    signer: { authority: 'TL.', position: 'Trưởng ban', title: 'Chánh Văn phòng', name: 'Trần Thị Bích' },
  },
  'agency name in balanced lines': {
    issuer: { parent: 'UBND tỉnh Lào Cai', name: 'Sở Nông nghiệp và Phát triển nông thôn', abbreviation: 'SNNPTNT' },
  },
  'agency name on one line in the 67.5 mm column': {
    issuer: { parent: 'UBND thành phố Hà Nội', name: 'Sở Văn hóa và Thể thao', abbreviation: 'SVHTT' },
  },
  'agency with an explicit line break': {
    issuer: { parent: 'UBND tỉnh Lào Cai', name: 'Sở Nông nghiệp\nvà Môi trường', abbreviation: 'SNNMT' },
    signer: { authority: 'Q.', position: 'Giám đốc', name: 'Hoàng Văn Minh' },
  },
  'urgent (KHẨN) plan': { urgency: 'KHẨN' },
  'decomposed (NFD) input text': {
    title: 'Tổ chức Tháng hành động vì an toàn thực phẩm năm 2026'.normalize('NFD'),
    place: 'Lào Cai'.normalize('NFD'),
    intro: 'Sở Y tế xây dựng Kế hoạch như sau:'.normalize('NFD'),
  },
  'grouped rows: vertically merged cells (rowspan) in a content table': {
    content: {
      blocks: [
        {
          table: {
            columns: [1, 3, 4, 2],
            header: ['TT', 'Nhóm', 'Chỉ tiêu', 'Giá trị'],
            rows: [
              ['1', { text: 'Nhóm cơ sở sản xuất', rowspan: 2 }, 'Kiểm tra định kỳ', '120'],
              ['2', 'Đạt yêu cầu', '110'],
              ['3', { text: 'Nhóm cơ sở kinh doanh', rowspan: 3 }, 'Vi phạm', '17'],
              ['4', 'Phạt tiền', '13'],
              ['5', 'Đình chỉ', '4'],
              [{ text: 'Cộng', colspan: 3 }, '264'],
            ],
          },
        },
      ],
    },
  },
  'column widths given too narrow for STT and ĐIỂM CHUẨN (widened, never split)': {
    content: {
      blocks: [
        {
          table: {
            columns: [0.4, 9, 1, 3],
            header: ['STT', 'Ngành đào tạo', 'ĐIỂM CHUẨN', 'Ghi chú'],
            rows: [
              ['01', 'Điều dưỡng (mã ngành 7720301)', '19,50', 'Tuyển sinh theo Kế hoạch số 196-TB/TW'],
              ['02', 'Kỹ thuật xét nghiệm y học', '20,25', ''],
            ],
          },
        },
      ],
    },
  },
  'several pages, appendix, table': {
    content: {
      blocks: [
        ...longBody,
        {
          table: {
            columns: [1, 6, 2],
            header: ['TT', 'Nội dung', 'Thời gian'],
            rows: [
              ['1', 'Kiểm tra liên ngành', 'Tháng 4'],
              ['2', 'Tổng kết', 'Tháng 5'],
            ],
          },
        },
      ],
    },
    appendices: [
      { title: 'Danh sách cơ sở kiểm tra', blocks: ['Các cơ sở sản xuất, kinh doanh thực phẩm trên địa bàn tỉnh.'] },
      {
        title: 'Bảng tổng hợp kết quả kiểm tra\ntheo từng huyện, thị xã, thành phố',
        landscape: true,
        blocks: [
          {
            table: {
              numbered: true,
              columns: [4, 2, 2, 2, 2, 2, 2, 3],
              header: ['Đơn vị', 'Số cơ sở', 'Đạt', 'Không đạt', 'Nhắc nhở', 'Phạt tiền', 'Đình chỉ', 'Ghi chú'],
              rows: [['Thành phố Lào Cai', 120, 110, 10, 6, 3, 1, 'Kiểm tra liên ngành']],
            },
          },
        ],
      },
    ],
  },
};

/** Header band situations (cơ quan chủ quản that must step down to 12 pt; long place/date lines; marks). */
const HEADER: Record<string, Record<string, unknown>> = {
  'parent UBND TỈNH LÀO CAI (13 pt fits)': { place: 'Hải Phòng', issuer: { parent: 'UBND TỈNH LÀO CAI', name: 'Sở Y tế', abbreviation: 'SYT' } },
  'parent UBND THÀNH PHỐ HẢI PHÒNG (12 pt to fit)': {
    place: 'Hải Phòng',
    issuer: { parent: 'UBND THÀNH PHỐ HẢI PHÒNG', name: 'Sở Y tế', abbreviation: 'SYT' },
  },
  'place Thành phố Hồ Chí Minh': { place: 'Thành phố Hồ Chí Minh', date: '2026-02-05' },
  'place Thành phố Hồ Chí Minh, 12-13-13 header sizes': { place: 'Thành phố Hồ Chí Minh', date: '2026-02-05', layout: { headerSizes: '12-13-13' } },
  'parent UBND THÀNH PHỐ HỒ CHÍ MINH next to the HCM place/date': {
    place: 'Thành phố Hồ Chí Minh',
    issuer: { parent: 'UBND THÀNH PHỐ HỒ CHÍ MINH', name: 'Sở Y tế', abbreviation: 'SYT' },
  },
  'issuer Ủy ban nhân dân / Thành phố Hồ Chí Minh': {
    place: 'Thành phố Hồ Chí Minh',
    date: '2026-02-05',
    issuer: { name: 'Ủy ban nhân dân\nThành phố Hồ Chí Minh', abbreviation: 'UBND' },
  },
  'issuer Ủy ban nhân dân / Thành phố Hà Nội': {
    place: 'Hà Nội',
    date: '2026-02-05',
    issuer: { name: 'Ủy ban nhân dân\nThành phố Hà Nội', abbreviation: 'UBND' },
  },
  'độ mật TỐI MẬT and độ khẩn HỎA TỐC': { urgency: 'HỎA TỐC', confidentiality: 'TỐI MẬT' },
};

/** A file-name-safe slug of a title: ASCII letters and digits joined by "-". */
export function slugify(title: string): string {
  return title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60)
    .replace(/-$/, '');
}

export const EXTRA_CASES: ExtraCase[] = Object.entries({ ...EDGE, ...HEADER }).map(([title, patch]) => ({
  slug: `case-${slugify(title)}`,
  title,
  plan: (minimal) => ({ ...structuredClone(minimal), ...structuredClone(patch) }),
}));

/** The extra case of a title (throws when there is none, so a renamed case cannot go unnoticed). */
export function caseByTitle(title: string): ExtraCase {
  const c = EXTRA_CASES.find((x) => x.title === title);
  if (!c) throw new Error(`no extra case "${title}"`);
  return c;
}
