/** The SLO resolver a panel re-scores its runs with. */
import type { SloResolverConfig } from '@autoslo/config';
import { SloResolver } from '@autoslo/core';

/**
 * `SloResolver.fromConfig`, accepting the `slo_s: 0` the reference's own manifests use
 * (main_eval_v8) and the config schema allows: a zero default means every query of a template
 * missing from the table violates. The core resolver wants a positive default, so zero becomes
 * the smallest positive number, which every positive latency exceeds just as it exceeds 0.
 * @throws InputError when the SLO table is missing or malformed.
 */
export function panelResolver(config: SloResolverConfig, dataDirRoot: string): SloResolver {
  const sloS = config.slo_s === 0 ? Number.MIN_VALUE : config.slo_s;
  return SloResolver.fromConfig({ ...config, slo_s: sloS }, dataDirRoot);
}
