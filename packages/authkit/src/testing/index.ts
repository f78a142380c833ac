export { createTestInstance } from './create-test-instance.js';
export type { TestInstance, TestInstanceOptions } from './create-test-instance.js';
export { CookieJar } from './cookie-jar.js';
export { softwareAuthenticator } from './software-authenticator.js';
export type { SoftwareAuthenticator } from './software-authenticator.js';
