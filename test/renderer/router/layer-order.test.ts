import { describe, expect, it } from 'vitest';
import { orderLayers, roleCounts } from '../../../src-renderer/src/features/router/layer-order';
import { stepRanges } from '../../../src-renderer/src/features/router/step-ranges';

const role = (topShare: number, dead: number[], even = false) => ({ top: 0, topShare, even, dead });
const study = {
  layers: ['unet:down_blocks.0.attn1.to_q', 'unet:mid_block.attn2.to_v', 'unet:up_blocks.1.attn2.to_v'],
  layerLabels: ['down0.attn1.q', 'mid.attn2.v', 'up1.attn2.v'],
  roles: [role(0.3, [], true), role(0.9, [1]), role(0.6, [1, 2])],
};

describe('the layer overview', () => {
  it('orders the layers as the network has them, by how much one branch leads, or by dead branches; finds them by name', () => {
    expect(orderLayers(study, 'network', '')).toEqual([0, 1, 2]);
    expect(orderLayers(study, 'concentrated', '')).toEqual([1, 2, 0]);
    expect(orderLayers(study, 'dead', '')).toEqual([2, 1, 0]);
    expect(orderLayers(study, 'network', 'ATTN2')).toEqual([1, 2]);
    expect(orderLayers(study, 'network', 'mid_block')).toEqual([1]);
  });

  it('counts layers led by one branch, split evenly, and with dead branches', () => {
    expect(roleCounts(study.roles)).toEqual({ even: 1, led: 2, withDead: 2 });
  });

  it('writes steps as ranges', () => {
    expect(stepRanges([3, 1, 2, 7, 9, 10, 9])).toBe('1–3, 7, 9–10');
    expect(stepRanges([5])).toBe('5');
  });
});
