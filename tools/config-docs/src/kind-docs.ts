/** The documented file kinds, in reading order, with where they live. */
import { SCHEMA_OF_KIND } from '@autoslo/config';
import type { KindDoc } from './render-config-docs.js';
import type { SchemaNode } from './schema-fields.js';

const schema = (kind: keyof typeof SCHEMA_OF_KIND): SchemaNode =>
  SCHEMA_OF_KIND[kind] as unknown as SchemaNode;

export const KIND_DOCS: readonly KindDoc[] = [
  {
    kind: 'execution-config',
    title: 'Execution config',
    intro:
      '`<data dir>/execution_configs/**/*.yml`, referenced as `exec:<subpath>`: everything one run needs (workload, SLOs, clusters, router, autoscaler, latency model). Tuned configs are written to `execution_configs/tuned/`.',
    schema: schema('execution-config'),
  },
  {
    kind: 'tuner-config',
    title: 'Tuner config',
    intro:
      '`<data dir>/tuner_configs/*.yml`, referenced as `tuner:<name>`: how the policy tuner samples scenarios and what it searches.',
    schema: schema('tuner-config'),
  },
  {
    kind: 'tuning-manifest',
    title: 'Tuning manifest',
    intro:
      '`<data dir>/manifests/tuning/*.yml`, run with `autoslo tune --tuning-manifest <name>`: named tuning runs, each an initial execution config, a tuner config and params.',
    schema: schema('tuning-manifest'),
  },
  {
    kind: 'execution-manifest',
    title: 'Execution manifest',
    intro:
      '`<data dir>/manifests/execution/*.yml`, run with `autoslo execute --execution-manifest <name>`: a list of (workload, execution config, params) runs.',
    schema: schema('execution-manifest'),
  },
  {
    kind: 'plotting-manifest',
    title: 'Plotting manifest',
    intro:
      '`<data dir>/manifests/plotting/*.yml`, drawn with `autoslo plot --plotting-manifest <name>`. `main_content` is one panel, or a grid when it has `panels` (then `layout` applies); both shapes are listed below.',
    schema: schema('plotting-manifest'),
  },
  {
    kind: 'slo-table',
    title: 'SLO table',
    intro:
      '`<data dir>/slos/*.yml`, named by `slo_resolver_config.slo_dict_filename` and written by `autoslo slo-table`: per-template SLOs in seconds.',
    schema: schema('slo-table'),
  },
];
