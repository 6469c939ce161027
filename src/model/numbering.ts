// Numbering conventions of Vietnamese administrative documents.

export function romanNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 3999) throw new RangeError(`roman numeral out of range: ${n}`);
  const table: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  for (const [v, s] of table)
    while (n >= v) {
      out += s;
      n -= v;
    }
  return out;
}

/** Letters used for points in legal texts: a, b, c, d, đ, e, g, … (no ă, â, ê, ô, ơ, ư, f, j, w, z). */
export const POINT_LETTERS = ['a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'x', 'y'];

export function alphaMarker(n: number): string {
  const k = POINT_LETTERS.length;
  let s = POINT_LETTERS[(n - 1) % k];
  if (n > k) s = POINT_LETTERS[Math.floor((n - 1) / k) - 1] + s;
  return s + ')';
}
