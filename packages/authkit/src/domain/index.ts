export * from './errors.js';
export * from './types.js';
export { normalizeEmail } from './email.js';
export { newId } from './ids.js';
