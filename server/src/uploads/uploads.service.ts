import { Inject, Injectable } from '@nestjs/common';
import { VOICE_MAX_BYTES, VOICE_MAX_SECONDS, type PhotoView, type UploadView, type VoiceUploadView, type VoiceView } from '@minqing/shared';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { Clock } from '../common/clock.js';
import { newId } from '../common/columns.js';
import { DomainError } from '../common/domain-error.js';
import { Transactions } from '../database/transactions.js';
import type { AuthUser } from '../users/auth-user.js';
import { UsersRepository } from '../users/users.repository.js';
import type { Upload } from './entities/upload.entity.js';
import { FILE_STORAGE, type FileStorage } from './file-storage.js';
import { sanitizeImage } from './image-sanitizer.js';
import { sniffVoice, voiceExtension } from './audio-sniffer.js';
import { STORE_URL_TTL_SECONDS, signUploadUrl, verifyUploadSignature } from './signed-url.js';
import { UploadsRepository } from './uploads.repository.js';

const DAY_MS = 24 * 3600_000;
/** A .part file this old is no write in progress. */
const LEFTOVER_MS = 3600_000;

/** Whether this person may now read this appeal: the appeals module answers (it knows who may), set at start-up. */
export type AppealReadable = (viewer: AuthUser, appealId: string) => Promise<boolean>;
/** Whether this person may now hear this appeal's voice note (shared/'s VOICE_LISTENERS), set at start-up likewise. */
export type AppealAudible = AppealReadable;

/** A recording a little over the minute is the recorder's rounding, not a longer note. */
const VOICE_SLACK_MS = 1500;

@Injectable()
export class UploadsService {
  /** Nobody, until the appeals module says who may read an appeal. */
  appealReadable: AppealReadable = () => Promise.resolve(false);
  /** Nobody, until the appeals module says who may hear an appeal's voice. */
  appealAudible: AppealAudible = () => Promise.resolve(false);

  constructor(
    @Inject(UploadsRepository) private readonly uploads: UploadsRepository,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(Transactions) private readonly transactions: Transactions,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Stores a photo within its owner's quota of photos no appeal carries yet (the last 24 hours). The
   * quota is counted under the owner's row lock, so parallel uploads cannot all pass one count.
   */
  async store(ownerId: string, bytes: Buffer): Promise<UploadView> {
    const now = this.clock.now();
    await this.refuseEarlyOverQuota(ownerId, now);
    const image = await sanitizeImage(bytes);
    const id = newId();
    const upload: Upload = {
      id,
      ownerId,
      appealId: null,
      position: null,
      eventId: null,
      kind: 'photo',
      mime: image.mime,
      size: image.bytes.length,
      durationMs: null,
      width: image.width,
      height: image.height,
      storageKey: `${id}.${image.mime === 'image/png' ? 'png' : 'jpg'}`,
      createdAt: now,
    };
    await this.keep(upload, image.bytes, now);
    return { id, mime: upload.mime, size: upload.size, width: upload.width, height: upload.height };
  }

  /**
   * Stores a voice note as recorded — its type told by its bytes, at most VOICE_MAX_BYTES and a minute long — within
   * the same quota as photos. `recordedMs` is the recorder's own figure, used only where the container tells none.
   */
  async storeVoice(ownerId: string, bytes: Buffer, recordedMs: number | null): Promise<VoiceUploadView> {
    const now = this.clock.now();
    if (bytes.length > VOICE_MAX_BYTES) throw new DomainError('VOICE_TOO_LARGE');
    await this.refuseEarlyOverQuota(ownerId, now);
    const voice = sniffVoice(bytes);
    if (!voice) throw new DomainError('VOICE_NOT_AUDIO');
    const durationMs = voice.durationMs ?? recordedMs;
    if (durationMs === null || durationMs <= 0) throw new DomainError('VOICE_NOT_AUDIO');
    if (durationMs > VOICE_MAX_SECONDS * 1000 + VOICE_SLACK_MS) throw new DomainError('VOICE_TOO_LONG');
    const id = newId();
    const upload: Upload = {
      id,
      ownerId,
      appealId: null,
      position: null,
      eventId: null,
      kind: 'voice',
      mime: voice.mime,
      size: bytes.length,
      durationMs: Math.min(durationMs, VOICE_MAX_SECONDS * 1000),
      width: 0,
      height: 0,
      storageKey: `${id}.${voiceExtension(voice.mime)}`,
      createdAt: now,
    };
    await this.keep(upload, bytes, now);
    return { id, mime: upload.mime, size: upload.size, seconds: secondsOf(upload) };
  }

  /** A person already at their quota is refused before the file is decoded and written (the costly part of a flood). */
  private async refuseEarlyOverQuota(ownerId: string, now: Date): Promise<void> {
    const { photosPerDay, bytesPerDay } = this.config.uploadQuota;
    const early = await this.uploads.unattachedSince(ownerId, new Date(now.getTime() - DAY_MS));
    if (early.count >= photosPerDay || early.bytes >= bytesPerDay) throw new DomainError('UPLOAD_QUOTA_EXCEEDED');
  }

  private async keep(upload: Upload, bytes: Buffer, now: Date): Promise<void> {
    const { ownerId, storageKey } = upload;
    const since = new Date(now.getTime() - DAY_MS);
    const { photosPerDay, bytesPerDay } = this.config.uploadQuota;
    // Bytes first, row second: a row never points at a file that is not there.
    await this.storage.put(storageKey, bytes);
    try {
      await this.transactions.run(async (manager) => {
        await this.users.lockForUpdate(manager, ownerId);
        // The count that decides, under the owner's lock: parallel uploads cannot all pass one count.
        const held = await this.uploads.unattachedSince(ownerId, since, manager);
        if (held.count >= photosPerDay || held.bytes + upload.size > bytesPerDay) throw new DomainError('UPLOAD_QUOTA_EXCEEDED');
        await this.uploads.insert(manager, upload);
      });
    } catch (error) {
      // The refusal is what the person hears, even if the store fails to remove the file as well.
      await this.storage.remove(storageKey).catch(() => undefined);
      throw error;
    }
  }

  /**
   * The photo, for the viewer its URL was signed for, while they may still read its appeal; 404 otherwise.
   * From an object store: a presigned URL of the store's, made only now that the viewer passed, and good
   * for a minute (long enough to follow a redirect); the bytes themselves never pass through this server.
   */
  async readSigned(id: string, viewerId: string, exp: string, sig: string): Promise<{ mime: string; bytes: Buffer } | { redirect: string }> {
    if (!verifyUploadSignature(this.config.tokenSecret, id, viewerId, exp, sig, this.clock.now())) throw DomainError.notFound();
    const [upload, viewer] = await Promise.all([this.uploads.findById(id), this.users.loadAuthUser(viewerId)]);
    if (!upload || !viewer) throw DomainError.notFound();
    // A voice note only for those who may hear it (a leader may read the appeal, never hear the worker's voice).
    const mayRead = upload.kind === 'voice' ? this.appealAudible : this.appealReadable;
    const readable = upload.appealId ? await mayRead(viewer, upload.appealId) : upload.ownerId === viewer.user.id;
    if (!readable) throw DomainError.notFound();
    const redirect = await this.storage.signedReadUrl?.(upload.storageKey, { now: this.clock.now(), expiresInSeconds: STORE_URL_TTL_SECONDS });
    if (redirect) return { redirect };
    return { mime: upload.mime, bytes: await this.storage.get(upload.storageKey) };
  }

  /** The appeal's own photos (those of its timeline lines are `eventPhotoViews`'), by links signed for this viewer. */
  photoViews(uploads: Upload[], viewerId: string): PhotoView[] {
    return uploads.filter((u) => u.kind === 'photo' && !u.eventId).map((u) => this.photoOf(u, viewerId));
  }

  /**
   * The photos of timeline lines (a 补充说明, a staff answer), by line, in their order. Signed for every line of the
   * appeal: the view shows a viewer only the lines they may read, and the photo route asks again on every fetch.
   */
  eventPhotoViews(uploads: Upload[], viewerId: string): Map<string, PhotoView[]> {
    const byLine = new Map<string, PhotoView[]>();
    for (const upload of uploads.filter((u) => u.kind === 'photo' && u.eventId))
      byLine.set(upload.eventId!, [...(byLine.get(upload.eventId!) ?? []), this.photoOf(upload, viewerId)]);
    return byLine;
  }

  private photoOf(upload: Upload, viewerId: string): PhotoView {
    return { id: upload.id, url: signUploadUrl(this.config.tokenSecret, upload.id, viewerId, this.clock.now()) };
  }

  /** The appeal's own voice note for this viewer: its length always, its link only when `audible` (null: the appeal has none). */
  voiceView(uploads: Upload[], viewerId: string, audible: boolean): VoiceView | null {
    const voice = uploads.find((u) => u.kind === 'voice' && !u.eventId);
    return voice ? this.voiceOf(voice, viewerId, audible) : null;
  }

  /** The voice notes said in 补充说明, by the timeline line each belongs to, as this viewer may have them. */
  eventVoiceViews(uploads: Upload[], viewerId: string, audible: boolean): Map<string, VoiceView> {
    return new Map(uploads.filter((u) => u.kind === 'voice' && u.eventId).map((u) => [u.eventId!, this.voiceOf(u, viewerId, audible)]));
  }

  private voiceOf(voice: Upload, viewerId: string, audible: boolean): VoiceView {
    return { id: voice.id, url: audible ? signUploadUrl(this.config.tokenSecret, voice.id, viewerId, this.clock.now()) : null, seconds: secondsOf(voice) };
  }

  /** Deletes photos no appeal took within a day (row, then file) and half-written files; returns what it removed. */
  async removeAbandoned(): Promise<{ photos: number; leftovers: number }> {
    const now = this.clock.now().getTime();
    let photos = 0;
    for (;;) {
      const stale = await this.uploads.findStale(new Date(now - DAY_MS), 200);
      for (const upload of stale) {
        // An appeal that took the photo meanwhile keeps it: the row is deleted only while unattached.
        if (!(await this.uploads.removeUnattached(upload.id))) continue;
        await this.storage.remove(upload.storageKey);
        photos++;
      }
      if (stale.length < 200) break;
    }
    // A file's time is the file system's clock, not the application's.
    const leftovers = await this.storage.removeLeftovers(new Date(Date.now() - LEFTOVER_MS));
    return { photos, leftovers };
  }

  /**
   * The storage as /api/health reports it: failing when the store does not answer, free space is below
   * the floor or the last write found the disk full (an object store has no free bytes to tell: null).
   */
  async health(): Promise<{ up: boolean; freeBytes: number | null }> {
    const { freeBytes, lastWriteFull, reachable = true } = await this.storage.health();
    return { up: reachable && !lastWriteFull && (freeBytes === null || freeBytes >= this.config.uploadQuota.minFreeBytes), freeBytes };
  }
}

/** A voice note's length as the play control shows it (语音 0:12): whole seconds, at least one. */
function secondsOf(upload: Upload): number {
  return Math.max(1, Math.round((upload.durationMs ?? 0) / 1000));
}
