import { z } from 'zod';

/** Field schemas several repositories share, so a name or an id is validated (and worded) one way. */
export const nameField = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
export const idField = z.number().int().positive();
export const sha256Field = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');
export const jsonRecord = z.record(z.string(), z.unknown());
