'use client';
import type { ClientError } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { PartButton, type ButtonProps } from './account-parts.js';
import { editor, errorDomId } from './claim-mapping-context.js';
import { ruleFieldOf } from './claim-mapping-draft.js';
import { lazyContext } from './form-kit.js';
import { ErrorAlert } from './key-parts.js';
import { useRoleName } from './role-words.js';

/**
 * The preview pane of `<ClaimMappingEditor>`: sample claims (JSON, checked here first), run
 * against the rules as edited (unsaved ones included), and what a sign-in would get.
 */

type DivProps = React.ComponentPropsWithoutRef<typeof Primitive.div>;

interface PreviewContext {
  id: string;
  error: ClientError | null;
  run(): Promise<void>;
}

const pane = lazyContext<PreviewContext>('ClaimMappingEditor', 'Preview');

/** The claims as an object, or null when the text is not a JSON object. */
export function parseClaims(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** The pane (a group named "Try the rules"); rendered once the rules are loaded. */
export function Preview({ children, ...props }: DivProps) {
  const ctx = editor.use('Preview');
  const [error, setError] = React.useState<ClientError | null>(null);
  if (ctx.state !== 'ready') return null;
  const id = `${ctx.id}-preview`;
  const run = async () => {
    const claims = parseClaims(ctx.claimsText);
    ctx.setResult(null);
    if (!claims) {
      setError({
        code: 'invalid_request',
        status: 400,
        message: ctx.words.invalidJson,
        field: 'claims',
      });
      return;
    }
    setError(null);
    const result = await ctx.preview(claims, ctx.draft.input());
    if (result.ok) return ctx.setResult(result.data);
    setError(result.error);
    // An unsaved rule the server refuses: its field shows it too.
    if (ruleFieldOf(result.error.field)) ctx.setSaveError(result.error);
  };
  const Context = pane.get();
  return (
    <Context.Provider value={{ id, error, run }}>
      <Primitive.div
        role="group"
        aria-labelledby={`${id}-title`}
        data-catalyst="claim-preview"
        data-state={ctx.previewing ? 'pending' : error ? 'error' : ctx.result ? 'ready' : 'idle'}
        {...props}
      >
        <p id={`${id}-title`} data-catalyst="claim-preview-title">
          {ctx.words.preview}
        </p>
        {children ?? (
          <>
            <PreviewClaims />
            <PreviewRun />
            <PreviewResult />
          </>
        )}
      </Primitive.div>
    </Context.Provider>
  );
}

/** The sample claims (a textarea); its JSON error, or the server's, is tied to it. */
export function PreviewClaims(props: Omit<DivProps, 'children'>) {
  const ctx = editor.use('PreviewClaims');
  const { id, error, run } = pane.use('PreviewClaims');
  const inputId = `${id}-claims`;
  const errorId = errorDomId(inputId);
  return (
    <Primitive.div data-catalyst="field" data-name="claims" {...props}>
      <label htmlFor={inputId} data-catalyst="label">
        {ctx.words.claims}
      </label>
      <textarea
        id={inputId}
        rows={6}
        spellCheck={false}
        placeholder={'{"email": "ada@example.com", "groups": ["engineering"]}'}
        value={ctx.claimsText}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : `${inputId}-hint`}
        data-invalid={error ? '' : undefined}
        data-catalyst="input"
        onChange={(event) => ctx.setClaimsText(event.currentTarget.value)}
        onKeyDown={(event) => {
          // Ctrl/⌘+Enter previews.
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void run();
        }}
      />
      <span id={`${inputId}-hint`} data-catalyst="hint">
        {ctx.words.previewHint}
      </span>
      <ErrorAlert error={error} id={errorId} catalyst="error" />
    </Primitive.div>
  );
}

/** "Preview": runs the claims against the rules as edited; `data-state="pending"` while out. */
export function PreviewRun(props: ButtonProps) {
  const ctx = editor.use('PreviewRun');
  const { run } = pane.use('PreviewRun');
  return (
    <PartButton
      catalyst="claim-preview-run"
      text={ctx.words.runPreview}
      disabled={ctx.previewing}
      data-state={ctx.previewing ? 'pending' : undefined}
      {...props}
      onPress={() => void run()}
    />
  );
}

/**
 * What a sign-in with the claims would get (a live region): roles, groups (by name), labels,
 * whether they would be a member, and which rules matched (those rules carry `data-matched`).
 */
export function PreviewResult(props: Omit<DivProps, 'children'>) {
  const ctx = editor.use('PreviewResult');
  const roleName = useRoleName();
  const result = ctx.result;
  const w = ctx.words;
  const list = (values: string[]) => (values.length ? values.join(', ') : w.none);
  const groupName = (id: string) => ctx.groups.find((group) => group.id === id)?.name ?? id;
  return (
    <Primitive.div
      aria-live="polite"
      data-catalyst="claim-preview-result"
      data-member={result ? String(result.member) : undefined}
      {...props}
    >
      {result && (
        <dl>
          <div data-name="member">
            <dt>{w.member}</dt>
            <dd>{result.member ? w.memberYes : w.memberNo}</dd>
          </div>
          <div data-name="roles">
            <dt>{w.resultRoles}</dt>
            <dd>{list(result.roles.map(roleName))}</dd>
          </div>
          <div data-name="groups">
            <dt>{w.resultGroups}</dt>
            <dd>{list(result.groups.map(groupName))}</dd>
          </div>
          <div data-name="labels">
            <dt>{w.resultLabels}</dt>
            <dd>{list(result.labels)}</dd>
          </div>
          <div data-name="matched">
            <dt>{w.matched}</dt>
            <dd>
              {result.matched.length
                ? result.matched.map((i) => ctx.ruleLabel(w.rule, i)).join(', ')
                : w.matchedNone}
            </dd>
          </div>
        </dl>
      )}
    </Primitive.div>
  );
}
