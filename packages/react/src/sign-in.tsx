'use client';
import { ErrorMessage, Field, Label, Submit, makeRoot } from './credentials-form.js';
import { makeDefaultForm } from './default-form.js';

const Root = makeRoot('sign-in');

/**
 * `<SignIn />` renders a complete, unstyled form (style it through `data-catalyst-*`);
 * `SignIn.Root`, `.Field`, `.Label`, `.Submit` and `.Error` compose your own.
 */
export const SignIn = Object.assign(makeDefaultForm(Root, ['email', 'password'], 'Sign in'), {
  Root,
  Field,
  Label,
  Submit,
  Error: ErrorMessage,
});
