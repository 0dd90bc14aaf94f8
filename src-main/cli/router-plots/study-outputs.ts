import { access, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import type { EmbedRoutesResult, RouterStudyResult } from '../../engine';
import { UsageError } from '../command';
import { heatmapsSvg } from './heatmap-svg';
import { scatterSvg } from './scatter-svg';
import { usageSvg } from './usage-svg';

const PLOTS = ['scatter', 'heatmaps', 'branch-usage'] as const;

/** Every file a study writes into its output folder besides images/ (study.json when it ran one). */
export function studyOutputNames(withStudy: boolean): string[] {
  return [...(withStudy ? ['study.json'] : []), 'embedding.json', 'embedding.csv', ...PLOTS.flatMap((p) => [`${p}.svg`, `${p}.png`])];
}

/** Before any work: files in the way are refused unless overwriting was asked for. */
export async function checkOutputsFree(out: string, withStudy: boolean, overwrite: boolean): Promise<void> {
  if (overwrite) return;
  for (const name of studyOutputNames(withStudy)) {
    const exists = await access(join(out, name)).then(
      () => true,
      () => false,
    );
    if (exists) throw new UsageError(`${join(out, name)} exists: choose another --out folder, or pass --overwrite to replace it`);
  }
}

/**
 * The embedding (JSON, and CSV with one row per point: where it lies, which image and step, its
 * prompt and theme) and the three plots as SVG and as PNG rasterised from the same SVG.
 */
export async function writeStudyOutputs(out: string, study: RouterStudyResult, embedding: EmbedRoutesResult): Promise<string[]> {
  const written: string[] = [];
  const write = async (name: string, data: string | Buffer) => {
    await writeFile(join(out, name), data);
    written.push(join(out, name));
  };
  await write('embedding.json', JSON.stringify(embedding));
  await write('embedding.csv', embeddingCsv(study, embedding));

  const method = embedding.method === 'tsne' ? 't-SNE' : embedding.method.toUpperCase();
  const separation = embedding.themeSeparation ? `; theme separation ${embedding.themeSeparation.purity.toFixed(2)} (chance ${embedding.themeSeparation.chance.toFixed(2)})` : '';
  const layers = embedding.layers ?? study.layers;
  const svgs: Record<(typeof PLOTS)[number], string> = {
    scatter: scatterSvg({
      points: embedding.points,
      labels: (embedding.sources ?? []).map((s) => study.images[s.image].theme),
      title: `${study.adapter.name}: router routes by ${method}, coloured by theme`,
      subtitle: `${embedding.points.length} points (image x step), ${layers.length} of ${study.layers.length} routed layers x K = ${study.k}, ${study.pass} pass${separation}`,
    }),
    heatmaps: heatmapsSvg({ layers: study.layers, meanByStep: study.summary.meanByStep, title: `${study.adapter.name}: mean route probability per branch over the ${study.steps} steps` }),
    'branch-usage': usageSvg({ layers: study.layers, usage: study.summary.usage, title: `${study.adapter.name}: branch usage per layer` }),
  };
  for (const name of PLOTS) {
    await write(`${name}.svg`, svgs[name]);
    await write(`${name}.png`, await sharp(Buffer.from(svgs[name])).png().toBuffer());
  }
  return written;
}

const csvField = (value: string | number) => (typeof value === 'number' ? String(value) : /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

function embeddingCsv(study: RouterStudyResult, embedding: EmbedRoutesResult): string {
  const header = 'x,y,image,step,timestep,theme,prompt,seed,path';
  const rows = embedding.points.map(([x, y], i) => {
    const source = embedding.sources?.[i] ?? { image: -1, step: -1 };
    const image = study.images[source.image];
    return [x, y, source.image, source.step, study.timesteps[source.step] ?? '', image?.theme ?? '', image?.prompt ?? '', image?.seed ?? '', image?.path ?? ''].map(csvField).join(',');
  });
  return [header, ...rows].join('\n') + '\n';
}
