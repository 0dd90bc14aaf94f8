import { countAdapterParams, modelFileShapes, formatMillions, sd15Shapes, table4, type AdapterParamCount, type ParamSettings } from '../../engine/adapters/params';
import { DEFAULT_TARGETS } from '../../engine/adapters/targets';
import { UsageError, type Command, type OptionValues } from '../command';

const text = (values: OptionValues, name: string): string | undefined => (typeof values[name] === 'string' ? (values[name] as string) : undefined);

function positiveInteger(values: OptionValues, name: string, fallback?: number): number {
  const raw = text(values, name);
  if (raw === undefined) {
    if (fallback === undefined) throw new UsageError(`--${name} is required`);
    return fallback;
  }
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} wants a positive integer, got '${raw}'`);
  return n;
}

function settingsFrom(values: OptionValues): ParamSettings {
  const method = text(values, 'method');
  if (method !== 'lora' && method !== 'styleinject') throw new UsageError(`--method must be lora or styleinject, got '${method ?? ''}'`);
  const settings: ParamSettings = {
    method,
    rank: positiveInteger(values, 'rank'),
    k: positiveInteger(values, 'k', 1),
    dma: values.dma === true,
    sta: values.sta === true,
  };
  if (method === 'lora' && (settings.dma || settings.sta || settings.k !== 1)) throw new UsageError('--k, --dma and --sta are StyleInject switches (use --method styleinject)');
  if (!settings.dma && settings.k !== 1) throw new UsageError(`--k ${settings.k} needs --dma (K parallel down matrices are DMA's)`);
  return settings;
}

const grouped = (n: number) => n.toLocaleString('en-US');

function describe(count: AdapterParamCount): string {
  const s = count.settings;
  const switches = s.method === 'styleinject' ? `, K ${s.dma ? s.k : 1}, DMA ${s.dma ? 'on' : 'off'}, STA ${s.sta ? 'on' : 'off'}` : '';
  return `${s.method} r ${s.rank}${switches}`;
}

function printCount(count: AdapterParamCount, perLayer: boolean): void {
  console.log(`${describe(count)}; targets ${count.targets.join(' ')}`);
  console.log(`${count.layers.length} layers, sum d_in ${grouped(count.sumDIn)}, sum d_out ${grouped(count.sumDOut)}`);
  console.log(`#Param ${formatMillions(count.total)} (${grouped(count.total)})`);
  if (!perLayer) return;
  for (const l of count.layers) {
    const kernel = l.kernelArea > 1 ? ` kernel ${Math.sqrt(l.kernelArea)}x${Math.sqrt(l.kernelArea)}` : '';
    console.log(`  ${l.key}  ${l.kind}${kernel} d_in ${l.dIn} d_out ${l.dOut}: ${grouped(l.total)} (down ${grouped(l.down)}, up ${grouped(l.up)}, router ${grouped(l.router)}, gamma ${grouped(l.gamma)})`);
  }
}

/** `styleinject params`: adapter parameter counts from model shapes alone (spec section 4, Table IV). */
export const paramsCommand: Command = {
  name: 'params',
  summary: "count an adapter's parameters from model shapes (no weights loaded); --table4 prints the paper's Table IV",
  usage: '(--table4 | --method lora|styleinject --rank <r> [--k <K>] [--dma] [--sta] [--targets <pattern> ...]) [--model <file or folder>] [--config <folder or json>] [--per-layer]',
  options: {
    method: { type: 'string' },
    rank: { type: 'string' },
    k: { type: 'string' },
    dma: { type: 'boolean' },
    sta: { type: 'boolean' },
    targets: { type: 'string', multiple: true },
    model: { type: 'string' },
    config: { type: 'string' },
    'per-layer': { type: 'boolean' },
    table4: { type: 'boolean' },
  },
  help: [
    '--method <m>       lora or styleinject',
    '--rank <r>         rank r',
    '--k <K>            parallel down matrices (StyleInject with --dma; default 1)',
    '--dma, --sta       StyleInject switches (router counted even for K = 1 with --dma)',
    `--targets <p>      module patterns or presets, repeatable (default ${DEFAULT_TARGETS.join(' ')}: to_q/to_v of attn1 and attn2)`,
    "--model <path>     count on this checkpoint's shapes (headers only) instead of SD 1.5's architecture",
    '--config <path>    configs for what the checkpoint shapes cannot tell',
    '--per-layer        one line per targeted layer',
    "--table4           every row of the paper's Table IV (#Param, and the exact counts)",
  ],
  async run(values) {
    const model = text(values, 'model');
    const config = text(values, 'config');
    if (config && !model) throw new UsageError('--config applies to --model');
    const table = values.table4 === true;
    if (table && (values.method !== undefined || values.rank !== undefined || values.targets !== undefined)) {
      throw new UsageError('--table4 prints fixed rows: leave out --method, --rank and --targets');
    }
    const settings = table ? undefined : settingsFrom(values);
    const models = model ? await modelFileShapes(model, config) : sd15Shapes();
    const source = model ? `shapes of ${model}` : 'SD 1.5 architecture';
    if (settings) {
      const targets = (values.targets as string[] | undefined) ?? DEFAULT_TARGETS;
      console.log(`(${source})`);
      printCount(countAdapterParams(models, settings, targets), values['per-layer'] === true);
      return 0;
    }
    const rows = table4(models);
    const first = rows[0].count;
    console.log(`Table IV #Param (${source}; ${first.targets.join(' ')}: ${first.layers.length} layers, sum d_in ${grouped(first.sumDIn)}, sum d_out ${grouped(first.sumDOut)})`);
    const width = Math.max(...rows.map((r) => r.label.length));
    for (const { label, count } of rows) console.log(`${label.padEnd(width)}  ${formatMillions(count.total).padStart(7)}  ${grouped(count.total).padStart(12)}`);
    if (values['per-layer'] === true) rows.forEach((r) => printCount(r.count, true));
    return 0;
  },
};
