// The server's way to WeChat: the typed client, pointed at the real API or, offline, at the project's
// simulator started in this process on loopback.
import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { WechatApiClient } from './wechat-api.client.js';
import { WecomRobotClient } from './wecom-robot.client.js';
import { PayGateway } from './pay-gateway.js';
import { generatePayKeys } from './simulator/pay-simulator.js';
import { startWechatSimulator, type WechatSimulator } from './simulator/wechat-simulator.js';

const simulatorPayKeys = new Map<string, ReturnType<typeof generatePayKeys>>();

export class WechatService implements OnApplicationShutdown {
  private constructor(
    readonly client: WechatApiClient,
    /** Departments' 企业微信 group robots. */
    readonly robot: WecomRobotClient,
    /** Present only in simulator mode (demo and tests). */
    readonly simulator: WechatSimulator | null,
    /** WeChat Pay (商家转账), when configured — always with the simulator. */
    readonly pay: PayGateway | null = null,
  ) {}

  static async create(config: AppConfig): Promise<WechatService> {
    const { appid, secret, timeoutMs } = config.wechat;
    if (config.wechat.mode === 'real') {
      const pay = config.pay ? new PayGateway({ ...config.pay, appid }) : null;
      return new WechatService(
        new WechatApiClient({ baseUrl: config.wechat.apiBase, appid, secret, timeoutMs }),
        new WecomRobotClient({ baseUrl: config.wechat.wecomApiBase, timeoutMs }),
        null,
        pay,
      );
    }
    // Test keys for WeChat Pay, made once per process (RSA generation costs a noticeable part of a start):
    // the simulator signs with its half, the app with its own.
    // The simulated merchant's 商户平台 per-transfer window is the one the configuration says the merchant set.
    const keys = { ...(simulatorPayKeys.get(appid) ?? generatePayKeys('1900000001', appid)), merchant: { minFen: config.transfer.minFen, maxFen: config.transfer.maxFen } };
    simulatorPayKeys.set(appid, keys);
    const simulator = await startWechatSimulator({ port: 0, host: '127.0.0.1', appid, secret, pay: keys });
    new Logger('WeChat').log(`WeChat simulator on ${simulator.baseUrl}`);
    // The simulator answers 企业微信's robot webhook too.
    const pay = new PayGateway({
      mchid: keys.mchid,
      appid,
      serial: keys.merchantSerial,
      privateKey: keys.merchantPrivateKey,
      publicKeyId: keys.platformSerial,
      publicKey: keys.platformPublicKey,
      apiV3Key: keys.apiV3Key,
      apiBase: simulator.baseUrl,
    });
    return new WechatService(
      new WechatApiClient({ baseUrl: simulator.baseUrl, appid, secret, timeoutMs }),
      new WecomRobotClient({ baseUrl: simulator.baseUrl, timeoutMs }),
      simulator,
      pay,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.simulator?.close();
  }
}
