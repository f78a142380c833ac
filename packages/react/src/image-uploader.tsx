'use client';
import type { ClientError } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { fillIn, LiveStatus, PartButton, PartText } from './account-parts.js';
import { partContent } from './default-content.js';
import { lazyContext } from './form-kit.js';
import { ErrorAlert } from './key-parts.js';
import { useWords } from './localization.js';
import { IMAGE_UPLOAD_WORDS, type ImageUploadWords } from './profile-words.js';
import { formatBytes, IMAGE_TYPES, type UseImageUploadResult } from './use-image-upload.js';

/**
 * The parts `<AvatarUploader>` and `<LogoUploader>` share (one flow, two resources): the image
 * or a preview of the file on its way, a file input inside a drop zone, the hint, remove, the
 * refusal (the browser's fast check or the server's 413/415, both on `field: 'file'`) and a
 * live status.
 */

export type DivProps = React.ComponentPropsWithoutRef<typeof Primitive.div>;
export type ParagraphProps = React.ComponentPropsWithoutRef<typeof Primitive.p>;
export type ButtonProps = React.ComponentProps<typeof Primitive.button>;
export type LabelProps = React.ComponentPropsWithoutRef<typeof Primitive.label>;

/** Which words an uploader uses where the avatar and the logo differ. */
interface Kind {
  component: string;
  catalyst: string;
  image: keyof ImageUploadWords;
  none: keyof ImageUploadWords;
  choose: keyof ImageUploadWords;
  remove: keyof ImageUploadWords;
  /** The Root props that go to the hook (the rest go to the element). */
  options: readonly string[];
}

interface UploaderContext extends UseImageUploadResult {
  kind: Kind;
  words: ImageUploadWords;
  id: string;
  /** Empty for want of an org (the logo uploader), not of an image. */
  noOrg: boolean;
}

export interface ImageUploaderCallbacks {
  /** After the server took the file. */
  onUploaded?: () => void;
  onError?: (error: ClientError) => void;
}

/** An uploader's Root props: the element's, the hook's options `P`, and the callbacks. */
export type ImageUploaderProps<P> = Omit<DivProps, 'onError'> & P & ImageUploaderCallbacks;

type Part<T> = (props: T) => React.ReactNode;

/** `<AvatarUploader />` or `<LogoUploader />`, and their parts. */
export interface ImageUploader<P> extends Part<ImageUploaderProps<P>> {
  Root: Part<ImageUploaderProps<P>>;
  Image: Part<Omit<React.ComponentPropsWithoutRef<'img'>, 'src'>>;
  Loading: Part<ParagraphProps>;
  Forbidden: Part<ParagraphProps>;
  Empty: Part<ParagraphProps>;
  Dropzone: Part<DivProps>;
  Label: Part<LabelProps>;
  Input: Part<Omit<React.ComponentPropsWithoutRef<'input'>, 'type'>>;
  Hint: Part<ParagraphProps>;
  Remove: Part<ButtonProps>;
  Error: Part<ParagraphProps>;
  Status: Part<ParagraphProps>;
}

export function makeImageUploader<P extends object>(
  kind: Kind,
  useUpload: (props: P) => UseImageUploadResult & { orgId?: string | null },
): ImageUploader<P> {
  const context = lazyContext<UploaderContext>(kind.component);
  const part = (name: string) => `${kind.catalyst}-${name}`;

  type RootProps = ImageUploaderProps<P>;

  /**
   * `data-state="loading|empty|error|ready|forbidden"` (empty: no image yet);
   * `data-pending="upload|remove"` while a request is out.
   */
  function Root({ onUploaded, onError, ...rest }: RootProps) {
    const options: Record<string, unknown> = {};
    const own: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(rest)) {
      (kind.options.includes(key) ? options : own)[key] = value;
    }
    const hook = useUpload(options as P);
    const words = useWords('imageUpload', IMAGE_UPLOAD_WORDS);
    const id = React.useId();
    const upload = async (file: Blob) => {
      const result = await hook.upload(file);
      if (result.ok) onUploaded?.();
      else onError?.(result.error);
      return result;
    };
    const Context = context.get();
    const pending = hook.uploading ? 'upload' : hook.removing ? 'remove' : undefined;
    return (
      <Context.Provider value={{ ...hook, upload, kind, words, id, noOrg: hook.orgId === null }}>
        <Primitive.div
          data-catalyst={kind.catalyst}
          data-state={hook.state}
          data-pending={pending}
          aria-busy={hook.state === 'loading' || pending !== undefined || undefined}
          {...own}
        />
      </Context.Provider>
    );
  }

  /** The image (or the chosen file's preview while it uploads); nothing without either. */
  function Image(props: Omit<React.ComponentPropsWithoutRef<'img'>, 'src'>) {
    const ctx = context.use('Image');
    const src = ctx.preview ?? ctx.url;
    if (!src || ctx.state === 'forbidden') return null;
    return (
      <img
        src={src}
        alt={ctx.words[kind.image]}
        data-catalyst={part('image')}
        data-preview={ctx.preview ? '' : undefined}
        {...props}
      />
    );
  }

  function StateText({ state, text, ...props }: ParagraphProps & { state: string; text: string }) {
    const ctx = context.use(state);
    if (ctx.state !== state || (state === 'empty' && ctx.preview)) return null;
    return <PartText catalyst={part(state)} text={text} {...props} />;
  }

  const Loading = (props: ParagraphProps) => (
    <StateText state="loading" text={context.use('Loading').words.loading} {...props} />
  );
  const Forbidden = (props: ParagraphProps) => (
    <StateText state="forbidden" text={context.use('Forbidden').words.forbidden} {...props} />
  );
  function Empty(props: ParagraphProps) {
    const ctx = context.use('Empty');
    return <StateText state="empty" text={ctx.words[ctx.noOrg ? 'noOrg' : kind.none]} {...props} />;
  }

  const open = (ctx: UploaderContext) =>
    ctx.canEdit && !ctx.noOrg && (ctx.state === 'ready' || ctx.state === 'empty');

  /**
   * Where a file can be dropped (a pointer convenience: the file input inside it is the way in
   * for everyone). `data-dragging` while a file is over it. Default content: Label, Input, Hint.
   */
  function Dropzone({ asChild, children, ...props }: DivProps) {
    const ctx = context.use('Dropzone');
    const [dragging, setDragging] = React.useState(false);
    if (!open(ctx)) return null;
    const busy = ctx.uploading || ctx.removing;
    return (
      <Primitive.div
        asChild={asChild}
        data-catalyst={part('dropzone')}
        data-dragging={dragging ? '' : undefined}
        onDragOver={(event: React.DragEvent) => {
          event.preventDefault();
          if (!busy) setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event: React.DragEvent) => {
          event.preventDefault();
          setDragging(false);
          const file = event.dataTransfer.files[0];
          if (file && !busy) void ctx.upload(file);
        }}
        {...props}
      >
        {children ?? (
          <>
            <Label />
            <Input />
            <Hint />
          </>
        )}
      </Primitive.div>
    );
  }

  function Label({ asChild, children, ...props }: LabelProps) {
    const ctx = context.use('Label');
    return (
      <Primitive.label
        asChild={asChild}
        htmlFor={`${ctx.id}-file`}
        data-catalyst="label"
        {...props}
      >
        {partContent(asChild, children, ctx.words[kind.choose])}
      </Primitive.label>
    );
  }

  /** `<input type="file">`; choosing a file uploads it at once. */
  function Input(props: Omit<React.ComponentPropsWithoutRef<'input'>, 'type'>) {
    const ctx = context.use('Input');
    const invalid = ctx.error?.field === 'file';
    return (
      <input
        type="file"
        id={`${ctx.id}-file`}
        name="file"
        accept={IMAGE_TYPES.join(',')}
        disabled={ctx.uploading || ctx.removing}
        aria-invalid={invalid || undefined}
        aria-describedby={`${ctx.id}-hint${invalid ? ` ${ctx.id}-error` : ''}`}
        data-catalyst="input"
        data-invalid={invalid ? '' : undefined}
        {...props}
        onChange={(event) => {
          props.onChange?.(event);
          const input = event.currentTarget;
          const file = input.files?.[0];
          // Cleared, so choosing the same file again (after a fix on the server) still uploads.
          input.value = '';
          if (file && !event.defaultPrevented) void ctx.upload(file);
        }}
      />
    );
  }

  function Hint(props: ParagraphProps) {
    const ctx = context.use('Hint');
    const text = fillIn(ctx.words.dropHint, { size: formatBytes(ctx.maxBytes) });
    return <PartText id={`${ctx.id}-hint`} catalyst={part('hint')} text={text} {...props} />;
  }

  /** Removes the image; only when there is one and the caller may. */
  function Remove(props: ButtonProps) {
    const ctx = context.use('Remove');
    if (!open(ctx) || !ctx.url) return null;
    return (
      <PartButton
        catalyst={part('remove')}
        text={ctx.words[kind.remove]}
        disabled={ctx.uploading || ctx.removing}
        data-state={ctx.removing ? 'pending' : undefined}
        onPress={() => void ctx.remove()}
        {...props}
      />
    );
  }

  /** Loading failed, or the last upload or removal did (`data-code`: `unsupported_image`, …). */
  function ErrorPart(props: ParagraphProps) {
    const ctx = context.use('Error');
    if (ctx.state === 'forbidden') return null;
    return (
      <ErrorAlert id={`${ctx.id}-error`} error={ctx.error} catalyst={part('error')} {...props} />
    );
  }

  /** A live region: uploading, then updated or removed. */
  function Status(props: ParagraphProps) {
    const ctx = context.use('Status');
    const text = ctx.uploading
      ? ctx.words.uploading
      : ctx.done === 'uploaded'
        ? ctx.words.uploaded
        : ctx.done === 'removed'
          ? ctx.words.removed
          : null;
    return <LiveStatus catalyst={part('status')} text={text} {...props} />;
  }

  function Default(props: RootProps) {
    return (
      <Root {...props}>
        <Image />
        <Loading />
        <Forbidden />
        <Empty />
        <Dropzone />
        <Remove />
        <ErrorPart />
        <Status />
      </Root>
    );
  }

  return Object.assign(Default, {
    Root,
    Image,
    Loading,
    Forbidden,
    Empty,
    Dropzone,
    Label,
    Input,
    Hint,
    Remove,
    Error: ErrorPart,
    Status,
  });
}
