import type { BranchRoles, RouterStudyView } from '../../../../src-main/contract';

export type LayerSort = 'network' | 'concentrated' | 'dead';

export const LAYER_SORTS: { value: LayerSort; label: string }[] = [
  { value: 'network', label: 'Network order' },
  { value: 'concentrated', label: 'One branch leads most' },
  { value: 'dead', label: 'Most dead branches' },
];

/** The layers to show, as indexes into the study's layers: those whose name holds `find`, in the chosen order. */
export function orderLayers(study: Pick<RouterStudyView, 'layers' | 'layerLabels' | 'roles'>, sort: LayerSort, find: string): number[] {
  const needle = find.trim().toLowerCase();
  const shown = study.layers.flatMap((layer, l) => (needle === '' || layer.toLowerCase().includes(needle) || study.layerLabels[l].toLowerCase().includes(needle) ? [l] : []));
  if (sort === 'concentrated') return shown.sort((a, b) => study.roles[b].topShare - study.roles[a].topShare);
  if (sort === 'dead') return shown.sort((a, b) => study.roles[b].dead.length - study.roles[a].dead.length || study.roles[b].topShare - study.roles[a].topShare);
  return shown;
}

/** How many layers route evenly, are led by one branch, and have dead branches. */
export function roleCounts(roles: readonly BranchRoles[]) {
  return { even: roles.filter((r) => r.even).length, led: roles.filter((r) => !r.even).length, withDead: roles.filter((r) => r.dead.length > 0).length };
}
