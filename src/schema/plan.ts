// The KẾ HOẠCH input schema: the single source of truth for validation and types.
import { z } from 'zod';
import { Blocks, Inline, Text } from './content.js';
import { DocDate, FullDate } from './dates.js';
import { LayoutOptions } from './layout.js';

const Caps = Text; // upper-casing is the template's job; clerks may type either case

export const Issuer = z
  .strictObject({
    parent: Caps.optional().describe('Cơ quan chủ quản, ví dụ "UBND TỈNH KON TUM"'),
    name: Caps.describe('Cơ quan ban hành, ví dụ "SỞ Y TẾ" (xuống dòng bằng \\n nếu tên dài)'),
    abbreviation: z
      .string()
      .regex(/^[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*$/u, { message: 'bad_abbreviation' })
      .describe('Chữ viết tắt tên cơ quan trong ký hiệu, ví dụ "SYT"'),
    shortName: Text.optional().describe('Tên cơ quan viết thường dùng trong câu, ví dụ "Sở Y tế"'),
  })
  .describe('Cơ quan ban hành');

export const Reference = z
  .strictObject({
    verb: Text.optional().describe('Từ mở đầu: "Căn cứ" hoặc "Thực hiện" (mặc định theo basis.verb)'),
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
    dateStyle: z.enum(['long', 'short']).optional().describe('Cách viết ngày: "long" = ngày 17 tháng 7 năm 2024, "short" = ngày 17/7/2024'),
    items: z.array(z.union([Text, Reference])).describe('Các căn cứ: câu viết sẵn hoặc văn bản (loại, số, ngày, cơ quan, trích yếu)'),
    joinIntro: z.boolean().optional().describe('Viết căn cứ cuối và câu dẫn thành một đoạn: "Thực hiện Kế hoạch số …, Sở Y tế xây dựng Kế hoạch … như sau:"'),
  })
  .describe('Căn cứ, thực hiện');

export const Section = <T extends z.ZodRawShape>(shape: T, what: string) =>
  z
    .strictObject({
      title: Text.optional().describe(`Tên mục (mặc định theo mẫu), ví dụ "${what}"`),
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

export const Phase = z.strictObject({
  name: Text.describe('Tên đợt / giai đoạn, ví dụ "Đợt 1"'),
  from: FullDate.describe('Từ ngày'),
  to: FullDate.describe('Đến ngày'),
  description: Inline.optional().describe('Nội dung chính của đợt'),
  blocks: Blocks.optional(),
  overlaps: z.boolean().optional().describe('Cho phép trùng thời gian với đợt khác'),
});

export const Phases = Section(
  {
    intro: Blocks.optional(),
    period: z
      .strictObject({ from: FullDate.describe('Từ ngày'), to: FullDate.describe('Đến ngày') })
      .optional()
      .describe('Thời gian thực hiện cả kế hoạch; các đợt phải nằm trong khoảng này'),
    items: z.array(Phase).min(1).describe('Các đợt / giai đoạn'),
    blocks: Blocks.optional().describe('Nội dung sau danh sách các đợt'),
  },
  'THỜI GIAN VÀ CÁC ĐỢT THỰC HIỆN',
);

export interface TargetRowInput {
  name: z.infer<typeof Inline>;
  unit?: string;
  value?: string | number;
  note?: string;
  rows?: TargetRowInput[];
}
export const TargetRow: z.ZodType<TargetRowInput> = z.strictObject({
  name: Inline.describe('Tên chỉ tiêu'),
  unit: z.string().optional().describe('Đơn vị tính'),
  value: z.union([z.string(), z.number()]).optional().describe('Giá trị'),
  note: z.string().optional().describe('Ghi chú'),
  get rows() {
    return z.array(TargetRow).optional().describe('Chỉ tiêu con (nhóm)');
  },
});

export const Targets = Section(
  {
    intro: Blocks.optional(),
    columns: z
      .strictObject({
        name: Text.optional(),
        unit: Text.optional(),
        value: Text.optional(),
        note: Text.optional(),
      })
      .optional()
      .describe('Tên các cột (mặc định: Chỉ tiêu, Đơn vị tính, Kế hoạch, Ghi chú)'),
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

export const ExtraSection = z.strictObject({
  title: Text.describe('Tên mục'),
  after: SectionKey.optional().describe('Đặt sau mục nào (mặc định: trước "Tổ chức thực hiện")'),
  blocks: Blocks,
});

export const Recipient = z.union([
  Text,
  z.strictObject({
    name: Text.describe('Nơi nhận, ví dụ "Bộ Y tế"'),
    note: Text.optional().describe('Ghi chú trong ngoặc, ví dụ "báo cáo"'),
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
  title: Text.describe('Tên phụ lục'),
  blocks: Blocks,
  landscape: z.boolean().optional().describe('Trang nằm ngang (cho bảng rộng)'),
});

export const Plan = z
  .strictObject({
    $schema: z.string().optional(),
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
    place: Text.describe('Địa danh, ví dụ "Kon Tum"'),
    date: DocDate,
    urgency: z.enum(['KHẨN', 'THƯỢNG KHẨN', 'HỎA TỐC']).optional().describe('Độ khẩn'),
    confidentiality: z.enum(['MẬT', 'TỐI MẬT', 'TUYỆT MẬT']).optional().describe('Độ mật'),
    title: Text.describe('Trích yếu (tên kế hoạch), viết hoa chữ đầu câu; \\n để xuống dòng'),
    basis: Basis.optional(),
    intro: Inline.optional().describe('Câu dẫn, ví dụ "Sở Y tế xây dựng Kế hoạch … như sau:"'),
    purposes: Purposes.optional(),
    content: Section({ blocks: Blocks }, 'NỘI DUNG').optional(),
    phases: Phases.optional(),
    targets: Targets.optional(),
    awards: Awards.optional(),
    budget: Budget.optional(),
    implementation: Implementation.optional(),
    sections: z.array(ExtraSection).optional().describe('Các mục bổ sung'),
    closing: z
      .strictObject({
        blocks: Blocks.optional().describe('Các đoạn trước câu kết'),
        text: Inline.describe('Câu kết, ví dụ "Trên đây là Kế hoạch … ./."'),
      })
      .describe('Phần kết'),
    recipients: z.array(Recipient).min(1).describe('Nơi nhận (không gồm dòng Lưu)'),
    archive: z
      .strictObject({
        units: z
          .array(z.string().regex(/^[\p{L}0-9.]+(\s?\([\p{L}0-9. ]+\))?$/u, { message: 'bad_archive_unit' }))
          .min(1)
          .describe('Ví dụ ["VT", "TCHC"]; có thể ghi kèm người soạn thảo: "CN(M.Cường)"'),
        copies: z.number().int().min(1).optional().describe('Số bản lưu'),
      })
      .describe('Dòng "Lưu: VT, …"'),
    signer: Signer,
    appendices: z.array(Appendix).optional().describe('Phụ lục'),
    layout: LayoutOptions.optional(),
    keywords: z.array(Text).optional().describe('Từ khóa (thuộc tính tệp)'),
  })
  .describe('Kế hoạch theo Nghị định 30/2020/NĐ-CP');

export type Plan = z.infer<typeof Plan>;
