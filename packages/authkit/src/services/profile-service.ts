import { AuthkitError } from '../domain/errors.js';
import type { Profile, ProfilePatch } from '../domain/profile.js';
import type { Clock } from '../ports/clock.js';
import type { ProfileChanges, ProfileRecord } from '../ports/profile-store.js';
import type { RateLimiterPort } from '../ports/rate-limit.js';
import type { StoragePort } from '../ports/storage.js';
import type { StorePort } from '../ports/store.js';
import { CONTROL_CHARACTERS } from '../server/schemas.js';
import { recordEvent } from './event-recorder.js';
import { cleanImage, type ImageLimits } from './image-upload.js';
import {
  canonicalLocale,
  canonicalTimeZone,
  checkFields,
  type FieldValidators,
} from './profile-fields.js';
import type { RequestContext } from './request-context.js';

export interface ProfileServiceOptions {
  fields: FieldValidators;
  avatarLimits: ImageLimits;
  /** Absolute URL prefix files are served under: `<baseUrl><basePath>/files/`. */
  filesBase: string;
  uploadsPerUser: RateLimiterPort;
}

const noSuchUser = () => new AuthkitError('not_found', 'no such user', { field: 'userId' });
const NAME_MAX = 200;

/** Trimmed; empty clears it. Checked here too, so admin calls get the rules HTTP callers get. */
function checkName(value: string | null): string | null {
  if (value === null) return null;
  const name = value.trim();
  if (name.length > NAME_MAX || CONTROL_CHARACTERS.test(name)) {
    throw new AuthkitError(
      'invalid_request',
      `name: must be at most ${NAME_MAX} characters, without control characters`,
      { field: 'name' },
    );
  }
  return name === '' ? null : name;
}

/**
 * Users' profiles: name, locale, time zone, custom fields and avatar. Every method takes the actor
 * apart from the target, so a platform admin's edit of someone else's profile is audited as theirs.
 */
export class ProfileService {
  constructor(
    private readonly store: StorePort,
    private readonly clock: Clock,
    private readonly storage: StoragePort,
    private readonly forgetUser: (userId: string) => Promise<void>,
    private readonly options: ProfileServiceOptions,
  ) {}

  /** The public URL of a stored file. */
  fileUrl(id: string): string {
    return this.options.filesBase + id;
  }

  /** The file id behind one of our URLs; null for any other URL (an org may link elsewhere). */
  fileIdOf(url: string | undefined): string | null {
    if (!url?.startsWith(this.options.filesBase)) return null;
    const id = url.slice(this.options.filesBase.length);
    return /^file_[0-9a-z]+$/.test(id) ? id : null;
  }

  private view(record: ProfileRecord): Profile {
    return {
      userId: record.userId,
      email: record.email,
      name: record.name,
      locale: record.locale,
      timezone: record.timezone,
      avatarUrl: record.avatarFileId ? this.fileUrl(record.avatarFileId) : null,
      fields: record.data,
      updatedAt: record.updatedAt.toISOString(),
    };
  }

  async get(userId: string): Promise<Profile> {
    const record = await this.store.profiles.get(userId);
    if (!record) throw noSuchUser();
    return this.view(record);
  }

  /** Validates the whole patch first: a bad field is a 400 naming it, and nothing is written. */
  private changesOf(patch: ProfilePatch): { changes: ProfileChanges; names: string[] } {
    const changes: ProfileChanges = {};
    if (patch.name !== undefined) changes.name = checkName(patch.name);
    if (patch.locale !== undefined) {
      changes.locale = patch.locale === null ? null : canonicalLocale(patch.locale);
    }
    if (patch.timezone !== undefined) {
      changes.timezone = patch.timezone === null ? null : canonicalTimeZone(patch.timezone);
    }
    const names = Object.keys(changes);
    if (patch.fields !== undefined) {
      const { set, remove } = checkFields(this.options.fields, patch.fields);
      changes.setFields = set;
      changes.removeFields = remove;
      names.push(...[...Object.keys(set), ...remove].map((name) => `fields.${name}`));
    }
    return { changes, names };
  }

  async update(
    actorId: string,
    userId: string,
    patch: ProfilePatch,
    context: RequestContext,
  ): Promise<Profile> {
    const { changes, names } = this.changesOf(patch);
    if (names.length === 0) return this.get(userId);
    const record = await this.store.transaction(async (tx) => {
      const updated = await tx.profiles.update(userId, changes, this.clock.now());
      if (!updated) throw noSuchUser();
      await this.audit(tx, actorId, userId, names.sort(), context);
      return updated;
    });
    if (changes.name !== undefined) await this.forgetUser(userId);
    return this.view(record);
  }

  /** Charges one upload to the actor before any decoding work is done. */
  async limitUploads(actorId: string): Promise<void> {
    const result = await this.options.uploadsPerUser.consume(actorId);
    if (!result.allowed) {
      throw new AuthkitError('rate_limited', 'too many uploads; try again later', {
        retryAfter: result.retryAfterSeconds,
      });
    }
  }

  /** Checks and re-encodes the image, stores it, points the avatar at it, drops the old one. */
  async setAvatar(
    actorId: string,
    userId: string,
    bytes: Uint8Array,
    context: RequestContext,
  ): Promise<Profile> {
    await this.limitUploads(actorId);
    if (!(await this.store.users.findById(userId))) throw noSuchUser();
    const image = await cleanImage(bytes, this.options.avatarLimits);
    const file = await this.storage.put({
      ownerType: 'user',
      ownerId: userId,
      purpose: 'avatar',
      contentType: image.contentType,
      bytes: image.bytes,
    });
    const previous = await this.swap(actorId, userId, file.id, context).catch(async (error) => {
      await this.discard(file.id);
      throw error;
    });
    if (previous) await this.discard(previous);
    return this.get(userId);
  }

  async removeAvatar(actorId: string, userId: string, context: RequestContext): Promise<void> {
    const previous = await this.swap(actorId, userId, null, context);
    if (previous) await this.discard(previous);
  }

  private swap(
    actorId: string,
    userId: string,
    fileId: string | null,
    context: RequestContext,
  ): Promise<string | null> {
    return this.store.transaction(async (tx) => {
      const swapped = await tx.profiles.swapAvatar(userId, fileId, this.clock.now());
      if (!swapped) throw noSuchUser();
      if (fileId !== null || swapped.previous !== null) {
        await this.audit(tx, actorId, userId, ['avatar'], context);
      }
      return swapped.previous;
    });
  }

  /** The replaced file goes once nothing points to it; failing to delete only leaves an orphan. */
  async discard(fileId: string): Promise<void> {
    await this.storage.delete(fileId).catch(() => undefined);
  }

  private audit(
    tx: StorePort,
    actorId: string,
    userId: string,
    fields: string[],
    context: RequestContext,
  ): Promise<void> {
    // Names of the changed fields only: profile values are personal data the log keeps forever.
    return recordEvent(tx, this.clock, {
      action: 'user.profile_updated',
      actorType: 'user',
      actorId,
      targetType: 'user',
      targetId: userId,
      data: { fields },
      context,
    });
  }
}
