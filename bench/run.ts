// `npm run bench`: every section under bench/sections/, on every backend that starts here,
// as a table and one JSON line. Figures are printed as measured; compare rows of one run only.
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { initBackend, parseBackendName, probeBackends } from '../src-main/engine/backend';
import { discoverSections } from './discover';
import type { BenchContext, BenchRow } from './section';
import { formatTable } from './table';

const usage = 'usage: npm run bench -- [--only <section>[,<section>...]] [--backends <name>[,<name>...]] [--runs <n>] [--budget-ms <ms>] [--list]';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    backends: { type: 'string' },
    runs: { type: 'string', default: '5' },
    'budget-ms': { type: 'string', default: '3000' },
    list: { type: 'boolean' },
    help: { type: 'boolean' },
  },
});

const sections = await discoverSections();
if (values.help || values.list) {
  console.log(values.help ? usage : sections.map((s) => `${s.name.padEnd(16)}${s.description}`).join('\n'));
  process.exit(0);
}

const wanted = values.only?.split(',').map((s) => s.trim());
const unknown = wanted?.filter((w) => !sections.some((s) => s.name === w)) ?? [];
if (unknown.length > 0) {
  console.error(`unknown section(s): ${unknown.join(', ')}; sections: ${sections.map((s) => s.name).join(', ')}`);
  process.exit(2);
}

const report = await initBackend(); // what a user would get, for the record
const probes = (await probeBackends()).filter((p) => p.ok);
const working = probes.map((p) => p.name);
const asked = values.backends?.split(',').map((b) => parseBackendName(b.trim(), '--backends'));
// cpu is a numerical reference at ~0.5 GFLOP/s (20+ s per SD-sized conv): measured only when asked for.
const ctx: BenchContext = {
  backends: working.filter((b) => (asked ? asked.includes(b) : b !== 'cpu')),
  demoted: Object.fromEntries(probes.filter((p) => p.demoted).map((p) => [p.name, p.demoted])),
  asked,
  maxRuns: Math.max(1, Number(values.runs)),
  budgetMs: Number(values['budget-ms']),
};

console.log(report.line);
const notMeasured = working.filter((b) => !ctx.backends.includes(b));
console.log(
  `backends measured: ${ctx.backends.join(', ')}` +
    (notMeasured.length ? ` (not: ${notMeasured.join(', ')}; --backends ${working.join(',')} adds them)` : '') +
    `; median of up to ${ctx.maxRuns} runs after a warm-up, within ${ctx.budgetMs} ms per measurement`,
);
for (const p of probes.filter((x) => ctx.backends.includes(x.name))) {
  const software = p.demoted ? ` | NOT A GPU: ${p.demoted.replace(/, use --backend \S+ to force$/, '')}; its figures are a CPU's` : '';
  console.log(`  ${p.name}: ${p.detail}${software}`);
}
console.log('');
const rows: BenchRow[] = [];
for (const section of sections.filter((s) => !wanted || wanted.includes(s.name))) {
  const started = performance.now();
  const sectionRows = await section.run(ctx);
  rows.push(...sectionRows);
  console.error(`[bench] ${section.name}: ${sectionRows.length} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
console.log(formatTable(rows));
console.log(
  JSON.stringify({
    bench: 'styleinject',
    date: new Date().toISOString(),
    tfjs: tf.version.tfjs,
    node: process.version,
    backendReport: report.line,
    backends: probes.filter((p) => ctx.backends.includes(p.name)).map(({ name, detail, demoted }) => ({ name, detail, ...(demoted && { software: demoted }) })),
    rows,
  }),
);
