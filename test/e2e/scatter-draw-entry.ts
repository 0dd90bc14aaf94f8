// What the 10,000-point drawing test runs in the browser: the Router page's own plot code, bundled.
export { scatterModel } from '../../src-renderer/src/features/router/scatter-model';
export { drawScatter, pixelPositions, plotBox, pointsByColour } from '../../src-renderer/src/features/router/draw-scatter';
export { scatterSvg } from '../../src-renderer/src/features/router/scatter-svg';
export { quadtree } from 'd3-quadtree';
