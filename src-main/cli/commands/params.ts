import { DEFAULT_TARGETS, formatMillions, type AdapterSettingsInput, type ParamCountRow } from '../../engine';
import { UsageError, type Command, type OptionValues } from '../command';
import { engineFromFlags } from '../engine-options';

const text = (values: OptionValues, name: string): string | undefined => (typeof values[name] === 'string' ? (values[name] as string) : undefined);

function positiveInteger(values: OptionValues, name: string): number | undefined {
  const raw = text(values, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} wants a positive integer, got '${raw}'`);
  return n;
}

function settingsFrom(values: OptionValues): AdapterSettingsInput {
  const method = text(values, 'method');
  if (method !== 'lora' && method !== 'styleinject') throw new UsageError(`--method must be lora or styleinject, got '${method ?? ''}'`);
  const rank = positiveInteger(values, 'rank');
  if (rank === undefined) throw new UsageError('--rank is required');
  const k = positiveInteger(values, 'k') ?? 1;
  const dma = values.dma === true;
  const sta = values.sta === true;
  if (method === 'lora' && (dma || sta || k !== 1)) throw new UsageError('--k, --dma and --sta are StyleInject switches (use --method styleinject)');
  if (!dma && k !== 1) throw new UsageError(`--k ${k} needs --dma (K parallel down matrices are DMA's)`);
  return { method, rank, k, dma, sta };
}

const grouped = (n: number) => n.toLocaleString('en-US');

function describe(row: ParamCountRow): string {
  const switches = row.method === 'styleinject' ? `, K ${row.k}, DMA ${row.dma ? 'on' : 'off'}, STA ${row.sta ? 'on' : 'off'}` : '';
  return `${row.method} r ${row.rank}${switches}`;
}

function printRow(row: ParamCountRow): void {
  console.log(`${describe(row)}; targets ${row.targets.join(' ')}`);
  console.log(`${row.layerCount} layers, sum d_in ${grouped(row.sumDIn)}, sum d_out ${grouped(row.sumDOut)}`);
  console.log(`#Param ${formatMillions(row.total)} (${grouped(row.total)})`);
  for (const l of row.layers ?? []) {
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
    const perLayer = values['per-layer'] === true;
    const engine = engineFromFlags({});
    const result = await engine.countParameters({
      ...(table ? { table4: true } : { adapter: settingsFrom(values), targets: values.targets as string[] | undefined }),
      ...(model && { model: { path: model, config } }),
      perLayer,
    });
    if (!table) {
      console.log(`(${result.source})`);
      printRow(result.rows[0]);
      return 0;
    }
    const first = result.rows[0];
    console.log(`Table IV #Param (${result.source}; ${first.targets.join(' ')}: ${first.layerCount} layers, sum d_in ${grouped(first.sumDIn)}, sum d_out ${grouped(first.sumDOut)})`);
    const width = Math.max(...result.rows.map((r) => r.label.length));
    for (const row of result.rows) console.log(`${row.label.padEnd(width)}  ${formatMillions(row.total).padStart(7)}  ${grouped(row.total).padStart(12)}`);
    if (perLayer) result.rows.forEach(printRow);
    return 0;
  },
};
