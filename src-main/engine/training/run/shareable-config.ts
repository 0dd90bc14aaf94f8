import { basename, isAbsolute, relative, sep } from 'node:path';
import type { TrainingConfig } from './config';

/**
 * The run config as adapter files carry it (`training_config`). Artists share adapters
 * publicly, so no local path goes in: a path inside the run's output folder is kept relative
 * to it, any other is reduced to its last name (the model file, the dataset folder), and the
 * output folder itself is left out. What remains says how the adapter was trained.
 */
export function shareableConfig(config: TrainingConfig): Omit<TrainingConfig, 'output'> {
  const share = (path: string): string => {
    const inside = relative(config.output, path);
    return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside.split(sep).join('/') : basename(path);
  };
  const optional = (path: string | undefined) => (path === undefined ? undefined : share(path));
  const { output: _output, model, dataset, dreambooth, distill, ...rest } = config;
  return {
    ...rest,
    model: { path: share(model.path), config: optional(model.config), tokenizer: optional(model.tokenizer), vae: optional(model.vae) },
    dataset: 'folder' in dataset ? { folder: share(dataset.folder) } : { items: dataset.items.map((item) => ({ ...item, image: share(item.image) })) },
    ...(dreambooth && { dreambooth: { ...dreambooth, classFolder: dreambooth.classFolder && share(dreambooth.classFolder) } }),
    ...(distill && {
      distill: {
        ...distill,
        teacher: share(distill.teacher),
        teacherConfig: optional(distill.teacherConfig),
        teacherTokenizer: optional(distill.teacherTokenizer),
        pairedPrompts: optional(distill.pairedPrompts),
      },
    }),
  };
}
