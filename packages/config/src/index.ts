export { writeDirAtomic, writeFileAtomic } from './atomic.js';
export { formatIssue, InputError, type InputIssue, isInputError } from './errors.js';
