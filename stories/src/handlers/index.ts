export { authHandlers } from './auth';
export { signInHandlers, signUpHandlers } from './credentials';
export { sessionHandlers } from './sessions';
export { orgHandlers, activeOrgHandlers, meHandlers, orgSwitcherWorld } from './orgs';
export { memberHandlers } from './members';
export { groupHandlers } from './groups';
export { roleHandlers } from './roles';
export { invitationHandlers } from './invitations';
export * from './api';
