export { layerParams, type LayerGeometry, type LayerParams } from './count-layer';
export { countAdapterParams, type AdapterParamCount, type LayerCount } from './count-adapter';
export { modelFileShapes, sd15Shapes } from './model-shapes';
export { formatMillions, PAPER_TARGETS, table4, TABLE_IV_ROWS } from './table4';
