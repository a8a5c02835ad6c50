import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { SimulatorRecordsController } from './simulator-records.controller.js';
import { WechatService } from './wechat.service.js';

@Global()
@Module({})
export class WechatModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WechatModule,
      controllers: config.wechat.mode === 'simulator' ? [SimulatorRecordsController] : [],
      providers: [{ provide: WechatService, inject: [APP_CONFIG], useFactory: (c: AppConfig) => WechatService.create(c) }],
      exports: [WechatService],
    };
  }
}
