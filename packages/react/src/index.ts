export { AuthProvider } from './auth-provider.js';
export type { AuthProviderProps } from './auth-provider.js';
export { useAuthClient, useSession, useUser } from './hooks.js';
export type {
  Localization,
  CredentialsWords,
  SessionListWords,
  SignOutWords,
} from './localization.js';
export { SignIn } from './sign-in.js';
export { SignUp } from './sign-up.js';
export { useCredentialsForm } from './credentials-form.js';
export type {
  RootProps,
  FieldProps,
  LabelProps,
  SubmitProps,
  ErrorProps,
  CredentialsFieldName,
  CredentialsKind,
  FormState,
  UseCredentialsFormResult,
} from './credentials-form.js';
export { SignedIn, SignedOut, Gate, useGate } from './control.js';
export type { GateProps, GateState } from './control.js';
export { SessionList } from './session-list.js';
export type {
  SessionListProps,
  SessionListItemsProps,
  SessionListItemProps,
} from './session-list.js';
export { useSessions } from './use-sessions.js';
export type { UseSessionsResult } from './use-sessions.js';
export { SignOutButton, useSignOut } from './sign-out-button.js';
export type { SignOutButtonProps, UseSignOutResult } from './sign-out-button.js';
export { catalystQueries, catalystMutations, CatalystRequestError } from './data/resources.js';
export type { DataState, ResourceScope } from './data/resources.js';
export { useCatalystQueryClient } from './data/query-client.js';
export type {
  SessionPayload,
  SessionSnapshot,
  User,
  Session,
  ClientError,
} from '@catalyst/authkit';
