// The server's way to WeChat: the typed client, pointed at the real API or, offline, at the project's
// simulator started in this process on loopback (DESIGN §3).
import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { WechatApiClient } from './wechat-api.client.js';
import { WecomRobotClient } from './wecom-robot.client.js';
import { startWechatSimulator, type WechatSimulator } from './simulator/wechat-simulator.js';

export class WechatService implements OnApplicationShutdown {
  private constructor(
    readonly client: WechatApiClient,
    /** Departments' 企业微信 group robots. */
    readonly robot: WecomRobotClient,
    /** Present only in simulator mode (demo and tests). */
    readonly simulator: WechatSimulator | null,
  ) {}

  static async create(config: AppConfig): Promise<WechatService> {
    const { appid, secret, timeoutMs } = config.wechat;
    if (config.wechat.mode === 'real') {
      return new WechatService(new WechatApiClient({ baseUrl: config.wechat.apiBase, appid, secret, timeoutMs }), new WecomRobotClient({ baseUrl: config.wechat.wecomApiBase, timeoutMs }), null);
    }
    const simulator = await startWechatSimulator({ port: 0, host: '127.0.0.1', appid, secret });
    new Logger('WeChat').log(`WeChat simulator on ${simulator.baseUrl}`);
    // The simulator answers 企业微信's robot webhook too.
    return new WechatService(new WechatApiClient({ baseUrl: simulator.baseUrl, appid, secret, timeoutMs }), new WecomRobotClient({ baseUrl: simulator.baseUrl, timeoutMs }), simulator);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.simulator?.close();
  }
}
