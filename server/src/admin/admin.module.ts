import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module.js';
import { OrgSetupController } from './org-setup.controller.js';
import { OrgSetupService } from './org-setup.service.js';

@Module({ imports: [OrgModule], controllers: [OrgSetupController], providers: [OrgSetupService] })
export class AdminModule {}
