import type { SafetensorsHeaderInfo } from './read-header';
import type { PredictionType } from './detection';

/**
 * What a single file says about its prediction type, if anything: the modelspec metadata
 * (`modelspec.prediction_type`), kohya's training metadata (`ss_v_parameterization`), or the
 * `v_pred` marker tensor ComfyUI writes. Files that say nothing are epsilon models.
 */
export function declaredPrediction(header: SafetensorsHeaderInfo): { prediction: PredictionType; source: string } {
  const spec = header.metadata['modelspec.prediction_type']?.toLowerCase();
  if (spec === 'v' || spec === 'v_prediction') return { prediction: 'v_prediction', source: `metadata modelspec.prediction_type = ${spec}` };
  if (header.metadata.ss_v_parameterization?.toLowerCase() === 'true') return { prediction: 'v_prediction', source: 'metadata ss_v_parameterization = True' };
  if (header.keys.includes('v_pred')) return { prediction: 'v_prediction', source: "a 'v_pred' marker tensor" };
  return { prediction: 'epsilon', source: 'the file declares no prediction type' };
}
