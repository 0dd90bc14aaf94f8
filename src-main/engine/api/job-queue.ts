import { EngineError } from '../errors';

interface Waiting {
  start: () => void;
  onPosition: (position: number) => void;
}

/**
 * Runs jobs one at a time in arrival order: TensorFlow.js kernels are synchronous, and two
 * models' worth of SD 1.5 do not fit beside each other. A waiting job is told its place each
 * time it changes, and leaves the queue when its signal aborts.
 */
export class JobQueue {
  private running = false;
  private readonly waiting: Waiting[] = [];

  /** Jobs running or waiting. */
  get size(): number {
    return this.waiting.length + (this.running ? 1 : 0);
  }

  async run<T>(work: () => Promise<T>, options: { signal?: AbortSignal; onPosition?: (position: number) => void } = {}): Promise<T> {
    await this.turn(options.signal, options.onPosition ?? (() => undefined));
    try {
      return await work();
    } finally {
      this.running = false;
      this.next();
    }
  }

  private turn(signal: AbortSignal | undefined, onPosition: (position: number) => void): Promise<void> {
    if (signal?.aborted) return Promise.reject(new EngineError('cancelled', 'cancelled before it started'));
    if (!this.running && this.waiting.length === 0) {
      this.running = true;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const entry: Waiting = {
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        onPosition,
      };
      const onAbort = () => {
        this.waiting.splice(this.waiting.indexOf(entry), 1);
        this.announce();
        reject(new EngineError('cancelled', 'cancelled while waiting in the queue'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(entry);
      onPosition(this.waiting.length);
    });
  }

  private next(): void {
    const entry = this.waiting.shift();
    if (!entry) return;
    this.running = true;
    entry.start();
    this.announce();
  }

  /** Tells every waiting job its new place (1 = next to run). */
  private announce(): void {
    this.waiting.forEach((w, i) => w.onPosition(i + 1));
  }
}
