// Test data: the Vietnamese alphabet with every tone mark.

/** The 134 precomposed Vietnamese letters: 12 vowels × 5 tones, both cases, plus the bare ones and đ. */
export function vietnameseLetters(): string[] {
  const vowels = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
  const tones = ['\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
  const lower = [...vowels.flatMap((v) => tones.map((t) => (v + t).normalize('NFC'))), 'ă', 'â', 'ê', 'ô', 'ơ', 'ư', 'đ'];
  return [...lower, ...lower.map((c) => c.toUpperCase())];
}
