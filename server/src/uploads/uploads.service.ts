import { Inject, Injectable } from '@nestjs/common';
import type { PhotoView, UploadView } from '@minqing/shared';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { Clock } from '../common/clock.js';
import { newId } from '../common/columns.js';
import { DomainError } from '../common/domain-error.js';
import type { Upload } from './entities/upload.entity.js';
import { FILE_STORAGE, type FileStorage } from './file-storage.js';
import { sanitizeImage } from './image-sanitizer.js';
import { signUploadUrl, verifyUploadSignature } from './signed-url.js';
import { UploadsRepository } from './uploads.repository.js';

@Injectable()
export class UploadsService {
  constructor(
    @Inject(UploadsRepository) private readonly uploads: UploadsRepository,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async store(ownerId: string, bytes: Buffer): Promise<UploadView> {
    const image = await sanitizeImage(bytes);
    const id = newId();
    const storageKey = `${id}.${image.mime === 'image/png' ? 'png' : 'jpg'}`;
    // Bytes first, row second: a row never points at a file that is not there.
    await this.storage.put(storageKey, image.bytes);
    const upload: Upload = {
      id,
      ownerId,
      appealId: null,
      position: null,
      mime: image.mime,
      size: image.bytes.length,
      width: image.width,
      height: image.height,
      storageKey,
      createdAt: this.clock.now(),
    };
    await this.uploads.insert(upload);
    return { id, mime: upload.mime, size: upload.size, width: upload.width, height: upload.height };
  }

  async readSigned(id: string, exp: string, sig: string): Promise<{ mime: string; bytes: Buffer }> {
    if (!verifyUploadSignature(this.config.tokenSecret, id, exp, sig, this.clock.now())) throw DomainError.notFound();
    const upload = await this.uploads.findById(id);
    if (!upload) throw DomainError.notFound();
    return { mime: upload.mime, bytes: await this.storage.get(upload.storageKey) };
  }

  photoViews(uploads: Upload[]): PhotoView[] {
    const now = this.clock.now();
    return uploads.map((u) => ({ id: u.id, url: signUploadUrl(this.config.tokenSecret, u.id, now) }));
  }
}
