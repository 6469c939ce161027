// Vietnamese number words ("hai mươi mốt", "một trăm linh năm"), e.g. for amounts in words.

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
const SCALES = ['', ' nghìn', ' triệu', ' tỷ', ' nghìn tỷ'];

/** Words for 0–999; `full` forces "không trăm"/"linh" when a higher group precedes. */
function group(n: number, full: boolean): string {
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  const parts: string[] = [];
  if (h > 0 || full) parts.push(`${DIGITS[h]} trăm`);
  if (t > 1) {
    parts.push(`${DIGITS[t]} mươi`);
    if (u === 1) parts.push('mốt');
    else if (u === 4) parts.push('tư');
    else if (u === 5) parts.push('lăm');
    else if (u > 0) parts.push(DIGITS[u]);
  } else if (t === 1) {
    parts.push('mười');
    if (u === 5) parts.push('lăm');
    else if (u > 0) parts.push(DIGITS[u]);
  } else if (u > 0) {
    if (h > 0 || full) parts.push('linh');
    parts.push(DIGITS[u]);
  }
  return parts.join(' ');
}

/** Largest magnitude with words: "nghìn tỷ" is the last scale. */
export const MAX_NUMBER_WORDS = 1e15 - 1;

export function numberWords(n: number): string {
  if (!Number.isFinite(n) || !Number.isInteger(n)) throw new RangeError(`not an integer: ${n}`);
  if (n < 0) return `âm ${numberWords(-n)}`;
  if (n === 0) return 'không';
  if (n > MAX_NUMBER_WORDS) throw new RangeError(`number too large for words: ${n}`);
  const groups: number[] = [];
  for (let x = n; x > 0; x = Math.floor(x / 1000)) groups.push(x % 1000);
  const words: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i];
    if (g === 0) continue;
    words.push(group(g, i < groups.length - 1) + SCALES[i]);
  }
  return words.join(' ');
}
