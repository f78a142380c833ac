'use client';
import * as React from 'react';
import { fillIn } from './account-parts.js';
import { editor, ruleOf, useRuleError } from './claim-mapping-context.js';
import { ErrorAlert } from './key-parts.js';

/** The labels the rule sets (`key:value`): each with a remove button, and a field to add one. */
export function RuleLabels(props: Omit<React.ComponentPropsWithoutRef<'fieldset'>, 'children'>) {
  const ctx = editor.use('RuleLabels');
  const rule = ruleOf.use('RuleLabels');
  const { error, id: errorId } = useRuleError('labels');
  const [label, setLabel] = React.useState('');
  const labels = rule.rule.labels;
  const inputId = `${rule.id}-new-label`;
  const add = () => {
    const value = label.trim();
    if (!value) return;
    if (!labels.includes(value))
      ctx.draft.update(rule.index, { labels: [...labels, value].sort() });
    setLabel('');
  };
  return (
    <fieldset
      data-catalyst="claim-rule-labels"
      data-invalid={error ? '' : undefined}
      aria-describedby={error ? errorId : undefined}
      {...props}
    >
      <legend data-catalyst="legend">{ctx.words.labels}</legend>
      {labels.length > 0 && (
        <ul data-catalyst="claim-rule-label-list">
          {labels.map((value) => (
            <li key={value} data-catalyst="claim-rule-label">
              <span>{value}</span>{' '}
              <button
                type="button"
                aria-label={fillIn(ctx.words.removeLabel, { label: value })}
                onClick={() =>
                  ctx.draft.update(rule.index, { labels: labels.filter((l) => l !== value) })
                }
                data-catalyst="claim-rule-label-remove"
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <label htmlFor={inputId} data-catalyst="label">
        {ctx.words.newLabel}
      </label>
      <input
        id={inputId}
        type="text"
        autoComplete="off"
        spellCheck={false}
        maxLength={200}
        placeholder="team:eng"
        value={label}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : `${inputId}-hint`}
        data-catalyst="input"
        onChange={(event) => setLabel(event.currentTarget.value)}
        onKeyDown={(event) => {
          // Enter adds the label here, rather than saving the whole form.
          if (event.key !== 'Enter') return;
          event.preventDefault();
          add();
        }}
      />
      <span id={`${inputId}-hint`} data-catalyst="hint">
        {ctx.words.labelHint}
      </span>{' '}
      <button type="button" onClick={add} data-catalyst="claim-rule-label-add">
        {ctx.words.addLabel}
      </button>
      <ErrorAlert error={error} id={errorId} catalyst="error" />
    </fieldset>
  );
}
