'use client';
import {
  ErrorMessage,
  Field,
  Label,
  Submit,
  makeRoot,
  type RootProps,
} from './credentials-form.js';

const Root = makeRoot('sign-up');

/** A complete, unstyled sign-up form (name, email, password). */
function DefaultSignUp(props: RootProps) {
  return (
    <Root {...props}>
      <ErrorMessage data-catalyst-error="" />
      <div data-catalyst-field="name">
        <Label name="name">Name</Label>
        <Field name="name" />
        <ErrorMessage field="name" data-catalyst-error="" />
      </div>
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
      <Submit data-catalyst-submit="">Create account</Submit>
    </Root>
  );
}

/** `<SignUp />` renders the whole form; `SignUp.Root`, `.Field`, `.Label`, `.Submit`, `.Error` compose your own. */
export const SignUp = Object.assign(DefaultSignUp, {
  Root,
  Field,
  Label,
  Submit,
  Error: ErrorMessage,
});
