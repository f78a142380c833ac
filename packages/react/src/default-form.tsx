'use client';
import type * as React from 'react';
import {
  ErrorMessage,
  Field,
  Label,
  Submit,
  type CredentialsFieldName,
  type RootProps,
} from './credentials-form.js';

const LABELS: Record<CredentialsFieldName, string> = {
  name: 'Name',
  email: 'Email',
  password: 'Password',
};

/** The complete unstyled markup both default forms share: form error, labelled fields, submit. */
export function makeDefaultForm(
  Root: (props: RootProps) => React.JSX.Element,
  fields: readonly CredentialsFieldName[],
  submitLabel: string,
) {
  return function DefaultForm(props: RootProps) {
    return (
      <Root {...props}>
        <ErrorMessage data-catalyst-error="" />
        {fields.map((name) => (
          <div key={name} data-catalyst-field={name}>
            <Label name={name}>{LABELS[name]}</Label>
            <Field name={name} />
            <ErrorMessage field={name} data-catalyst-error="" />
          </div>
        ))}
        <Submit data-catalyst-submit="">{submitLabel}</Submit>
      </Root>
    );
  };
}
