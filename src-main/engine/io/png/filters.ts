/**
 * PNG scanline filtering (filter method 0). Each row is written with the filter type that gives
 * the smallest sum of |signed residual| (libpng's heuristic), which makes photos and smooth
 * generated images deflate far better than unfiltered rows.
 */

const NONE = 0;
const SUB = 1;
const UP = 2;
const AVERAGE = 3;
const PAETH = 4;

function paethPredictor(left: number, above: number, upperLeft: number): number {
  const p = left + above - upperLeft;
  const pa = Math.abs(p - left);
  const pb = Math.abs(p - above);
  const pc = Math.abs(p - upperLeft);
  if (pa <= pb && pa <= pc) return left;
  return pb <= pc ? above : upperLeft;
}

/** Residuals of one row under one filter type, into `out` (row length). */
function filterRow(type: number, row: Uint8Array, prior: Uint8Array, bpp: number, out: Uint8Array): void {
  for (let i = 0; i < row.length; i++) {
    const left = i >= bpp ? row[i - bpp] : 0;
    const above = prior[i];
    const upperLeft = i >= bpp ? prior[i - bpp] : 0;
    let predicted = 0;
    if (type === SUB) predicted = left;
    else if (type === UP) predicted = above;
    else if (type === AVERAGE) predicted = (left + above) >> 1;
    else if (type === PAETH) predicted = paethPredictor(left, above, upperLeft);
    out[i] = (row[i] - predicted) & 0xff;
  }
}

/** Sum of residuals read as signed bytes: small means the row compresses well. */
function cost(residuals: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < residuals.length; i++) sum += residuals[i] < 128 ? residuals[i] : 256 - residuals[i];
  return sum;
}

/**
 * pixels: height rows of `rowBytes` bytes each, bpp bytes per pixel -> the IDAT payload before
 * deflate: each row prefixed by its filter type byte.
 */
export function filterScanlines(pixels: Uint8Array, height: number, rowBytes: number, bpp: number): Uint8Array {
  const out = new Uint8Array(height * (rowBytes + 1));
  const candidate = new Uint8Array(rowBytes);
  const best = new Uint8Array(rowBytes);
  let prior: Uint8Array = new Uint8Array(rowBytes); // the row above the first is all zeros
  for (let y = 0; y < height; y++) {
    const row = pixels.subarray(y * rowBytes, (y + 1) * rowBytes);
    let bestType = NONE;
    let bestCost = Infinity;
    for (const type of [NONE, SUB, UP, AVERAGE, PAETH]) {
      filterRow(type, row, prior, bpp, candidate);
      const c = cost(candidate);
      if (c < bestCost) {
        bestCost = c;
        bestType = type;
        best.set(candidate);
      }
    }
    out[y * (rowBytes + 1)] = bestType;
    out.set(best, y * (rowBytes + 1) + 1);
    prior = row;
  }
  return out;
}
