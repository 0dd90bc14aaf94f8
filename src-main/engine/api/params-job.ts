import { countAdapterParams, modelFileShapes, sd15Shapes, table4, type AdapterParamCount } from '../adapters/params';
import { adapterSettings } from '../adapters/settings';
import { DEFAULT_TARGETS } from '../adapters/targets';
import { badInput } from '../errors';
import type { ParamCountRequest, ParamCountResult, ParamCountRow } from './types';

/** Adapter parameter counts from model shapes alone (spec section 4); no weights are read. */
export async function countParametersJob(request: ParamCountRequest): Promise<ParamCountResult> {
  if (request.table4 && (request.adapter || request.targets)) throw badInput("Table IV's rows are fixed: leave out the adapter settings and targets");
  const models = request.model ? await modelFileShapes(request.model.path, request.model.config) : sd15Shapes();
  const source = request.model ? `shapes of ${request.model.path}` : 'SD 1.5 architecture';
  const counted = request.table4
    ? table4(models)
    : [{ label: 'adapter', count: countAdapterParams(models, adapterSettings(request.adapter), request.targets ?? DEFAULT_TARGETS) }];
  return { source, rows: counted.map(({ label, count }) => row(label, count, request.perLayer === true)) };
}

function row(label: string, count: AdapterParamCount, perLayer: boolean): ParamCountRow {
  const { method, rank, k, dma, sta } = count.settings;
  return {
    label,
    method,
    rank,
    k: dma ? k : 1,
    dma,
    sta,
    targets: [...count.targets],
    layerCount: count.layers.length,
    sumDIn: count.sumDIn,
    sumDOut: count.sumDOut,
    total: count.total,
    ...(perLayer && { layers: count.layers.map((l) => ({ ...l, key: l.key })) }),
  };
}
