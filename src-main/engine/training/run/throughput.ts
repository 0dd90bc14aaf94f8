/** Steps per second over the last few steps of this process, and the time left at that pace. */
export class Throughput {
  private readonly times: number[] = [];

  constructor(private readonly window = 20) {}

  /** Call after each completed step. */
  mark(now = performance.now()): void {
    this.times.push(now);
    if (this.times.length > this.window + 1) this.times.shift();
  }

  get stepsPerSecond(): number {
    if (this.times.length < 2) return 0;
    const seconds = (this.times[this.times.length - 1] - this.times[0]) / 1000;
    return seconds > 0 ? (this.times.length - 1) / seconds : 0;
  }

  etaMs(stepsLeft: number): number {
    const rate = this.stepsPerSecond;
    return rate > 0 ? (stepsLeft / rate) * 1000 : 0;
  }
}
