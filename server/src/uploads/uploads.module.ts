import { Inject, Injectable, Logger, Module } from '@nestjs/common';
import { ScheduledJob } from '../common/interval-job.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { storageBootWarning } from '../config/storage-config.js';
import { UsersModule } from '../users/users.module.js';
import { DirectoryStorage, FILE_STORAGE, type FileStorage } from './file-storage.js';
import { S3Storage } from './s3-storage.js';
import { UploadsController } from './uploads.controller.js';
import { UploadsRepository } from './uploads.repository.js';
import { UploadsService } from './uploads.service.js';

/** Every hour: photos no appeal took within a day, and half-written files, are deleted. */
@Injectable()
export class UploadsCleaner extends ScheduledJob {
  constructor(
    @Inject(UploadsService) private readonly uploads: UploadsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(config.schedulers, 'UploadsCleaner', 3600_000);
  }

  protected async tick(): Promise<string | null> {
    const { photos, leftovers } = await this.uploads.removeAbandoned();
    return photos || leftovers ? `removed ${photos} photo(s) no appeal took and ${leftovers} half-written file(s)` : null;
  }
}

/** The storage STORAGE names; a directory with a database made for several instances is said at boot to serve one server only. */
function fileStorage(config: AppConfig): FileStorage {
  const warning = storageBootWarning(config.storage, config.database);
  if (warning) new Logger('Uploads').warn(warning);
  return config.storage.kind === 's3' ? new S3Storage(config.storage) : new DirectoryStorage(config.storage.dir);
}

@Module({
  imports: [UsersModule],
  controllers: [UploadsController],
  providers: [UploadsRepository, UploadsService, UploadsCleaner, { provide: FILE_STORAGE, inject: [APP_CONFIG], useFactory: fileStorage }],
  exports: [UploadsRepository, UploadsService, FILE_STORAGE],
})
export class UploadsModule {}
