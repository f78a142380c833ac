'use client';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { PartText } from './account-parts.js';
import { AvatarUploader } from './avatar-uploader.js';
import type { DataState } from './data/core.js';
import { partContent } from './default-content.js';
import { lazyContext } from './form-kit.js';
import { onTablistKeyDown } from './tablist-keys.js';
import { useWords } from './localization.js';
import { USER_PROFILE_WORDS, type UserProfileWords } from './profile-words.js';
import { useSession } from './hooks.js';
import { UserProfileForm, type ProfileFieldDescription } from './user-profile-form.js';

export type UserProfileSection = 'profile' | 'security' | 'keys' | 'orgs';

const ALL_SECTIONS: readonly UserProfileSection[] = ['profile', 'security', 'keys', 'orgs'];
const TAB_WORDS = {
  profile: 'profileTab',
  security: 'securityTab',
  keys: 'keysTab',
  orgs: 'orgsTab',
} as const satisfies Record<UserProfileSection, keyof UserProfileWords>;

interface ProfileContext {
  words: UserProfileWords;
  id: string;
  state: DataState;
  sections: readonly UserProfileSection[];
  section: UserProfileSection;
  select(section: UserProfileSection): void;
  fields: Record<string, ProfileFieldDescription> | undefined;
}

const context = lazyContext<ProfileContext>('UserProfile');

type DivProps = React.ComponentPropsWithoutRef<typeof Primitive.div>;
type ParagraphProps = React.ComponentPropsWithoutRef<typeof Primitive.p>;

export interface UserProfileProps extends DivProps {
  /** Which tabs to show, in order; default all four. */
  sections?: readonly UserProfileSection[];
  /** The open tab, when you hold it (in the URL, say); else `defaultSection`, else the first. */
  section?: UserProfileSection;
  defaultSection?: UserProfileSection;
  onSectionChange?: (section: UserProfileSection) => void;
  /** Your custom profile fields, for `<UserProfileForm fields>`. */
  fields?: Record<string, ProfileFieldDescription>;
}

const domId = (id: string, kind: 'tab' | 'panel', section: string) => `${id}-${kind}-${section}`;

/**
 * Holds the open tab. `data-state` is the session's: `loading`, `forbidden` when nobody is signed
 * in, else `ready` (each section shows its own data's state); `data-section` is the open tab.
 */
function Root({
  sections = ALL_SECTIONS,
  section: controlled,
  defaultSection,
  onSectionChange,
  fields,
  ...props
}: UserProfileProps) {
  const session = useSession();
  // Not the profile's state: a failed profile would hide the tabs, and remounting them would
  // refetch it, over and over. The sections show their own errors.
  const state: DataState =
    session.status === 'loading' ? 'loading' : session.data ? 'ready' : 'forbidden';
  const words = useWords('userProfile', USER_PROFILE_WORDS);
  const id = React.useId();
  const [own, setOwn] = React.useState(defaultSection ?? sections[0] ?? 'profile');
  const section = controlled ?? own;
  const select = (next: UserProfileSection) => {
    setOwn(next);
    onSectionChange?.(next);
  };
  const Context = context.get();
  return (
    <Context.Provider value={{ words, id, state, sections, section, select, fields }}>
      <Primitive.div
        data-catalyst="user-profile"
        data-state={state}
        data-section={section}
        aria-busy={state === 'loading' || undefined}
        {...props}
      />
    </Context.Provider>
  );
}

/** Shown while nobody is signed in or the session loads, the tabs are not. */
const open = (ctx: ProfileContext) => ctx.state !== 'forbidden' && ctx.state !== 'loading';

/**
 * The tab list (`role="tablist"`): one tab per section, or your `Tab`s. Arrow keys, Home and End
 * move between tabs and open the one they land on.
 */
function Tabs({ children, onKeyDown, ...props }: DivProps) {
  const ctx = context.use('Tabs');
  if (!open(ctx)) return null;
  return (
    <Primitive.div
      role="tablist"
      aria-label={ctx.words.sections}
      data-catalyst="user-profile-tabs"
      {...props}
      onKeyDown={(event: React.KeyboardEvent<HTMLDivElement>) => {
        onKeyDown?.(event);
        onTablistKeyDown(event);
      }}
    >
      {children ?? ctx.sections.map((section) => <Tab key={section} section={section} />)}
    </Primitive.div>
  );
}

function Tab({
  section,
  asChild,
  children,
  onClick,
  ...props
}: React.ComponentPropsWithoutRef<typeof Primitive.button> & { section: UserProfileSection }) {
  const ctx = context.use('Tab');
  const selected = ctx.section === section;
  return (
    <Primitive.button
      asChild={asChild}
      type="button"
      role="tab"
      id={domId(ctx.id, 'tab', section)}
      aria-selected={selected}
      aria-controls={domId(ctx.id, 'panel', section)}
      tabIndex={selected ? 0 : -1}
      data-catalyst="user-profile-tab"
      data-section={section}
      data-state={selected ? 'active' : 'inactive'}
      {...props}
      onClick={(event: React.MouseEvent<HTMLButtonElement>) => {
        onClick?.(event);
        if (!event.defaultPrevented && !selected) ctx.select(section);
      }}
    >
      {partContent(asChild, children, ctx.words[TAB_WORDS[section]])}
    </Primitive.button>
  );
}

/** The open section's panel (`role="tabpanel"`); the others render nothing. */
function Panel({ section, ...props }: DivProps & { section: UserProfileSection }) {
  const ctx = context.use('Panel');
  if (!open(ctx) || ctx.section !== section) return null;
  return (
    <Primitive.div
      role="tabpanel"
      id={domId(ctx.id, 'panel', section)}
      aria-labelledby={domId(ctx.id, 'tab', section)}
      tabIndex={0}
      data-catalyst="user-profile-panel"
      data-section={section}
      {...props}
    />
  );
}

function stateText(state: 'loading' | 'forbidden') {
  return function StatePart(props: ParagraphProps) {
    const ctx = context.use(state === 'loading' ? 'Loading' : 'Forbidden');
    if (ctx.state !== state) return null;
    return <PartText catalyst={`user-profile-${state}`} text={ctx.words[state]} {...props} />;
  };
}

const Loading = stateText('loading');
const Forbidden = stateText('forbidden');

/** Your avatar and the profile form. */
function ProfileSection() {
  const ctx = context.use('ProfileSection');
  return (
    <>
      <AvatarUploader />
      <UserProfileForm fields={ctx.fields} />
    </>
  );
}

type Loader = () => Promise<React.ComponentType>;

/**
 * A section whose code loads when its tab first opens (`import()`): the profile tab does not
 * ship TOTP, WebAuthn, the key manager or the org switcher. Made on first render, not at import,
 * so server components can import this module.
 */
function lazySection(load: Loader) {
  let Lazy: React.LazyExoticComponent<React.ComponentType> | undefined;
  return function LazySection() {
    const ctx = context.use('Section');
    Lazy ??= React.lazy(async () => ({ default: await load() }));
    return (
      <React.Suspense
        fallback={
          <PartText catalyst="user-profile-section-loading" text={ctx.words.sectionLoading} />
        }
      >
        <Lazy />
      </React.Suspense>
    );
  };
}

const SecuritySection = lazySection(() =>
  import('./user-profile-security.js').then((m) => m.SecuritySection),
);
const KeysSection = lazySection(() => import('./key-manager.js').then((m) => m.KeyManager));
const OrgsSection = lazySection(() => import('./org-switcher.js').then((m) => m.OrgSwitcher));

const SECTIONS: Record<UserProfileSection, () => React.ReactNode> = {
  profile: ProfileSection,
  security: SecuritySection,
  keys: KeysSection,
  orgs: OrgsSection,
};

function DefaultUserProfile(props: UserProfileProps) {
  const sections = props.sections ?? ALL_SECTIONS;
  return (
    <Root {...props}>
      <Loading />
      <Forbidden />
      <Tabs />
      {sections.map((section) => {
        const Section = SECTIONS[section];
        return (
          <Panel key={section} section={section}>
            <Section />
          </Panel>
        );
      })}
    </Root>
  );
}

/**
 * `<UserProfile />`: the account page in four tabs: Profile (avatar and profile form), Security
 * (password, authenticator app and recovery codes, passkeys, devices), API keys (your own) and
 * Organizations. Compose your own from `UserProfile.Root`, `.Tabs`, `.Tab`, `.Panel`,
 * `.Loading`, `.Forbidden` and the sections `.ProfileSection`, `.SecuritySection`,
 * `.KeysSection` and `.OrgsSection` (all but the first load their code when first shown).
 */
export const UserProfile = Object.assign(DefaultUserProfile, {
  Root,
  Tabs,
  Tab,
  Panel,
  Loading,
  Forbidden,
  ProfileSection,
  SecuritySection,
  KeysSection,
  OrgsSection,
});
