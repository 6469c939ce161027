// Content tables: thin single borders and Word's default cell margins.

/** Left/right cell margin, mm (Word's 0.19 cm). */
export const TABLE_CELL_PAD = 1.9;
/** Top/bottom cell margin, pt. */
export const TABLE_CELL_PAD_TB = 2;
/** Border line width, pt (Word's ½ pt). */
export const TABLE_BORDER = 0.5;
