/** The few SVG pieces the router plots are drawn with; sharp rasterises the same text to PNG. */

export const FONT = 'DejaVu Sans, Helvetica, Arial, sans-serif';

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

/** Coordinates with two decimals: small files, no visible rounding. */
export const num = (v: number) => String(Math.round(v * 100) / 100);

export function svgDocument(width: number, height: number, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...body,
    '</svg>',
  ].join('\n');
}

export function text(x: number, y: number, content: string, options: { size?: number; anchor?: 'start' | 'middle' | 'end'; weight?: 'bold'; fill?: string } = {}): string {
  const { size = 12, anchor = 'start', weight, fill = '#222222' } = options;
  return `<text x="${num(x)}" y="${num(y)}" font-size="${size}" text-anchor="${anchor}" fill="${fill}"${weight ? ` font-weight="${weight}"` : ''}>${escapeXml(content)}</text>`;
}

export function rect(x: number, y: number, width: number, height: number, fill: string, extra = ''): string {
  return `<rect x="${num(x)}" y="${num(y)}" width="${num(width)}" height="${num(height)}" fill="${fill}"${extra ? ` ${extra}` : ''}/>`;
}
