export { Xoshiro128, type Xoshiro128State } from './xoshiro128';
export { SeededGenerator, type GeneratorState, type NoiseSource } from './seeded-generator';
export { RecordedNoise } from './recorded-noise';
