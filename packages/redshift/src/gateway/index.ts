export {
  type Gateway,
  type GatewayCloseOutcome,
  type GatewayOptions,
  startGateway,
} from './gateway.js';
export { GATEWAY_KEYS_ENV, loadGatewayKeys, parseKeysFile } from './gateway-keys.js';
export { SIGNATURE_WINDOW_MS, SigV4Verifier, type VerifiedCaller } from './sigv4-verifier.js';
export { STATEMENT_JOURNAL_FILENAME } from './statement-journal.js';
export { TemplateCatalog, UNKNOWN_TEMPLATE_PREFIX } from './template-catalog.js';
