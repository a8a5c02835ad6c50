import { Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { DirectoryStorage, FILE_STORAGE } from './file-storage.js';
import { UploadsController } from './uploads.controller.js';
import { UploadsRepository } from './uploads.repository.js';
import { UploadsService } from './uploads.service.js';

@Module({
  controllers: [UploadsController],
  providers: [UploadsRepository, UploadsService, { provide: FILE_STORAGE, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new DirectoryStorage(config.uploadDir) }],
  exports: [UploadsRepository, UploadsService],
})
export class UploadsModule {}
