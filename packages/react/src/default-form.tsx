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

/** The complete unstyled markup both default forms share: form error, labelled fields, submit. */
export function makeDefaultForm(
  Root: (props: RootProps) => React.JSX.Element,
  fields: readonly CredentialsFieldName[],
) {
  return function DefaultForm(props: RootProps) {
    return (
      <Root {...props}>
        <ErrorMessage />
        {fields.map((name) => (
          <div key={name} data-catalyst="field" data-name={name}>
            <Label name={name} />
            <Field name={name} />
            <ErrorMessage field={name} />
          </div>
        ))}
        <Submit />
      </Root>
    );
  };
}
