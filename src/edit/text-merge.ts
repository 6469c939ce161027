// Writes an edit back into the clerk's file with as little churn as possible.
//
// The yaml library keeps comments and key order when a Document is changed and printed again,
// but it reprints the whole file in its own style (it joins folded lines, re-breaks quoted
// strings, pads flow lists). So the file is not replaced by the new print C: the change from the
// print of the unchanged document B to C is carried over onto the original text O (a three-way
// merge with B as the common ancestor). Lines B shares with O are anchors; a change lands between
// the anchors around it, so only the stretch of O it touches is rewritten in yaml's style.
// The caller checks that the result reads back as the new data and otherwise keeps C.

/** Lines matched by a longest common subsequence: `b[j] === a[match[j]]`, or -1. */
export function matchLines(a: string[], b: string[], maxCells = 16_000_000): Int32Array | undefined {
  const match = new Int32Array(b.length).fill(-1);
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) match[p] = p++;
  let sa = a.length;
  let sb = b.length;
  while (sa > p && sb > p && a[sa - 1] === b[sb - 1]) match[--sb] = --sa;
  const n = sa - p;
  const m = sb - p;
  if (n === 0 || m === 0) return match;
  if (n * m > maxCells) return undefined;
  // Lengths of the LCS of a[i..] and b[j..] for the middle part, row by row.
  const w = m + 1;
  const len = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) len[i * w + j] = a[p + i] === b[p + j] ? len[(i + 1) * w + j + 1] + 1 : Math.max(len[(i + 1) * w + j], len[i * w + j + 1]);
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[p + i] === b[p + j]) {
      match[p + j] = p + i;
      i++;
      j++;
    } else if (len[(i + 1) * w + j] >= len[i * w + j + 1]) i++;
    else j++;
  }
  return match;
}

interface Hunk {
  /** Lines [b0, b1) of B become lines [c0, c1) of C. */
  b0: number;
  b1: number;
  c0: number;
  c1: number;
}

/** The changed stretches from B to C. */
function hunks(b: string[], c: string[]): Hunk[] | undefined {
  const m = matchLines(b, c);
  if (!m) return undefined;
  const out: Hunk[] = [];
  let bi = 0;
  let ci = 0;
  const push = (b1: number, c1: number) => {
    if (b1 > bi || c1 > ci) out.push({ b0: bi, b1, c0: ci, c1 });
  };
  for (let j = 0; j < c.length; j++) {
    const k = m[j];
    if (k < 0) continue;
    push(k, j);
    bi = k + 1;
    ci = j + 1;
  }
  push(b.length, c.length);
  return out;
}

/**
 * Where in O a hunk goes when its lines are in O as they are (or it is an insertion next to
 * such a line): [o0, o1, 0, 0]; undefined otherwise.
 */
function direct(h: Hunk, anc: Int32Array, nb: number): [number, number, number, number] | undefined {
  if (h.b0 === h.b1) {
    if (h.b0 > 0 && anc[h.b0 - 1] >= 0) return [anc[h.b0 - 1] + 1, anc[h.b0 - 1] + 1, 0, 0];
    if (h.b0 < nb && anc[h.b0] >= 0) return [anc[h.b0], anc[h.b0], 0, 0];
    if (h.b0 === 0) return [0, 0, 0, 0];
    return undefined;
  }
  for (let k = h.b0; k < h.b1; k++) if (anc[k] < 0 || (k > h.b0 && anc[k] !== anc[k - 1] + 1)) return undefined;
  return [anc[h.b0], anc[h.b1 - 1] + 1, 0, 0];
}

/**
 * Where in O a hunk goes when it touches lines O writes differently: it is widened to the B lines
 * around it that O does not have as they are, and replaces the stretch of O between the anchors
 * around that. Returns [o0, o1, lines added before, lines added after] (C lines equal to B's).
 */
function widened(h: Hunk, anc: Int32Array, nb: number, no: number): [number, number, number, number] {
  let b0 = h.b0;
  let b1 = h.b1;
  while (b0 > 0 && anc[b0 - 1] < 0) b0--;
  while (b1 < nb && anc[b1] < 0) b1++;
  const o0 = b0 > 0 ? anc[b0 - 1] + 1 : 0;
  const o1 = b1 < nb ? anc[b1] : no;
  return [o0, o1, h.b0 - b0, b1 - h.b1];
}

/**
 * The text O with the change B → C applied, or undefined when the files are too large to
 * compare. Lines end with "\n"; the last line's ending follows C.
 */
export function carryChange(o: string, b: string, c: string): string | undefined {
  if (b === c) return o;
  if (o === b) return c;
  const O = o.split('\n');
  const B = b.split('\n');
  const C = c.split('\n');
  const anc = matchLines(O, B);
  const hs = hunks(B, C);
  if (!anc || !hs) return undefined;
  // Each hunk's stretch of O and of C; stretches that overlap in O become one.
  const spans: [o0: number, o1: number, c0: number, c1: number][] = [];
  for (const h of hs) {
    const [o0, o1, before, after] = direct(h, anc, B.length) ?? widened(h, anc, B.length, O.length);
    const span: [number, number, number, number] = [o0, o1, h.c0 - before, h.c1 + after];
    const last = spans.at(-1);
    if (last && o0 < last[1]) {
      last[1] = Math.max(last[1], o1);
      last[3] = Math.max(last[3], span[3]);
    } else spans.push(span);
  }
  const out: string[] = [];
  let oi = 0;
  let ci = 0;
  for (const [o0, o1, c0, c1] of spans) {
    if (o0 < oi || o1 < o0 || c0 < ci) return undefined;
    out.push(...O.slice(oi, o0), ...C.slice(c0, c1));
    oi = o1;
    ci = c1;
  }
  out.push(...O.slice(oi));
  return out.join('\n');
}
