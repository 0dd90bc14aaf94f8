/**
 * Runs a job with Ctrl-C wired to its AbortSignal: the first Ctrl-C asks the job to stop at its
 * next step (training writes a checkpoint first), a second one quits at once.
 */
export async function withInterrupt<T>(what: string, job: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onInterrupt = () => {
    if (controller.signal.aborted) process.exit(130);
    console.error(`\n${what}; press Ctrl-C again to quit at once`);
    controller.abort();
  };
  process.on('SIGINT', onInterrupt);
  try {
    return await job(controller.signal);
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}
