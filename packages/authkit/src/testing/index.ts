export { createTestInstance } from './create-test-instance.js';
export type { TestInstance, TestInstanceOptions } from './create-test-instance.js';
export { CookieJar } from './cookie-jar.js';
