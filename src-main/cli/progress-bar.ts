/**
 * A one-line progress bar on stderr ("[#####.....] 5/20  1.2 s/it  ETA 18 s"), redrawn in place on a TTY;
 * `detail` (e.g. "loss 0.123  lr 1e-4") goes after the ETA.
 */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const width = 30;
  return (done: number, total: number, etaMs: number, elapsedMs: number, detail?: string): void => {
    const filled = Math.round((done / total) * width);
    const perStep = done > 0 ? elapsedMs / done / 1000 : 0;
    const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}  ${perStep.toFixed(2)} s/it  ETA ${(etaMs / 1000).toFixed(1)} s${detail ? `  ${detail}` : ''}`;
    if (stream.isTTY) stream.write(`\r${line}${done === total ? '\n' : ''}`);
    else if (done === total || done === 1 || done % Math.max(1, Math.round(total / 10)) === 0) stream.write(`${line}\n`);
  };
}
