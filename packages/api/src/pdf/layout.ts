/**
 * Small layout helpers for the PDFs (issue 13): chart scales that fit their data and labels placed where no
 * other label is.
 */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const MANTISSAS = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/** The smallest round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × a power of ten) at or above x. */
export function niceCeil(x: number): number {
  if (!(x > 0)) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(x)));
  return MANTISSAS.find((m) => m * p >= x * (1 - 1e-12))! * p;
}

/**
 * About `count` round ticks (a step of 1, 2 or 5 × a power of ten, at least `minStep`) from at or below `low`
 * to at or above `high`: an axis scaled to the data, not from zero.
 */
export function niceTicks(low: number, high: number, count: number, minStep = 0): number[] {
  if (!(high - low > 1e-9 * Math.max(1, Math.abs(high)))) {
    // A flat series: a band around it, not below zero when it is not negative (no "-1%" on an axis).
    const pad = Math.abs(high) * 0.1 || 1;
    [low, high] = [low >= 0 ? Math.max(0, low - pad) : low - pad, high + pad];
  }
  const raw = (high - low) / Math.max(1, count);
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = Math.max(minStep, [1, 2, 2.5, 5, 10].find((m) => m * p >= raw)! * p);
  const first = Math.floor(low / step) * step;
  const ticks: number[] = [];
  for (let t = first; t < high + step - step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

const intersects = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const inside = (a: Box, area: Box) => a.x >= area.x && a.y >= area.y && a.x + a.w <= area.x + area.w && a.y + a.h <= area.y + area.h;

/**
 * Places labels beside points without covering another label: tries right of the point, then left, above and
 * below, then further up and down; returns where to write (top left) or null when there is no room (the
 * table beside the chart still names the point). Boxes already taken (tick labels) are passed in.
 */
export function labelPlacer(taken: Box[], area: Box) {
  const boxes = [...taken];
  return (px: number, py: number, w: number, h: number): { x: number; y: number } | null => {
    const candidates: { x: number; y: number }[] = [];
    for (const dy of [0, -h, h, -2 * h, 2 * h, -3 * h, 3 * h, -4 * h, 4 * h]) {
      candidates.push({ x: px + 5, y: py - h / 2 + dy }, { x: px - 5 - w, y: py - h / 2 + dy });
      if (dy === 0) candidates.push({ x: px - w / 2, y: py - h - 4 }, { x: px - w / 2, y: py + 4 });
    }
    for (const c of candidates) {
      const box = { x: c.x, y: c.y, w, h };
      if (inside(box, area) && !boxes.some((b) => intersects(b, box))) {
        boxes.push(box);
        return c;
      }
    }
    return null;
  };
}
