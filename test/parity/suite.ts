import { describe, it } from 'vitest';
import { listCases, loadCase } from './golden';
import { runners } from './cases/index';
import type { SubCase } from './cases/types';
import { parityBackend } from './parity-backend';

/** A case's sub-cases, or the reason it cannot be set up (reported as that case's failure alone). */
async function subCasesOf(root: string, name: string): Promise<SubCase[] | Error> {
  try {
    const subcases = await runners[name](loadCase(name, root));
    return subcases.length > 0 ? subcases : new Error(`golden case ${name} produced no sub-cases`);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/**
 * The parity suite of one reference set: every case its manifests list, on the backend
 * STYLEINJECT_BACKEND names (or the best one here). A case without a runner, or a sub-case the
 * set gives no means to run, is skipped by name; a case that cannot be set up fails alone.
 */
export function paritySuite(root: string): void {
  describe(`golden parity on ${parityBackend.backend} (${root})`, () => {
    for (const name of listCases(root)) {
      if (!runners[name]) {
        it.skip(`${name}: the engine cannot run this case yet`, () => {});
        continue;
      }
      describe(name, async () => {
        const subcases = await subCasesOf(root, name);
        if (subcases instanceof Error) {
          it(`${name} set-up`, () => {
            throw new Error(`golden case ${name} cannot be set up: ${subcases.message}`);
          });
          return;
        }
        for (const sc of subcases) {
          if (sc.skip !== undefined) it.skip(`${sc.name} (skipped: ${sc.skip})`, () => {});
          else it(sc.name, () => sc.run());
        }
      });
    }
  });
}
