'use client';
import { ErrorMessage, Field, Label, Submit, makeRoot } from './credentials-form.js';
import { makeDefaultForm } from './default-form.js';

const Root = makeRoot('sign-in', {
  name: 'Name',
  email: 'Email',
  password: 'Password',
  submit: 'Sign in',
});

/**
 * `<SignIn />` renders a complete, unstyled form (style it through `data-catalyst` / `data-state`);
 * `SignIn.Root`, `.Field`, `.Label`, `.Submit` and `.Error` compose your own (each takes `asChild`).
 */
export const SignIn = Object.assign(makeDefaultForm(Root, ['email', 'password']), {
  Root,
  Field,
  Label,
  Submit,
  Error: ErrorMessage,
});
