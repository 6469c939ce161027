// Generic content blocks usable in any section of any document type.
// Clerk-facing descriptions are Vietnamese: they show up as editor hints via the JSON Schema.
import { z } from 'zod';

/** Non-empty text after trimming. */
export const Text = z.string().refine((s) => s.trim().length > 0, { message: 'empty_text' });

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

export type BlockInput =
  | Inline
  | { paragraph: Inline; align?: 'justify' | 'center' | 'right'; italic?: boolean }
  | { items: (Inline | ItemInput)[]; numbering?: 'decimal' | 'alpha' }
  | { bullets: (Inline | BulletInput)[] }
  | { table: TableInput }
  | { pageBreak: true };

const Align = z.enum(['left', 'center', 'right', 'justify']);

export const TableCell: z.ZodType<TableCellInput> = z.strictObject({
  text: Inline.optional().describe('Nội dung ô'),
  blocks: z
    .array(z.union([Inline, z.strictObject({ paragraph: Inline })]))
    .optional()
    .describe('Nhiều đoạn trong một ô'),
  colspan: z.number().int().min(1).optional().describe('Số cột ô này chiếm'),
  rowspan: z.number().int().min(1).optional().describe('Số hàng ô này chiếm (gộp ô theo chiều dọc)'),
  align: Align.optional().describe('Căn lề trong ô'),
  bold: z.boolean().optional().describe('In đậm cả ô'),
});

/** An empty cell may be written as "" (other text must not be empty). */
const EmptyCell = z.literal('').describe('Ô trống');
const CellValue = z.union([Inline, TableCell, z.number(), EmptyCell]);
const HeaderCell = z.union([Inline, TableCell, EmptyCell]);

export const Table: z.ZodType<TableInput> = z.strictObject({
  columns: z.array(z.number().positive()).optional().describe('Độ rộng tương đối của các cột, ví dụ [1, 6, 3]'),
  header: z
    .union([z.array(z.array(HeaderCell)), z.array(HeaderCell)])
    .optional()
    .describe('Hàng tiêu đề (lặp lại ở đầu mỗi trang)'),
  rows: z.array(z.array(CellValue)).min(1).describe('Các hàng của bảng'),
  fontSize: z.number().min(10).max(14).optional().describe('Cỡ chữ trong bảng (pt)'),
  numbered: z.boolean().optional().describe('Tự thêm cột số thứ tự (TT) đầu bảng'),
});

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
    italic: z.boolean().optional(),
  }),
  z.strictObject({
    get items() {
      return z
        .array(z.union([Inline, Item]))
        .min(1)
        .describe('Các mục đánh số tự động (1., 2., … hoặc 1.1., a))');
    },
    numbering: z.enum(['decimal', 'alpha']).optional().describe('Kiểu số: "decimal" (1.1.) hoặc "alpha" (a), b))'),
  }),
  z.strictObject({
    get bullets() {
      return z
        .array(z.union([Inline, Bullet]))
        .min(1)
        .describe('Các ý gạch đầu dòng ("-", cấp con "+")');
    },
  }),
  z.strictObject({ table: Table }),
  z.strictObject({ pageBreak: z.literal(true).describe('Ngắt trang') }),
]);

export const Blocks = z.array(Block).describe('Nội dung: các đoạn, mục đánh số, gạch đầu dòng, bảng');
