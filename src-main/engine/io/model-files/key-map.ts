/**
 * How a checkpoint key (its component prefix already removed) becomes a model parameter name.
 * `squeeze1x1` marks a [out, in, 1, 1] conv weight that the model holds as a [out, in] linear.
 */
export type KeyMapping = { target: string; squeeze1x1?: boolean } | 'ignore' | 'unknown';

export type KeyMapper = (key: string) => KeyMapping;

/**
 * One block of the original layout and where it lives in diffusers: every key under `from`
 * moves under `to`. With `modules`, the sub-module path inside the block is renamed too
 * (a sub-module not listed is unknown); without it the rest of the key is kept as is.
 */
export interface PrefixRule {
  from: string;
  to: string;
  modules?: Readonly<Record<string, string>>;
  squeeze1x1?: boolean;
}

/** A mapper from prefix rules; the longest matching `from` wins. */
export function ruleMapper(rules: readonly PrefixRule[]): KeyMapper {
  const byLength = [...rules].sort((a, b) => b.from.length - a.from.length);
  return (key) => {
    const rule = byLength.find((r) => key.startsWith(r.from));
    if (!rule) return 'unknown';
    const rest = key.slice(rule.from.length);
    if (!rule.modules) return { target: rule.to + rest, squeeze1x1: rule.squeeze1x1 };
    const dot = rest.lastIndexOf('.');
    const module = rest.slice(0, dot);
    if (dot < 0 || !Object.hasOwn(rule.modules, module)) return 'unknown';
    return { target: `${rule.to}${rule.modules[module]}${rest.slice(dot)}`, squeeze1x1: rule.squeeze1x1 };
  };
}

/** Keys already named as the model names them (diffusers and transformers folders). */
export const identityMapper: KeyMapper = (key) => ({ target: key });
