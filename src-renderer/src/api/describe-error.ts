import type { StudioErrorCode } from '../../../src-main/contract';
import { StudioCallError } from './studio-client';

export interface ErrorDescription {
  code: StudioErrorCode | 'offline';
  title: string;
  /** The service's own sentence: what is wrong. */
  message: string;
  /** What the artist can do about it. */
  next: string;
}

const ADVICE: Record<ErrorDescription['code'], { title: string; next: string }> = {
  'bad-input': { title: 'Check the input', next: 'Correct the setting or path named above and try again.' },
  'not-found': { title: 'Not found', next: 'Check the path (or that the item still exists) and try again.' },
  unsupported: { title: 'Not supported', next: 'Use a file or setting this studio handles (SD 1.5 checkpoints, LoRA and StyleInject adapters).' },
  'out-of-memory': { title: 'Out of memory', next: 'Try a smaller image size or batch, fewer adapters, or close other programs.' },
  'disk-full': { title: 'Disk full', next: 'Free some disk space and try again; nothing already saved was lost.' },
  cancelled: { title: 'Cancelled', next: 'Stopped as you asked. Start it again whenever you like.' },
  'engine-stopped': { title: 'The engine stopped', next: 'It starts again with the next job: try again. If it keeps stopping, the machine may be short of memory.' },
  conflict: { title: 'Busy or already there', next: 'Wait for the other work to finish, or choose another name.' },
  internal: { title: 'Something went wrong', next: 'Try again. If it happens again, report it with this message.' },
  offline: { title: 'The studio is not reachable', next: 'Check that the studio (npm start) is still running, then reload this page.' },
};

/** Any failure as a title, the service's sentence and what to do next: never a stack trace. */
export function describeError(error: unknown): ErrorDescription {
  const code: ErrorDescription['code'] =
    error instanceof StudioCallError ? error.code : isCoded(error) ? error.code : error instanceof TypeError ? 'offline' : 'internal';
  const message = error instanceof Error || isCoded(error) ? error.message : String(error);
  return { code, message, ...(ADVICE[code] ?? ADVICE.internal) };
}

function isCoded(error: unknown): error is { code: StudioErrorCode; message: string } {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' && typeof (error as { message?: unknown }).message === 'string';
}
