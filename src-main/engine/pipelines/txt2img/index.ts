export { txt2img, GenerationCancelled, type Txt2ImgRequest, type Txt2ImgProgress, type Txt2ImgResult } from './txt2img';
export { A1111_SAMPLER_LABELS } from './sampler-labels';
export { checkTxt2ImgSettings, TXT2IMG_DEFAULTS, TXT2IMG_LIMITS, type Txt2ImgSettings } from './settings-check';
export { estimateGenerationMemory, memoryBudget, type GenerationMemory } from './memory-estimate';
