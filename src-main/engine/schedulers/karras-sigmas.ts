import { linspace } from './numpy-compat';

/**
 * Karras et al. (2022), eq. 5: n noise levels evenly spaced in sigma^(1/rho) from
 * sigma_max down to sigma_min (rho = 7), denser near the clean end.
 */
export function karrasSigmas(sigmaMin: number, sigmaMax: number, n: number, rho = 7): number[] {
  const minInvRho = sigmaMin ** (1 / rho);
  const maxInvRho = sigmaMax ** (1 / rho);
  return linspace(0, 1, n).map((ramp) => (maxInvRho + ramp * (minInvRho - maxInvRho)) ** rho);
}
