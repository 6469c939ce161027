// Generic content blocks usable in any section of any document type.
// Clerk-facing descriptions are Vietnamese: they show up as editor hints via the JSON Schema.
import { z } from 'zod';
import { addTableLimitIssues, colSpan, LIMITS, str } from './limits.js';

/** Non-empty text after trimming. */
export const Text = str().refine((s) => s.trim().length > 0, { message: 'empty_text' });

export const Run = z.strictObject({
  text: Text.describe('Nội dung đoạn chữ'),
  bold: z.boolean().optional().describe('In đậm'),
  italic: z.boolean().optional().describe('In nghiêng'),
  underline: z.boolean().optional().describe('Gạch chân'),
});
export type Run = z.infer<typeof Run>;

/**
 * Inline text: a string (with **đậm** and *nghiêng* marks) or a list of runs.
 */
export const Inline = z
  .union([Text, z.array(Run).min(1)])
  .describe('Chữ trong đoạn: một chuỗi (dùng **chữ đậm**, *chữ nghiêng*) hoặc danh sách đoạn chữ có định dạng');
export type Inline = z.infer<typeof Inline>;

export interface ItemInput {
  title?: Inline;
  text?: Inline;
  label?: Inline;
  blocks?: BlockInput[];
  marker?: string;
  number?: number;
  titleStyle?: 'bold' | 'plain' | 'italic' | 'bold-italic';
  boldNumber?: boolean;
}

export interface BulletInput {
  text: Inline;
  bullets?: (Inline | BulletInput)[];
  blocks?: BlockInput[];
}

export interface TableCellInput {
  text?: Inline;
  blocks?: (Inline | { paragraph: Inline })[];
  colspan?: number;
  rowspan?: number;
  align?: 'left' | 'center' | 'right' | 'justify';
  bold?: boolean;
}

export interface TableInput {
  columns?: number[];
  header?: (Inline | TableCellInput)[][] | (Inline | TableCellInput)[];
  rows: (Inline | TableCellInput | number)[][];
  fontSize?: number;
  numbered?: boolean;
}

export interface PhaseInput {
  name: Inline;
  from?: string;
  to?: string;
  text?: Inline;
  description?: Inline;
  blocks?: BlockInput[];
  overlaps?: boolean;
}

export interface TargetRowInput {
  name: Inline;
  unit?: string;
  value?: string | number;
  note?: string;
  rows?: TargetRowInput[];
}

export interface TargetsInput {
  columns?: { number?: string; name?: string; unit?: string; value?: string; note?: string };
  numbered?: boolean;
  numberSubRows?: boolean;
  rows: TargetRowInput[];
}

export type Numbering = (typeof NUMBERINGS)[number];

export type BlockInput =
  | Inline
  | { paragraph: Inline; align?: 'justify' | 'center' | 'right'; italic?: boolean; bold?: boolean }
  | { items: (Inline | ItemInput)[]; numbering?: Numbering; start?: number }
  | { bullets: (Inline | BulletInput)[]; marker?: '-' | '+' }
  | { table: TableInput }
  | { phases: PhaseInput[]; dateStyle?: 'long' | 'short' }
  | { targets: TargetsInput }
  | { pageBreak: true };

/** How a list numbers its items: 1. 1.1. (decimal), a) (alpha), a., 1), I., or not at all. */
export const NUMBERINGS = ['decimal', 'alpha', '1.', '1)', 'a)', 'a.', 'I.', 'none'] as const;

const Align = z.enum(['left', 'center', 'right', 'justify']);

export const TableCell: z.ZodType<TableCellInput> = z.strictObject({
  text: Inline.optional().describe('Nội dung ô'),
  blocks: z
    .array(z.union([Inline, z.strictObject({ paragraph: Inline })]))
    .optional()
    .describe('Nhiều đoạn trong một ô'),
  colspan: z.number().int().min(1).max(LIMITS.tableColumns).optional().describe('Số cột ô này chiếm'),
  rowspan: z.number().int().min(1).max(LIMITS.tableRows).optional().describe('Số hàng ô này chiếm (gộp ô theo chiều dọc)'),
  align: Align.optional().describe('Căn lề trong ô'),
  bold: z.boolean().optional().describe('In đậm cả ô'),
});

/** An empty cell may be written as "" (other text must not be empty). */
const EmptyCell = z.literal('').describe('Ô trống');
const CellValue = z.union([Inline, TableCell, z.number(), EmptyCell]);
const HeaderCell = z.union([Inline, TableCell, EmptyCell]);

/** A table row: at most LIMITS.tableColumns columns, spans counted. */
const row = <T extends z.ZodType>(cell: T) =>
  z
    .array(cell)
    .max(LIMITS.tableColumns, { message: 'too_many_columns', abort: true })
    .refine((cells) => cells.reduce((n: number, c) => n + colSpan(c), 0) <= LIMITS.tableColumns, { message: 'too_many_columns' });

export const Table: z.ZodType<TableInput> = z
  .strictObject({
    columns: z
      .array(z.number().positive())
      .max(LIMITS.tableColumns, { message: 'too_many_columns' })
      .optional()
      .describe('Độ rộng tương đối của các cột, ví dụ [1, 6, 3]'),
    header: z
      .union([z.array(row(HeaderCell)).max(LIMITS.tableRows, { message: 'too_many_rows' }), row(HeaderCell)])
      .optional()
      .describe('Hàng tiêu đề (lặp lại ở đầu mỗi trang)'),
    rows: z.array(row(CellValue)).min(1).max(LIMITS.tableRows, { message: 'too_many_rows' }).describe('Các hàng của bảng'),
    fontSize: z.number().min(10).max(14).optional().describe('Cỡ chữ trong bảng (pt)'),
    numbered: z.boolean().optional().describe('Tự thêm cột số thứ tự (TT) đầu bảng'),
  })
  .superRefine(addTableLimitIssues);

export const Item: z.ZodType<ItemInput> = z.strictObject({
  get title() {
    return Inline.optional().describe('Tên mục, in đậm trên một dòng riêng (ví dụ "Mục đích")');
  },
  get label() {
    return Inline.optional().describe('Nhãn in đậm đứng đầu đoạn, tiếp theo là "text" (ví dụ "Thời gian:")');
  },
  get text() {
    return Inline.optional().describe('Nội dung của mục');
  },
  get blocks() {
    return z.array(Block).optional().describe('Nội dung con của mục');
  },
  marker: str().min(1).optional().describe('Số, chữ của mục ghi sẵn khi khác số tự động, ví dụ "5." hoặc "đ)"; các mục sau vẫn đánh số tiếp như thường'),
  number: z.number().int().min(1).max(LIMITS.number).optional().describe('Đánh số mục này từ số đã cho (ví dụ 5: mục này là 5. và các mục sau là 6., 7.)'),
  titleStyle: z
    .enum(['bold', 'plain', 'italic', 'bold-italic'])
    .optional()
    .describe('Kiểu chữ của tên mục ("title") và số của nó: "bold" (mặc định), "plain" (chữ đứng thường), "italic", "bold-italic"'),
  boldNumber: z.boolean().optional().describe('In đậm số của mục khi nội dung là chữ thường (ví dụ "**15.** Tất cả …")'),
});

export const Bullet: z.ZodType<BulletInput> = z.strictObject({
  get text() {
    return Inline.describe('Nội dung ý gạch đầu dòng');
  },
  get bullets() {
    return z
      .array(z.union([Inline, Bullet]))
      .optional()
      .describe('Các ý con (dấu "+")');
  },
  get blocks() {
    return z.array(Block).optional().describe('Nội dung con');
  },
});

export const Block: z.ZodType<BlockInput> = z.union([
  Inline,
  z.strictObject({
    paragraph: Inline,
    align: z.enum(['justify', 'center', 'right']).optional(),
    italic: z.boolean().optional().describe('In nghiêng cả đoạn'),
    bold: z.boolean().optional().describe('In đậm cả đoạn'),
  }),
  z.strictObject({
    get items() {
      return z
        .array(z.union([Inline, Item]))
        .min(1)
        .describe('Các mục đánh số tự động (1., 2., … hoặc 1.1., a))');
    },
    numbering: z
      .enum(NUMBERINGS)
      .optional()
      .describe('Kiểu số: "decimal" (1., 1.1., 1.1.1. theo cấp), "alpha" hoặc "a)" (a), b), … đ), e)), "a.", "1)", "I.", "none" (không số)'),
    start: z.number().int().min(1).max(LIMITS.number).optional().describe('Số của mục đầu tiên (mặc định 1)'),
  }),
  z.strictObject({
    get bullets() {
      return z
        .array(z.union([Inline, Bullet]))
        .min(1)
        .describe('Các ý gạch đầu dòng ("-", cấp con "+")');
    },
    marker: z.enum(['-', '+']).optional().describe('Dấu đầu dòng (mặc định "-", cấp con "+")'),
  }),
  z.strictObject({ table: Table }),
  z.strictObject({
    get phases() {
      return z.array(Phase).min(1).describe('Các đợt / giai đoạn, đặt ở bất cứ đâu trong nội dung');
    },
    dateStyle: z.enum(['long', 'short']).optional().describe('Cách viết ngày: "short" (27/02/2017, mặc định) hoặc "long"'),
  }),
  z.strictObject({
    get targets() {
      return Targets;
    },
  }),
  z.strictObject({ pageBreak: z.literal(true).describe('Ngắt trang') }),
]);

/** Dates inside phases: full, or a draft's partial date. Kept loose here; the rules check order. */
const PhaseDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, { message: 'bad_doc_date' })
  .describe('Ngày, ví dụ "2024-02-05"');

export const Phase: z.ZodType<PhaseInput> = z.strictObject({
  name: Inline.describe('Tên đợt / giai đoạn, ví dụ "Đợt 1" hoặc "Giai đoạn 2025 - 2030"'),
  from: PhaseDate.optional().describe('Từ ngày (bỏ trống nếu chỉ có hạn cuối)'),
  to: PhaseDate.optional().describe('Đến ngày'),
  text: Inline.optional().describe('Cách ghi thời gian thay cho "(từ … đến …)", ví dụ "Đến ngày 27/2/2017"'),
  description: Inline.optional().describe('Nội dung chính của đợt'),
  get blocks() {
    return z.array(Block).optional().describe('Nội dung con của đợt');
  },
  overlaps: z.boolean().optional().describe('Cho phép trùng thời gian với đợt khác'),
});

export const TargetRow: z.ZodType<TargetRowInput> = z.strictObject({
  name: Inline.describe('Tên chỉ tiêu'),
  unit: str().optional().describe('Đơn vị tính'),
  value: z.union([str(), z.number()]).optional().describe('Giá trị'),
  note: str().optional().describe('Ghi chú'),
  get rows() {
    return z.array(TargetRow).optional().describe('Chỉ tiêu con (nhóm)');
  },
});

export const TargetColumns = z
  .strictObject({
    number: Text.optional().describe('Tiêu đề cột số thứ tự (mặc định "TT"), ví dụ "STT"'),
    name: Text.optional(),
    unit: Text.optional(),
    value: Text.optional(),
    note: Text.optional(),
  })
  .describe('Tên các cột (mặc định: TT, Chỉ tiêu, Đơn vị tính, Kế hoạch, Ghi chú)');

export const Targets: z.ZodType<TargetsInput> = z.strictObject({
  columns: TargetColumns.optional(),
  numbered: z.boolean().optional().describe('Có cột số thứ tự (mặc định có)'),
  numberSubRows: z.boolean().optional().describe('Đánh số chỉ tiêu con 1.1, 1.2 (mặc định có); false: để trống ô số thứ tự của chỉ tiêu con'),
  rows: z.array(TargetRow).min(1).describe('Các chỉ tiêu'),
});

export const Blocks = z.array(Block).describe('Nội dung: các đoạn, mục đánh số, gạch đầu dòng, bảng');
