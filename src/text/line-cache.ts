// Laid-out lines kept by what decides them: the spans (text, face, size, decoration), the
// indents, alignment and spacing, and the box width. Line breaking is the largest part of layout
// (~1 ms of a 3-page plan); in a batch nearly every paragraph comes back unchanged from row to row,
// and so does a live preview's between two keystrokes. Lines are never changed once laid out
// (the paginator and the writers only read them), so one result can serve every caller.
import type { FaceMetrics } from '../fonts/metrics.js';
import { Lru } from '../util/lru.js';
import { type Line, layoutLines, type TextBox } from './linebreak.js';

/** Paragraphs held: a long plan's (~600) and more; those unused for a while are forgotten. */
const cache = new Lru<string, Line[]>(2000);
const faceIds = new WeakMap<FaceMetrics, number>();
let nextFaceId = 0;

/** A number per face object: faces of another font set are other objects, so never confused. */
function faceId(face: FaceMetrics): number {
  let id = faceIds.get(face);
  if (id === undefined) {
    id = nextFaceId++;
    faceIds.set(face, id);
  }
  return id;
}

function keyOf(spec: TextBox, boxWidth: number): string {
  let key = `${boxWidth}|${spec.align}|${spec.left}|${spec.right}|${spec.firstLine}|${spec.lineSpacing}|${faceId(spec.markFace)}|${spec.markSize}`;
  // The text's length ahead of it: no text can pass for a span boundary.
  for (const s of spec.spans)
    key += `|${faceId(s.face)},${s.size},${s.underline ? 1 : 0},${s.color ?? ''},${s.rise ?? ''},${s.note ?? ''},${s.text.length}:${s.text}`;
  return key;
}

/** `layoutLines`, remembered. The result is shared: callers must not change it. */
export function layoutLinesCached(spec: TextBox, boxWidth: number): Line[] {
  return cache.remember(keyOf(spec, boxWidth), () => layoutLines(spec, boxWidth));
}

/** Empties the cache (benchmarks measure a plan's first layout with it). */
export function clearLineCache(): void {
  cache.clear();
}
