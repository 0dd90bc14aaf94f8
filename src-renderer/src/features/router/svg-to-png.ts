/** Rasterises an SVG document (at `scale` times its size) to PNG: the PNG export is the SVG export, drawn. */
export async function svgToPng(svg: string, size: { width: number; height: number }, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = size.width * scale;
    canvas.height = size.height * scale;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser cannot draw on a canvas, so the PNG cannot be made: export the SVG instead');
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the PNG could not be encoded: export the SVG instead'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
