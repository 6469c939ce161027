// The decree's numbers for the closing block: nơi nhận beside the signatory (Phụ lục I, ô 9).

export const RECIPIENT_LABEL_SIZE = 12;
export const RECIPIENT_ITEM_SIZE = 11;
/** Width of the Nơi nhận column (decree: ~53 mm), mm. */
export const RECIPIENTS_WIDTH = 55;
