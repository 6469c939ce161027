// The decree's numbers for the top of the first page: the header band (cơ quan | quốc hiệu,
// tiêu ngữ; số | địa danh, ngày), the rules under the agency, the tiêu ngữ and the trích yếu,
// the độ khẩn / độ mật stamps and the gaps around the tên loại (NĐ 30/2020 Phụ lục I).

/** Left column of the decree's official header table (Mẫu 1.4), mm. */
export const OFFICIAL_LEFT_WIDTH = 67.5;
/** How far the official header table reaches into the left margin, mm (nd30-format §2). */
export const MAX_BAND_OVERHANG = 3.5;
/** Narrowest left column of the header band when the right one widens for the place/date line, mm. */
export const MIN_LEFT_WIDTH = 55;
/** Narrowest right column (the quốc hiệu's), mm. */
export const MIN_RIGHT_WIDTH = 100;
/** Room kept beside the measured quốc hiệu so it never wraps, mm. */
export const NATIONAL_TITLE_SLACK = 3;
/** Left/right cell padding of the layout tables (header band, closing block), mm. */
export const LAYOUT_CELL_PAD = 1;

/** Smallest size the decree allows for the place/date line (13–14 pt). */
export const PLACE_DATE_MIN_SIZE = 13;
/** Step when a line is set smaller to stay on one line, pt. */
export const SIZE_STEP = 0.5;
/** Smallest size the decree allows for the cơ quan chủ quản (12–13 pt). */
export const PARENT_MIN_SIZE = 12;
/** Smallest size the decree allows for the cơ quan ban hành (12–13 pt, bold). */
export const AGENCY_MIN_SIZE = 12;
/** "Số:" line, 13 pt (ô 3). */
export const NUMBER_SIZE = 13;
/** Space above the Số and the place/date lines, pt. */
export const NUMBER_ROW_GAP = 6;

/** Share of the text length used for the agency and trích yếu rules (decree: 1/3 to 1/2). */
export const RULE_SHARE = 0.4;
/** Space between the text and the rule under it, pt. */
export const RULE_GAP_BEFORE = 2;
/** Rule thickness, pt. */
export const RULE_WIDTH = 0.75;
/** A rule is the bottom border of an empty 1 pt paragraph, 1 pt below it. */
export const RULE_MARK_SIZE = 1;
export const RULE_SPACE = 1;

/** Độ khẩn / độ mật: "mực màu đỏ tươi", in a frame of 1 pt sized to the word. */
export const STAMP_RED = 'FF0000';
export const STAMP_FRAME_WIDTH = 1;
export const STAMP_FRAME_SPACE = { top: 1, bottom: 1, left: 4, right: 4 };
/** Space above each stamp, pt. */
export const STAMP_GAP_BEFORE = 8;
/** Slack left on each side of the stamp's word so it never wraps, mm. */
export const STAMP_SLACK = 0.3;

/** Vertical gaps (pt) the decree leaves open; chosen from the official template. */
export const GAPS = {
  beforeKind: 18, // between the header band and "KẾ HOẠCH"
  afterSummaryRule: 12, // after the trích yếu rule, before the body
  beforeClosingBlock: 12, // between the last body paragraph and Nơi nhận | signatory
};

/** "Phụ lục I": bold, 14 pt. */
export const APPENDIX_LABEL_SIZE = 14;
