export * from './billing/index.js';
export * from './slo/index.js';
