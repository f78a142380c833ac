'use client';
import {
  ErrorMessage,
  Field,
  Label,
  Submit,
  makeRoot,
  type RootProps,
} from './credentials-form.js';

const Root = makeRoot('sign-in');

/** A complete, unstyled sign-in form; style it through its `data-catalyst-*` attributes. */
function DefaultSignIn(props: RootProps) {
  return (
    <Root {...props}>
      <ErrorMessage data-catalyst-error="" />
      <div data-catalyst-field="email">
        <Label name="email">Email</Label>
        <Field name="email" />
        <ErrorMessage field="email" data-catalyst-error="" />
      </div>
      <div data-catalyst-field="password">
        <Label name="password">Password</Label>
        <Field name="password" />
        <ErrorMessage field="password" data-catalyst-error="" />
      </div>
      <Submit data-catalyst-submit="">Sign in</Submit>
    </Root>
  );
}

/** `<SignIn />` renders the whole form; `SignIn.Root`, `.Field`, `.Label`, `.Submit`, `.Error` compose your own. */
export const SignIn = Object.assign(DefaultSignIn, {
  Root,
  Field,
  Label,
  Submit,
  Error: ErrorMessage,
});
