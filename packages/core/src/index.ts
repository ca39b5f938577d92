export * from './autoscaler/index.js';
export * from './billing/index.js';
export * from './cluster/index.js';
export * from './control/index.js';
export * from './latency/index.js';
export * from './log/index.js';
export * from './router/index.js';
export * from './slo/index.js';
