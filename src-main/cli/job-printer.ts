import type { EngineEvent, JobPhase } from '../engine';
import { progressBar } from './progress-bar';

const LABELS: Record<JobPhase, string> = { load: 'loading', prepare: 'preparing', denoise: 'sampling', decode: 'decoding', train: 'training', save: 'saving', embed: 'embedding' };

/**
 * Shows an engine job's events on stderr: a progress bar per phase (the training bar also shows
 * loss and learning rate), one line for logs, queue places, samples and checkpoints.
 */
export function jobPrinter(): (event: EngineEvent) => void {
  const bars = new Map<JobPhase, ReturnType<typeof progressBar>>();
  let detail: string | undefined;
  return (event) => {
    switch (event.type) {
      case 'queued':
        console.error(`waiting: ${event.position} job${event.position === 1 ? '' : 's'} ahead`);
        break;
      case 'progress': {
        if (event.total === 0) {
          if (event.message) console.error(event.message);
          break;
        }
        if (event.phase === 'load' || event.phase === 'prepare') {
          if (event.step === event.total && event.message) console.error(`${event.message} (${event.total})`);
          else if (event.step === 0 && event.message) console.error(event.message);
          break;
        }
        let bar = bars.get(event.phase);
        if (!bar) bars.set(event.phase, (bar = progressBar(LABELS[event.phase])));
        bar(event.step, event.total, event.etaMs ?? 0, event.elapsedMs ?? 0, event.phase === 'train' ? detail : undefined);
        break;
      }
      case 'metrics':
        detail = `loss ${event.loss.toFixed(4)}  lr ${event.lr.toPrecision(3)}`;
        break;
      case 'sample':
        console.error(`samples for step ${event.step}: ${event.paths.join(', ')}`);
        break;
      case 'checkpoint':
        console.error(`checkpoint ${event.name} (step ${event.step}); adapter ${event.adapterPath}`);
        break;
      case 'log':
        console.error(event.message);
        break;
      case 'preview':
      case 'result':
      case 'error':
        break;
    }
  };
}
