// The KẾ HOẠCH input schema: the single source of truth for validation and types.
import { z } from 'zod';
import { Blocks, Inline, Phase, TargetColumns, TargetRow, Text } from './content.js';
import { DocDate, FullDate } from './dates.js';
import { LIMITS, str } from './limits.js';
import { LayoutOptions } from './layout.js';

const Caps = Text; // upper-casing is the template's job; clerks may type either case

export const Issuer = z
  .strictObject({
    parent: Caps.optional().describe('Cơ quan chủ quản, ví dụ "UBND TỈNH QUẢNG NGÃI"'),
    name: Caps.describe('Cơ quan ban hành, ví dụ "SỞ Y TẾ" (xuống dòng bằng \\n nếu tên dài)'),
    abbreviation: z
      .string()
      .regex(/^[A-ZĐ0-9][A-ZĐa-zđ0-9]*(-[A-ZĐ0-9][A-ZĐa-zđ0-9]*)*$/u, { message: 'bad_abbreviation' })
      .describe('Chữ viết tắt tên cơ quan trong ký hiệu, ví dụ "SYT", "TTg"'),
    shortName: Text.optional().describe('Tên cơ quan viết thường dùng trong câu, ví dụ "Sở Y tế"'),
  })
  .describe('Cơ quan ban hành');

export const Reference = z
  .strictObject({
    verb: Text.optional().describe('Từ mở đầu, ví dụ "Căn cứ", "Thực hiện", "Xét đề nghị của" (mặc định theo basis.verb)'),
    kind: Text.describe('Loại văn bản, ví dụ "Kế hoạch", "Nghị định", "Luật"'),
    number: Text.optional().describe('Số, ký hiệu, ví dụ "885/KH-BYT"'),
    date: FullDate.optional().describe('Ngày ban hành văn bản, ví dụ "2024-07-17"'),
    issuer: Text.optional().describe('Cơ quan ban hành, ví dụ "Bộ Y tế"'),
    subject: Text.optional().describe('Trích yếu, ví dụ "về việc phát động phong trào thi đua …"'),
  })
  .describe('Một văn bản làm căn cứ');

export const Basis = z
  .strictObject({
    verb: Text.optional().describe('Từ mở đầu mặc định cho mỗi căn cứ: "Căn cứ" (mặc định) hoặc "Thực hiện"'),
    italic: z.boolean().optional().describe('In nghiêng các căn cứ (mặc định có; false: chữ đứng)'),
    end: z.enum(['.', ';']).optional().describe('Dấu sau căn cứ cuối cùng (mặc định "."; ";" khi câu dẫn theo sau là một đoạn riêng)'),
    dateStyle: z.enum(['long', 'short']).optional().describe('Cách viết ngày: "long" = ngày 17 tháng 7 năm 2024, "short" = ngày 17/7/2024'),
    items: z.array(z.union([Text, Reference])).describe('Các căn cứ: câu viết sẵn hoặc văn bản (loại, số, ngày, cơ quan, trích yếu)'),
    joinIntro: z.boolean().optional().describe('Viết căn cứ cuối và câu dẫn thành một đoạn: "Thực hiện Kế hoạch số …, Sở Y tế xây dựng Kế hoạch … như sau:"'),
  })
  .describe('Căn cứ, thực hiện');

/** How a section is numbered when the source does not follow I., II., III. */
const SectionNumbering = {
  number: z.number().int().min(1).max(LIMITS.number).optional().describe('Đánh số mục này từ số đã cho (ví dụ 5: mục này là V. và các mục sau VI., VII.)'),
  marker: Text.optional().describe('Số mục ghi sẵn khi khác số tự động, ví dụ "III." (số các mục sau không đổi)'),
};

export const Section = <T extends z.ZodRawShape>(shape: T, what: string) =>
  z
    .strictObject({
      title: Text.optional().describe(`Tên mục (mặc định theo mẫu), ví dụ "${what}"`),
      ...SectionNumbering,
      ...shape,
    })
    .describe(what);

export const Purposes = Section(
  {
    purpose: Blocks.optional().describe('Mục đích'),
    purposeTitle: Text.optional().describe('Tên mục con (mặc định "Mục đích"), ví dụ "Mục đích:"'),
    requirements: Blocks.optional().describe('Yêu cầu'),
    requirementsTitle: Text.optional().describe('Tên mục con (mặc định "Yêu cầu"), ví dụ "Yêu cầu:"'),
    blocks: Blocks.optional().describe('Nội dung tự do (dùng khi không tách mục đích / yêu cầu)'),
  },
  'MỤC ĐÍCH, YÊU CẦU',
);

export const Phases = Section(
  {
    intro: Blocks.optional(),
    period: z
      .strictObject({ from: FullDate.describe('Từ ngày'), to: FullDate.describe('Đến ngày') })
      .optional()
      .describe('Thời gian thực hiện cả kế hoạch; các đợt phải nằm trong khoảng này'),
    items: z.array(Phase).min(1).describe('Các đợt / giai đoạn'),
    dateStyle: z.enum(['long', 'short']).optional().describe('Cách viết ngày của các đợt: "short" (mặc định) hoặc "long"'),
    blocks: Blocks.optional().describe('Nội dung sau danh sách các đợt'),
  },
  'THỜI GIAN VÀ CÁC ĐỢT THỰC HIỆN',
);

export const Targets = Section(
  {
    intro: Blocks.optional(),
    columns: TargetColumns.optional(),
    numbered: z.boolean().optional().describe('Có cột số thứ tự (mặc định có)'),
    numberSubRows: z.boolean().optional().describe('Đánh số chỉ tiêu con 1.1, 1.2 (mặc định có); false: để trống'),
    rows: z.array(TargetRow).min(1).describe('Các chỉ tiêu'),
    blocks: Blocks.optional(),
  },
  'CHỈ TIÊU',
);

export const Awards = Section(
  {
    intro: Blocks.optional(),
    forms: Blocks.optional().describe('Hình thức khen thưởng'),
    criteria: z
      .array(z.strictObject({ title: Inline, blocks: Blocks }))
      .optional()
      .describe('Tiêu chuẩn khen thưởng, mỗi hình thức một mục'),
    blocks: Blocks.optional(),
  },
  'KHEN THƯỞNG',
);

export const Budget = Section({ blocks: Blocks }, 'KINH PHÍ');

export const Unit = z.strictObject({
  name: Text.describe('Tên cơ quan, đơn vị, ví dụ "Văn phòng Sở Y tế"'),
  tasks: z.union([Inline, Blocks]).describe('Nhiệm vụ: một đoạn (viết liền sau tên đơn vị) hoặc danh sách nội dung'),
});

export const Implementation = Section(
  {
    intro: Blocks.optional(),
    units: z.array(Unit).optional().describe('Các đơn vị và nhiệm vụ'),
    blocks: Blocks.optional().describe('Nội dung tự do'),
  },
  'TỔ CHỨC THỰC HIỆN',
);

export const SectionKey = z.enum(['purposes', 'content', 'phases', 'targets', 'awards', 'budget', 'implementation']);

export const GenericSection = z
  .strictObject({
    title: Text.describe('Tên mục'),
    ...SectionNumbering,
    after: SectionKey.optional().describe('Khi dùng các mục có tên (purposes, content…) ở ngoài: đặt sau mục nào (mặc định: trước "Tổ chức thực hiện")'),
    blocks: Blocks.optional().describe('Nội dung (có thể bỏ trống, ví dụ mục chỉ dẫn tới phụ lục)'),
  })
  .describe('Một mục (I., II., …) với tên và nội dung tùy ý');

export const Content = Section({ blocks: Blocks }, 'NỘI DUNG');

/** A named section kind written inside `sections`, in the order the author wants. */
export const AnySection = z.union([
  GenericSection,
  Purposes.extend({ kind: z.literal('purposes').describe('Loại mục: mục đích, yêu cầu') }),
  Content.extend({ kind: z.literal('content').describe('Loại mục: nội dung') }),
  Phases.extend({ kind: z.literal('phases').describe('Loại mục: thời gian, các đợt') }),
  Targets.extend({ kind: z.literal('targets').describe('Loại mục: chỉ tiêu') }),
  Awards.extend({ kind: z.literal('awards').describe('Loại mục: khen thưởng') }),
  Budget.extend({ kind: z.literal('budget').describe('Loại mục: kinh phí') }),
  Implementation.extend({ kind: z.literal('implementation').describe('Loại mục: tổ chức thực hiện') }),
]);
export type AnySection = z.infer<typeof AnySection>;

const SubRecipient = z.union([
  Text,
  z.strictObject({
    name: Text.describe('Nơi nhận, ví dụ "LĐVP"'),
    note: Text.optional().describe('Ghi chú trong ngoặc, ví dụ "b/c"'),
  }),
]);

export const Recipient = z.union([
  Text,
  z.strictObject({
    name: Text.describe('Nơi nhận, ví dụ "Bộ Y tế"'),
    note: Text.optional().describe('Ghi chú trong ngoặc, ví dụ "báo cáo"'),
    items: z.array(SubRecipient).min(1).optional().describe('Các nơi nhận con, in dòng "+ …;" dưới dòng "- tên:"'),
  }),
]);

export const Signer = z
  .strictObject({
    authority: z.enum(['TM.', 'KT.', 'TL.', 'TUQ.', 'Q.']).optional().describe('Thẩm quyền ký: TM., KT., TL., TUQ., Q. hoặc bỏ trống khi người đứng đầu ký'),
    onBehalfOf: Text.optional().describe('Tập thể (với TM.), ví dụ "ỦY BAN NHÂN DÂN"'),
    position: Text.describe('Chức vụ người đứng đầu, ví dụ "GIÁM ĐỐC"'),
    title: Text.optional().describe('Chức vụ của người ký khi khác người đứng đầu, ví dụ "PHÓ GIÁM ĐỐC"'),
    name: Text.describe('Họ và tên người ký (không ghi học hàm, học vị)'),
  })
  .describe('Người ký');

export const Appendix = z.strictObject({
  label: Text.optional().describe('Nhãn thay cho "Phụ lục" / "Phụ lục I", ví dụ "Mẫu biểu số 01"'),
  title: Text.optional().describe('Tên phụ lục (in hoa, đậm)'),
  note: z
    .union([Text, z.literal(false)])
    .optional()
    .describe('Dòng chỉ dẫn thay cho "(Kèm theo Kế hoạch số … ngày … của …)"; false: không in dòng này'),
  noteDateStyle: z.enum(['long', 'short']).optional().describe('Cách viết ngày trong dòng chỉ dẫn: "long" (mặc định) hoặc "short" (21/11/2025)'),
  blocks: Blocks.optional(),
  landscape: z.boolean().optional().describe('Trang nằm ngang (cho bảng rộng)'),
});

export const AttachedTo = z
  .strictObject({
    kind: Text.optional().describe('Loại văn bản ban hành kế hoạch (mặc định "Quyết định")'),
    by: Text.optional().describe('Người, cơ quan ban hành văn bản đó, ví dụ "Chủ tịch Ủy ban nhân dân tỉnh" (mặc định: tên cơ quan ban hành)'),
    wording: Text.optional().describe('Lời dẫn (mặc định "Ban hành kèm theo"), ví dụ "Kèm theo"'),
    dateStyle: z.enum(['long', 'short']).optional().describe('Cách viết ngày: "long" (mặc định) hoặc "short"'),
    text: Text.optional().describe(
      'Cả dòng chỉ dẫn viết sẵn, ví dụ "(Kèm theo Quyết định số: 1627/QĐ-UBND ngày 21/11/2025 của Chủ tịch Ủy ban nhân dân tỉnh)"',
    ),
  })
  .describe('Kế hoạch ban hành kèm theo một Quyết định: không có phần đầu (số, ngày) và chữ ký riêng; số, ký hiệu, ngày là của Quyết định');

export const Plan = z
  .strictObject({
    $schema: str().optional(),
    issuer: Issuer,
    number: z
      .union([z.number().int().positive(), z.string().regex(/^\d{1,5}$/, { message: 'bad_number' })])
      .nullable()
      .optional()
      .describe('Số văn bản; bỏ trống hoặc null khi là bản dự thảo'),
    symbol: z
      .string()
      .regex(/^[\p{Lu}\p{Ll}0-9Đđ]+(-[\p{Lu}\p{Ll}0-9Đđ]+)*$/u, { message: 'bad_symbol' })
      .optional()
      .describe('Ký hiệu (mặc định: "KH-" + chữ viết tắt cơ quan)'),
    place: Text.describe('Địa danh, ví dụ "Quảng Ngãi"'),
    date: DocDate,
    urgency: z.enum(['KHẨN', 'THƯỢNG KHẨN', 'HỎA TỐC']).optional().describe('Độ khẩn'),
    confidentiality: z.enum(['MẬT', 'TỐI MẬT', 'TUYỆT MẬT']).optional().describe('Độ mật'),
    title: Text.describe('Trích yếu (tên kế hoạch), viết hoa chữ đầu câu; \\n để xuống dòng'),
    basis: Basis.optional(),
    intro: Inline.optional().describe('Câu dẫn, ví dụ "Sở Y tế xây dựng Kế hoạch … như sau:"'),
    purposes: Purposes.optional(),
    content: Content.optional(),
    phases: Phases.optional(),
    targets: Targets.optional(),
    awards: Awards.optional(),
    budget: Budget.optional(),
    implementation: Implementation.optional(),
    sections: z
      .array(AnySection)
      .optional()
      .describe(
        'Các mục theo đúng thứ tự in: mục tự do { title, blocks } hoặc mục có tên { kind: "purposes" | "content" | "phases" | "targets" | "awards" | "budget" | "implementation", … }',
      ),
    closing: z
      .strictObject({
        blocks: Blocks.optional().describe('Các đoạn trước câu kết'),
        text: Inline.optional().describe('Câu kết, ví dụ "Trên đây là Kế hoạch …"; bỏ trống khi kế hoạch kết thúc ở mục cuối ("./." đặt sau chữ cuối cùng)'),
      })
      .optional()
      .describe('Phần kết'),
    attachedTo: AttachedTo.optional(),
    endMark: z.boolean().optional().describe('Thêm "./." sau chữ cuối cùng của nội dung (mặc định có; false khi văn bản gốc không có)'),
    recipientsAsTyped: z.boolean().optional().describe('In nơi nhận và dòng Lưu đúng như gõ, không tự thêm ";" và "." (mặc định: tự thêm)'),
    recipients: z.array(Recipient).min(1).optional().describe('Nơi nhận (không gồm dòng Lưu)'),
    archive: z
      .strictObject({
        units: z
          .array(str().regex(/^(\([^;()]+\)|[^,;()\s][^,;()]*(\([^;()]+\)[^,;()]*)?)$/u, { message: 'bad_archive_unit' }))
          .min(1)
          .describe('Ví dụ ["VT", "TCHC"]; có thể ghi kèm người soạn thảo: "CN(M.Cường)", "KGVX. Thg", "NC (MT.Tấn)", "(VX/MT.Tấn)"'),
        copies: z.number().int().min(1).optional().describe('Số bản lưu'),
        nested: z.boolean().optional().describe('In "+ Lưu: …" như dòng con cuối của nơi nhận cuối cùng (ví dụ dưới "- VP UBND tỉnh:")'),
      })
      .optional()
      .describe('Dòng "Lưu: VT, …"'),
    signer: Signer.optional(),
    appendices: z.array(Appendix).optional().describe('Phụ lục'),
    layout: LayoutOptions.optional(),
    keywords: z.array(Text).optional().describe('Từ khóa (thuộc tính tệp)'),
  })
  .superRefine((plan, ctx) => {
    // A plan issued on its own signs and sends itself; one attached to a Quyết định does not.
    if (plan.attachedTo) return;
    for (const key of ['recipients', 'archive', 'signer'] as const)
      if (plan[key] === undefined) ctx.addIssue({ code: 'invalid_type', expected: key === 'recipients' ? 'array' : 'object', input: undefined, path: [key] });
  })
  .describe('Kế hoạch theo Nghị định 30/2020/NĐ-CP');

export type Plan = z.infer<typeof Plan>;
