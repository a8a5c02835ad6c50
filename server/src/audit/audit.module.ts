import { Global, Module } from '@nestjs/common';
import { AuditLog } from './audit-log.js';

/** Every module that changes an organisation's setup writes through the one audit log. */
@Global()
@Module({ providers: [AuditLog], exports: [AuditLog] })
export class AuditModule {}
