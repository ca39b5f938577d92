// Module resolution hook used by register.mjs.
const HIDDEN = new Set(['canvas', 'chartjs-node-canvas']);

export async function resolve(specifier, context, next) {
  if (HIDDEN.has(specifier)) {
    const error = new Error(`Cannot find package '${specifier}' (hidden: no Cairo here)`);
    error.code = 'ERR_MODULE_NOT_FOUND';
    throw error;
  }
  return next(specifier, context);
}
