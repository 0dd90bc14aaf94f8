import { describe, it } from 'vitest';
import { goldenDir, listCases, loadCase } from './golden';
import { runners } from './cases/index';

// Every case comes from the manifests of GOLDEN_DIR (default ../shared/golden).
const root = goldenDir();

describe(`golden parity (${root})`, () => {
  for (const name of listCases(root)) {
    const runner = runners[name];
    if (!runner) {
      it.skip(`${name}: the engine cannot run this case yet`, () => {});
      continue;
    }
    describe(name, async () => {
      const subcases = await runner(loadCase(name, root));
      if (subcases.length === 0) throw new Error(`golden case ${name} produced no sub-cases`);
      for (const sc of subcases) it(sc.name, () => sc.run());
    });
  }
});
