/**
 * The peer, as docs/backends.md measured it: diffusers 0.31 on PyTorch 1.13 CPU, 2 threads,
 * SD 1.5's real configurations with random float32 weights, medians of 3 runs on an idle machine.
 */
export const PYTORCH_PEER = {
  clipB2Ms: 300,
  unetB1Ms: 20_500,
  unetB2Ms: 40_000,
  vaeDecodeMs: 34_200,
  unetB1Gflop: 803,
  unetB1GflopSplit: { conv: 444, linear: 233, attention: 126 },
  vaeDecodeGflop: 2515,
  clipB2Gflop: 26.6,
} as const;

/** One 512x512 image at `steps` steps with CFG: text encoder, steps x UNet at batch 2, VAE decode. */
export const imageMs = (clipMs: number, unetB2Ms: number, vaeMs: number, steps = 20) => clipMs + steps * unetB2Ms + vaeMs;
