/** Directory adapters and Authentik operator actions (server-only: they pull in the IdP clients). */
export { createAuthentikDirectory, type AuthentikDirectoryOptions } from './authentik-directory.js';
export type { AuthentikConnectionOptions } from './authentik-client.js';
export {
  createKeycloakDirectory,
  type KeycloakCredentials,
  type KeycloakDirectoryOptions,
} from './keycloak-directory.js';
export {
  createAuthentikOperator,
  EMBEDDED_OUTPOST,
  type AuthentikOperator,
  type DomainForwardAuthInput,
  type ForwardAuthAppInput,
  type MfaOnFlowInput,
  type OidcAppInput,
} from './authentik-operator.js';
export type { OutpostDoctorInput } from './authentik-doctor.js';
export type {
  DoctorFinding,
  DryRunOption,
  OperatorResult,
  PlanKind,
  PlanStep,
  PlanValue,
} from './authentik-plan.js';
export { iteratePages } from './shared.js';
export {
  DirectoryError,
  type DirectoryFailure,
  type DirectoryGroup,
  type DirectoryObserver,
  type DirectoryPage,
  type DirectoryPageRequest,
  type DirectoryPort,
  type DirectoryUser,
} from '../../ports/directory.js';
