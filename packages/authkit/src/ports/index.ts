export type * from './cache.js';
export type * from './rate-limit.js';
export type * from './password-hasher.js';
export type * from './store.js';
export type * from './idp.js';
export type * from './email.js';
export type { Clock } from './clock.js';
export { systemClock } from './clock.js';
