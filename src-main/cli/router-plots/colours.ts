// Tableau 10: distinct on screen and in print; more themes than this continue on a hue wheel.
const CATEGORICAL = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/** A colour per category (theme, branch), in order. */
export function categoryColours(count: number): string[] {
  return Array.from({ length: count }, (_, i) => (count <= CATEGORICAL.length ? CATEGORICAL[i] : `hsl(${Math.round((360 * i) / count)}, 65%, 50%)`));
}

// Viridis at six stops: perceptually even and readable by colour-blind viewers.
const VIRIDIS: [number, number, number][] = [
  [68, 1, 84],
  [65, 68, 135],
  [42, 120, 142],
  [34, 168, 132],
  [122, 209, 81],
  [253, 231, 37],
];

/** t in [0, 1] on the viridis ramp, as #rrggbb. */
export function viridis(t: number): string {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  const channel = (c: number) => Math.round(VIRIDIS[i][c] + f * (VIRIDIS[i + 1][c] - VIRIDIS[i][c]));
  return `#${[0, 1, 2].map((c) => channel(c).toString(16).padStart(2, '0')).join('')}`;
}
