import { Module } from '@nestjs/common';
import { OrgSetupController } from './org-setup.controller.js';
import { OrgSetupService } from './org-setup.service.js';

@Module({ controllers: [OrgSetupController], providers: [OrgSetupService] })
export class AdminModule {}
