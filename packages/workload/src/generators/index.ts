export { hourlyShape, WEEKDAY_FACTORS } from './diurnal-shape.js';
export { type DiurnalOptions, generateDiurnal } from './generate-diurnal.js';
export {
  generatePhasedPoisson,
  type PhasedPoissonOptions,
  type PoissonPhase,
  parsePhases,
} from './generate-phased-poisson.js';
export { generatePoisson, type PoissonOptions } from './generate-poisson.js';
export { DEFAULT_SCHEMA, type GeneratedWorkload, TPCDS_TEMPLATES } from './generated-workload.js';
