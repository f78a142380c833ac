export { authHandlers } from './auth';
export { signInHandlers, signUpHandlers } from './credentials';
export { sessionHandlers } from './sessions';
export * from './api';
