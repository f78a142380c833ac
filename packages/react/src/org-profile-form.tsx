'use client';
import type { ClientError, MyOrg, OrgProfile } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import { Slot } from '@radix-ui/react-slot';
import * as React from 'react';
import { partContent } from './default-content.js';
import { fieldDomId, lazyContext, makeFormParts, type FormKit } from './form-kit.js';
import { useWords, type OrgProfileWords } from './localization.js';
import { useOrgProfile, type UseOrgProfileResult } from './use-org-profile.js';

const WORDS: OrgProfileWords = {
  loading: 'Loading the organization…',
  empty: 'No organization selected.',
  forbidden: 'You cannot see this organization.',
  readOnly: 'Only members with the org:update permission can change this profile.',
  name: 'Name',
  logoUrl: 'Logo URL',
  description: 'Description',
  website: 'Website',
  primaryColor: 'Primary color',
  secondaryColor: 'Secondary color',
  address: 'Address',
  line1: 'Address line 1',
  line2: 'Address line 2',
  city: 'City',
  region: 'State or region',
  postalCode: 'Postal code',
  country: 'Country code',
  links: 'Links',
  linkLabel: 'Link {n} text',
  linkUrl: 'Link {n} URL',
  addLink: 'Add link',
  removeLink: 'Remove link {n}',
  submit: 'Save changes',
  saved: 'Saved.',
};

/** The profile's scalar fields, named by the server's field paths (so errors land on them). */
const SCALARS = {
  name: 'name',
  'profile.logoUrl': 'logoUrl',
  'profile.description': 'description',
  'profile.website': 'website',
  'profile.brandColors.primary': 'primaryColor',
  'profile.brandColors.secondary': 'secondaryColor',
  'profile.address.line1': 'line1',
  'profile.address.line2': 'line2',
  'profile.address.city': 'city',
  'profile.address.region': 'region',
  'profile.address.postalCode': 'postalCode',
  'profile.address.country': 'country',
} as const satisfies Record<string, keyof OrgProfileWords>;

export type OrgProfileScalarField = keyof typeof SCALARS;
export type OrgProfileLinkField = `profile.links.${number}.${'label' | 'url'}`;
export type OrgProfileFieldName = OrgProfileScalarField | OrgProfileLinkField;

interface Link {
  label: string;
  url: string;
}
type Values = Record<OrgProfileScalarField, string> & { links: Link[] };

const LINK = /^profile\.links\.(\d+)\.(label|url)$/;
const isScalar = (name: string): name is OrgProfileScalarField => name in SCALARS;

function valuesOf(org: MyOrg): Values {
  const p = org.profile;
  return {
    name: org.name,
    'profile.logoUrl': p.logoUrl ?? '',
    'profile.description': p.description ?? '',
    'profile.website': p.website ?? '',
    'profile.brandColors.primary': p.brandColors?.primary ?? '',
    'profile.brandColors.secondary': p.brandColors?.secondary ?? '',
    'profile.address.line1': p.address?.line1 ?? '',
    'profile.address.line2': p.address?.line2 ?? '',
    'profile.address.city': p.address?.city ?? '',
    'profile.address.region': p.address?.region ?? '',
    'profile.address.postalCode': p.address?.postalCode ?? '',
    'profile.address.country': p.address?.country ?? '',
    links: (p.links ?? []).map((link) => ({ ...link })),
  };
}

/** Only what is filled in: an empty field is left out (the server refuses empty strings). */
function profileOf(values: Values): OrgProfile {
  const text = (name: OrgProfileScalarField) => values[name].trim() || undefined;
  const pick = <T extends object>(entries: Record<string, string | undefined>) => {
    const kept = Object.entries(entries).filter(([, value]) => value !== undefined);
    return kept.length > 0 ? (Object.fromEntries(kept) as T) : undefined;
  };
  const profile =
    pick<OrgProfile>({
      logoUrl: text('profile.logoUrl'),
      description: text('profile.description'),
      website: text('profile.website'),
    }) ?? {};
  const brandColors = pick<NonNullable<OrgProfile['brandColors']>>({
    primary: text('profile.brandColors.primary'),
    secondary: text('profile.brandColors.secondary'),
  });
  const address = pick<NonNullable<OrgProfile['address']>>({
    line1: text('profile.address.line1'),
    line2: text('profile.address.line2'),
    city: text('profile.address.city'),
    region: text('profile.address.region'),
    postalCode: text('profile.address.postalCode'),
    country: text('profile.address.country')?.toUpperCase(),
  });
  const links = values.links
    .map((link) => ({ label: link.label.trim(), url: link.url.trim() }))
    .filter((link) => link.label !== '' || link.url !== '');
  return {
    ...profile,
    ...(brandColors ? { brandColors } : {}),
    ...(address ? { address } : {}),
    ...(links.length > 0 ? { links } : {}),
  };
}

interface ProfileContext extends FormKit<OrgProfileFieldName> {
  profile: UseOrgProfileResult;
  words: OrgProfileWords;
  values: Values | null;
  setValue(name: OrgProfileFieldName, value: string): void;
  addLink(): void;
  removeLink(index: number): void;
}

const context = lazyContext<ProfileContext>('OrgProfileForm');

const INPUT_TYPES: Partial<Record<OrgProfileScalarField, React.ComponentPropsWithoutRef<'input'>>> =
  {
    name: { type: 'text', autoComplete: 'organization', required: true, maxLength: 100 },
    'profile.logoUrl': { type: 'url', inputMode: 'url' },
    'profile.website': { type: 'url', autoComplete: 'url' },
    'profile.brandColors.primary': { type: 'text', placeholder: '#1a2b3c', maxLength: 7 },
    'profile.brandColors.secondary': { type: 'text', placeholder: '#1a2b3c', maxLength: 7 },
    'profile.address.line1': { autoComplete: 'address-line1' },
    'profile.address.line2': { autoComplete: 'address-line2' },
    'profile.address.city': { autoComplete: 'address-level2' },
    'profile.address.region': { autoComplete: 'address-level1' },
    'profile.address.postalCode': { autoComplete: 'postal-code' },
    'profile.address.country': { autoComplete: 'country', maxLength: 2, placeholder: 'US' },
  };

export interface OrgProfileFormProps extends Omit<
  React.ComponentPropsWithoutRef<typeof Primitive.form>,
  'onSubmit' | 'onError'
> {
  /** The org to edit; default: the session's active org. */
  orgId?: string | null;
  onSaved?: (org: MyOrg) => void;
  onError?: (error: ClientError) => void;
}

/**
 * Loads the org and holds the form's values. `data-state` is the load's
 * (`loading|empty|error|ready|forbidden`); `data-readonly` is set when the caller lacks
 * `org:update`, and every field is then disabled.
 */
function Root({ orgId, onSaved, onError, children, ...props }: OrgProfileFormProps) {
  const profile = useOrgProfile(orgId);
  const words = useWords('orgProfile', WORDS);
  const id = React.useId();
  const org = profile.org;
  // (Re)fill the form whenever the server's record changes: first load, another org, a save. Set
  // during render, not in an effect, so no frame shows a "ready" form without its fields; a
  // refetch of the same record (same version) keeps the edits.
  const version = org ? `${org.id}@${org.updatedAt}` : null;
  const [values, setValues] = React.useState<Values | null>(() => (org ? valuesOf(org) : null));
  const [filledFrom, setFilledFrom] = React.useState(version);
  if (version !== filledFrom) {
    setFilledFrom(version);
    setValues(org ? valuesOf(org) : null);
  }

  const readOnly = profile.state === 'ready' && !profile.canEdit;
  const setValue = (name: OrgProfileFieldName, value: string) =>
    setValues((current) => {
      if (!current) return current;
      const link = LINK.exec(name);
      if (!link) return { ...current, [name]: value };
      const index = Number(link[1]);
      const key = link[2] as keyof Link;
      return {
        ...current,
        links: current.links.map((entry, i) => (i === index ? { ...entry, [key]: value } : entry)),
      };
    });
  const valueOf = (name: OrgProfileFieldName): string => {
    if (!values) return '';
    const link = LINK.exec(name);
    if (!link) return isScalar(name) ? values[name] : '';
    return values.links[Number(link[1])]?.[link[2] as keyof Link] ?? '';
  };

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!values || readOnly) return;
    const result = await profile.save({ name: values.name.trim(), profile: profileOf(values) });
    if (result.ok) onSaved?.(result.data);
    else onError?.(result.error);
  };

  const kit: ProfileContext = {
    id,
    pending: profile.saving,
    readOnly,
    error: profile.saveError ?? (profile.state === 'error' ? profile.error : null),
    isField: (field) => isScalar(field) || LINK.test(field),
    label: (name) => {
      const link = LINK.exec(name);
      if (!link) return words[SCALARS[name as OrgProfileScalarField]];
      const template = link[2] === 'label' ? words.linkLabel : words.linkUrl;
      return template.replace('{n}', String(Number(link[1]) + 1));
    },
    input: (name) => ({
      type: LINK.exec(name)?.[2] === 'url' ? 'url' : 'text',
      ...(isScalar(name) ? INPUT_TYPES[name] : {}),
      value: valueOf(name),
      onChange: (event: React.ChangeEvent<HTMLInputElement>) =>
        setValue(name, event.currentTarget.value),
    }),
    submit: words.submit,
    profile,
    words,
    values,
    setValue,
    addLink: () =>
      setValues((current) =>
        current ? { ...current, links: [...current.links, { label: '', url: '' }] } : current,
      ),
    removeLink: (index) =>
      setValues((current) =>
        current ? { ...current, links: current.links.filter((_, i) => i !== index) } : current,
      ),
  };
  const Context = context.get();
  return (
    <Context.Provider value={kit}>
      <Primitive.form
        noValidate
        data-catalyst="org-profile"
        data-state={profile.state}
        data-readonly={readOnly ? '' : undefined}
        aria-busy={profile.state === 'loading' || profile.saving || undefined}
        {...props}
        onSubmit={onSubmit}
      >
        {children}
      </Primitive.form>
    </Context.Provider>
  );
}

const kitParts = makeFormParts<OrgProfileFieldName>(context.use);

/** The description, a `<textarea>` (or your element with `asChild`). */
function TextArea({
  name = 'profile.description',
  asChild,
  ...props
}: React.ComponentPropsWithoutRef<'textarea'> & {
  name?: 'profile.description';
  asChild?: boolean;
}) {
  const kit = context.use('TextArea');
  const invalid = kit.error?.field === name;
  const Comp = asChild ? Slot : 'textarea';
  return (
    <Comp
      id={fieldDomId(kit.id, name)}
      name={name}
      maxLength={1000}
      rows={3}
      disabled={kit.pending || kit.readOnly}
      aria-invalid={invalid || undefined}
      aria-describedby={invalid ? `${fieldDomId(kit.id, name)}-error` : undefined}
      data-catalyst="input"
      data-invalid={invalid ? '' : undefined}
      value={kit.values?.[name] ?? ''}
      onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) =>
        kit.setValue(name, event.currentTarget.value)
      }
      {...props}
    />
  );
}

/** Renders its children only once the org is loaded. */
function Fields({
  asChild,
  ...props
}: React.ComponentPropsWithoutRef<'div'> & { asChild?: boolean }) {
  const kit = context.use('Fields');
  if (!kit.values || kit.profile.state !== 'ready') return null;
  const Comp = asChild ? Slot : 'div';
  return <Comp data-catalyst="org-profile-fields" {...props} />;
}

type ParagraphProps = React.ComponentPropsWithoutRef<typeof Primitive.p>;

function stateOnly(state: 'loading' | 'empty' | 'forbidden', part: string) {
  return function StatePart({ asChild, children, ...props }: ParagraphProps) {
    const kit = context.use(part);
    if (kit.profile.state !== state) return null;
    return (
      <Primitive.p asChild={asChild} data-catalyst={`org-profile-${state}`} {...props}>
        {partContent(asChild, children, kit.words[state])}
      </Primitive.p>
    );
  };
}

/** Why the fields are disabled: shown only when the caller may not change the profile. */
function ReadOnlyNotice({ asChild, children, ...props }: ParagraphProps) {
  const kit = context.use('ReadOnlyNotice');
  if (!kit.readOnly) return null;
  return (
    <Primitive.p asChild={asChild} data-catalyst="org-profile-readonly" {...props}>
      {partContent(asChild, children, kit.words.readOnly)}
    </Primitive.p>
  );
}

/** A live region (`role="status"`) that says "Saved." after a successful save. */
function Saved({ asChild, children, ...props }: ParagraphProps) {
  const kit = context.use('Saved');
  if (kit.profile.state !== 'ready') return null;
  return (
    <Primitive.p
      asChild={asChild}
      role="status"
      data-catalyst="org-profile-saved"
      data-state={kit.profile.saved ? 'saved' : 'idle'}
      {...props}
    >
      {kit.profile.saved ? partContent(asChild, children, kit.words.saved) : null}
    </Primitive.p>
  );
}

interface LinksProps {
  /** One row per link; default: its text and URL fields and a remove button. */
  children?: (index: number) => React.ReactNode;
}

/** The profile's links, one row each (at most 10: the add button disappears then). */
function Links({ children }: LinksProps) {
  const kit = context.use('Links');
  return (
    <>
      {(kit.values?.links ?? []).map((_, index) => (
        <React.Fragment key={index}>
          {children ? children(index) : <DefaultLink index={index} />}
        </React.Fragment>
      ))}
    </>
  );
}

function DefaultLink({ index }: { index: number }) {
  const label = `profile.links.${index}.label` as const;
  const url = `profile.links.${index}.url` as const;
  return (
    <div data-catalyst="org-profile-link" data-index={index}>
      <div data-catalyst="field" data-name={label}>
        <kitParts.Label name={label} />
        <kitParts.Field name={label} />
        <kitParts.Error field={label} />
      </div>
      <div data-catalyst="field" data-name={url}>
        <kitParts.Label name={url} />
        <kitParts.Field name={url} />
        <kitParts.Error field={url} />
      </div>
      <RemoveLink index={index} />
    </div>
  );
}

type ButtonProps = React.ComponentPropsWithoutRef<typeof Primitive.button>;

function AddLink({ asChild, children, onClick, ...props }: ButtonProps) {
  const kit = context.use('AddLink');
  if (kit.readOnly || (kit.values?.links.length ?? 0) >= 10) return null;
  return (
    <Primitive.button
      asChild={asChild}
      type="button"
      disabled={kit.pending}
      data-catalyst="org-profile-add-link"
      {...props}
      onClick={(event: React.MouseEvent<HTMLButtonElement>) => {
        onClick?.(event);
        if (!event.defaultPrevented) kit.addLink();
      }}
    >
      {partContent(asChild, children, kit.words.addLink)}
    </Primitive.button>
  );
}

function RemoveLink({
  index,
  asChild,
  children,
  onClick,
  ...props
}: ButtonProps & { index: number }) {
  const kit = context.use('RemoveLink');
  if (kit.readOnly) return null;
  return (
    <Primitive.button
      asChild={asChild}
      type="button"
      disabled={kit.pending}
      data-catalyst="org-profile-remove-link"
      {...props}
      onClick={(event: React.MouseEvent<HTMLButtonElement>) => {
        onClick?.(event);
        if (!event.defaultPrevented) kit.removeLink(index);
      }}
    >
      {partContent(asChild, children, kit.words.removeLink.replace('{n}', String(index + 1)))}
    </Primitive.button>
  );
}

const Loading = stateOnly('loading', 'Loading');
const Empty = stateOnly('empty', 'Empty');
const Forbidden = stateOnly('forbidden', 'Forbidden');

function ProfileField({ name }: { name: OrgProfileScalarField }) {
  return (
    <div data-catalyst="field" data-name={name}>
      <kitParts.Label name={name} />
      {name === 'profile.description' ? <TextArea /> : <kitParts.Field name={name} />}
      <kitParts.Error field={name} />
    </div>
  );
}

function Legend({ children }: { children: React.ReactNode }) {
  return <legend data-catalyst="legend">{children}</legend>;
}

function DefaultOrgProfileForm(props: OrgProfileFormProps) {
  const words = useWords('orgProfile', WORDS);
  return (
    <Root {...props}>
      <Loading />
      <Empty />
      <Forbidden />
      <kitParts.Error />
      <Fields>
        <ReadOnlyNotice />
        <ProfileField name="name" />
        <ProfileField name="profile.logoUrl" />
        <ProfileField name="profile.description" />
        <ProfileField name="profile.website" />
        <ProfileField name="profile.brandColors.primary" />
        <ProfileField name="profile.brandColors.secondary" />
        <fieldset data-catalyst="org-profile-address">
          <Legend>{words.address}</Legend>
          <ProfileField name="profile.address.line1" />
          <ProfileField name="profile.address.line2" />
          <ProfileField name="profile.address.city" />
          <ProfileField name="profile.address.region" />
          <ProfileField name="profile.address.postalCode" />
          <ProfileField name="profile.address.country" />
        </fieldset>
        <fieldset data-catalyst="org-profile-links">
          <Legend>{words.links}</Legend>
          <Links />
          <AddLink />
        </fieldset>
        <kitParts.Submit />
        <Saved />
      </Fields>
    </Root>
  );
}

/**
 * `<OrgProfileForm />` is the default composition; `OrgProfileForm.Root`, `.Fields`, `.Label`,
 * `.Field`, `.TextArea`, `.Error`, `.Links`, `.AddLink`, `.RemoveLink`, `.Submit`, `.Saved`,
 * `.ReadOnlyNotice`, `.Loading`, `.Empty` and `.Forbidden` compose your own. Field names are the
 * server's field paths (`name`, `profile.website`, `profile.links.0.url`…).
 */
export const OrgProfileForm = Object.assign(DefaultOrgProfileForm, {
  Root,
  Fields,
  ...kitParts,
  TextArea,
  Links,
  AddLink,
  RemoveLink,
  Saved,
  ReadOnlyNotice,
  Loading,
  Empty,
  Forbidden,
});
