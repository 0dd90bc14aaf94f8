import type { z } from 'zod';
import { ENGINE_ERROR_CODES } from '../engine';
import { contract, type CallReply, type MethodArgs, type MethodName, type MethodOutput, type StudioError, type StudioErrorCode } from '../contract';

/** The service a transport exposes: one async function per contract method. */
export type StudioHandlers = { [M in MethodName]: (input: MethodArgs<M>) => Promise<MethodOutput<M>> };


/**
 * Runs one call at a transport's boundary: an unknown method or an input that fails the
 * contract's schema is refused with a message naming the field; an error thrown by the
 * service keeps its code (engine and storage errors carry one) and loses its stack.
 */
export async function dispatch(handlers: StudioHandlers, method: string, input: unknown): Promise<CallReply> {
  if (!Object.hasOwn(contract.methods, method)) return failure('bad-input', `unknown method '${method}'`);
  const name = method as MethodName;
  const parsed = contract.methods[name].input.safeParse(input ?? {});
  if (!parsed.success) return failure('bad-input', `${method}: ${describeIssues(parsed.error)}`);
  try {
    const handler = handlers[name] as (input: unknown) => Promise<unknown>;
    return { ok: true, result: await handler(parsed.data) };
  } catch (error) {
    return { ok: false, error: asStudioError(error) };
  }
}

/** "name: expected string, received number; steps: too big" */
function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : 'input'}: ${i.message}`).join('; ');
}

function failure(code: StudioErrorCode, message: string): CallReply {
  return { ok: false, error: { code, message } };
}

const CODES: readonly string[] = [...ENGINE_ERROR_CODES, 'conflict'];

export function asStudioError(error: unknown): StudioError {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  return { code: typeof code === 'string' && CODES.includes(code) ? (code as StudioErrorCode) : 'internal', message };
}
