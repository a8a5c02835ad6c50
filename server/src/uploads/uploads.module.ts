import { Inject, Injectable, Module } from '@nestjs/common';
import { ScheduledJob } from '../common/interval-job.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { UsersModule } from '../users/users.module.js';
import { DirectoryStorage, FILE_STORAGE } from './file-storage.js';
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

@Module({
  imports: [UsersModule],
  controllers: [UploadsController],
  providers: [
    UploadsRepository,
    UploadsService,
    UploadsCleaner,
    { provide: FILE_STORAGE, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new DirectoryStorage(config.uploadDir) },
  ],
  exports: [UploadsRepository, UploadsService, FILE_STORAGE],
})
export class UploadsModule {}
