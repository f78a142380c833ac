'use client';
import { ErrorMessage, Field, Label, Submit, makeRoot } from './credentials-form.js';
import { makeDefaultForm } from './default-form.js';

const Root = makeRoot('sign-up', {
  name: 'Name',
  email: 'Email',
  password: 'Password',
  submit: 'Create account',
});

/**
 * `<SignUp />` renders a complete, unstyled form (name, email, password);
 * `SignUp.Root`, `.Field`, `.Label`, `.Submit` and `.Error` compose your own (each takes `asChild`).
 */
export const SignUp = Object.assign(makeDefaultForm(Root, ['name', 'email', 'password']), {
  Root,
  Field,
  Label,
  Submit,
  Error: ErrorMessage,
});
