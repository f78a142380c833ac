'use client';
import { makeImageUploader, type ImageUploaderProps } from './image-uploader.js';
import { useOrgLogoUpload, type UseOrgLogoUploadOptions } from './use-org-logo.js';

export interface LogoUploaderOptions extends UseOrgLogoUploadOptions {
  /** The org whose logo to change; default: the session's active org. */
  orgId?: string | null;
}

function useLogo({ orgId, ...options }: LogoUploaderOptions) {
  return useOrgLogoUpload(orgId, options);
}

export type LogoUploaderProps = ImageUploaderProps<LogoUploaderOptions>;

/**
 * `<LogoUploader />`: an org's logo (`profile.logoUrl`), uploaded from a file input or a drop,
 * and removed. `forbidden` for a caller without `org:update` in that org; the same checks and
 * parts as `<AvatarUploader>` (`LogoUploader.Root`, `.Image`, `.Dropzone`, `.Input`, …).
 */
export const LogoUploader = makeImageUploader<LogoUploaderOptions>(
  {
    component: 'LogoUploader',
    catalyst: 'logo-uploader',
    image: 'logo',
    none: 'noLogo',
    choose: 'chooseLogo',
    remove: 'removeLogo',
    options: ['orgId', 'maxBytes'],
  },
  useLogo,
);
