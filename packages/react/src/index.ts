export { AuthProvider } from './auth-provider.js';
export type { AuthProviderProps } from './auth-provider.js';
export { useAuthClient, useSession, useUser } from './hooks.js';
export { SignIn } from './sign-in.js';
export { SignUp } from './sign-up.js';
export type {
  RootProps,
  FieldProps,
  LabelProps,
  SubmitProps,
  ErrorProps,
  CredentialsFieldName,
} from './credentials-form.js';
export { SignedIn, SignedOut, Gate } from './control.js';
export type { GateProps } from './control.js';
export { SessionList, useSessions } from './sessions.js';
export type { SessionListProps, UseSessionsResult } from './sessions.js';
export { SignOutButton } from './sign-out-button.js';
export type { SignOutButtonProps } from './sign-out-button.js';
export type {
  SessionPayload,
  SessionSnapshot,
  User,
  Session,
  ClientError,
} from '@catalyst/authkit';
