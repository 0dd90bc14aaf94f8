import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchSection } from './section';

const folder = fileURLToPath(new URL('./sections/', import.meta.url));

/** Every bench/sections/*.ts that exports `section`, sorted by file name: adding a file adds a section. */
export async function discoverSections(): Promise<BenchSection[]> {
  const files = (await readdir(folder)).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).sort();
  const sections: BenchSection[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(folder + file).href)) as { section?: BenchSection };
    if (!module.section || typeof module.section.run !== 'function') throw new Error(`bench/sections/${file} does not export a 'section'`);
    sections.push(module.section);
  }
  return sections;
}
