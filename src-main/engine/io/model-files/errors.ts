/** A checkpoint that cannot be used at all: unknown layout, pickle file, missing component. */
export class ModelFileError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ModelFileError';
  }
}

/** Weights the engine could use, were it told what their shapes cannot show (e.g. head counts): a config is needed. */
export class ModelConfigNeededError extends ModelFileError {
  constructor(message: string) {
    super(message);
    this.name = 'ModelConfigNeededError';
  }
}

/** Everything that keeps one component's weights from fitting its model, found before loading. */
export interface KeyProblems {
  /** Model parameters (diffusers names) that the checkpoint does not provide. */
  missing: string[];
  /** Checkpoint keys (as stored) that no model parameter takes. */
  unexpected: string[];
  /** `key: checkpoint [..] vs model [..]` for tensors present on both sides with other shapes. */
  misShaped: string[];
}

// Enough names to see the pattern (a wrong prefix, a wrong model size) without flooding a terminal.
const SHOWN_PER_LIST = 5;

/**
 * The one error a component's key check raises: every missing, unexpected and mis-shaped key
 * is counted and the first few of each are named.
 */
export class ModelFileKeysError extends ModelFileError {
  constructor(
    readonly component: string,
    readonly file: string,
    readonly problems: KeyProblems,
  ) {
    super(describeProblems(component, file, problems));
    this.name = 'ModelFileKeysError';
  }
}

function describeProblems(component: string, file: string, p: KeyProblems): string {
  const counts = `${p.missing.length} missing, ${p.unexpected.length} unexpected, ${p.misShaped.length} mis-shaped`;
  const lines = [`${file}: the ${component} weights do not fit the ${component} model (${counts}); nothing was loaded.`];
  const list = (title: string, items: string[]) => {
    if (items.length === 0) return;
    const more = items.length > SHOWN_PER_LIST ? ` ... and ${items.length - SHOWN_PER_LIST} more` : '';
    lines.push(`  ${title} (${items.length}): ${items.slice(0, SHOWN_PER_LIST).join(', ')}${more}`);
  };
  list('missing', p.missing);
  list('unexpected', p.unexpected);
  list('mis-shaped', p.misShaped);
  if (p.missing.length + p.misShaped.length > 0) {
    lines.push('  (if the file is another model size or architecture, pass a matching config)');
  }
  return lines.join('\n');
}

export function hasProblems(p: KeyProblems): boolean {
  return p.missing.length + p.unexpected.length + p.misShaped.length > 0;
}
