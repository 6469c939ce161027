// Layout options a user may choose, limited to the ranges NĐ 30 allows (Phụ lục I).
import { z } from 'zod';

export const LayoutOptions = z
  .strictObject({
    margins: z
      .strictObject({
        top: z.number().min(20).max(25).optional().describe('Lề trên (mm), 20–25'),
        bottom: z.number().min(20).max(25).optional().describe('Lề dưới (mm), 20–25'),
        left: z.number().min(30).max(35).optional().describe('Lề trái (mm), 30–35'),
        right: z.number().min(15).max(20).optional().describe('Lề phải (mm), 15–20'),
      })
      .optional()
      .describe('Lề trang theo Nghị định 30 (mm)'),
    fontSize: z
      .union([z.literal(13), z.literal(14)])
      .optional()
      .describe('Cỡ chữ nội dung: 13 hoặc 14'),
    headerSizes: z.enum(['12-13-13', '13-14-14']).optional().describe('Cỡ chữ quốc hiệu - tiêu ngữ - ngày tháng: "12-13-13" hoặc "13-14-14"'),
    firstLineIndent: z.number().min(10).max(12.7).optional().describe('Thụt đầu dòng (mm), từ 10 đến 12,7 (1–1,27 cm)'),
    lineSpacing: z.number().min(1).max(1.5).optional().describe('Giãn dòng, từ 1 (dòng đơn) đến 1,5'),
    paragraphSpacing: z.number().min(6).max(18).optional().describe('Khoảng cách trước mỗi đoạn (pt), tối thiểu 6'),
    tableFontSize: z.number().min(11).max(14).optional().describe('Cỡ chữ trong bảng (pt)'),
    signatureGap: z.number().int().min(2).max(8).optional().describe('Số dòng trống để ký và đóng dấu'),
    pageNumbers: z.boolean().optional().describe('Đánh số trang (giữa lề trên, từ trang 2)'),
  })
  .describe('Tùy chọn trình bày (trong giới hạn Nghị định 30)');
export type LayoutOptions = z.infer<typeof LayoutOptions>;
