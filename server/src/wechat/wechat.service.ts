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

/** The version a code opens is the version a message opens: getwxacodeunlimit's env_version in subscribe/send's words. */
const MINIPROGRAM_STATE = { release: 'formal', trial: 'trial', develop: 'developer' } as const;

export class WechatService implements OnApplicationShutdown {
  /** One client (so one cached token) per 公众号. */
  private readonly officialClients = new Map<string, WechatApiClient>();

  private constructor(
    /** The mini-program's: login, content checks, subscription messages, mini-program codes. */
    readonly client: WechatApiClient,
    /** Departments' 企业微信 group robots. */
    readonly robot: WecomRobotClient,
    /** Present only in simulator mode (demo and tests). */
    readonly simulator: WechatSimulator | null,
    /** WeChat Pay (商家转账), when configured — always with the simulator. */
    readonly pay: PayGateway | null = null,
    private readonly config: AppConfig | null = null,
  ) {}

  /**
   * The organisation's 公众号, or null when it has none configured: menu/create belongs to the 公众号 and
   * takes that account's own token, never the mini-program's.
   */
  officialAccount(orgCode: string): WechatApiClient | null {
    const account = this.config?.wechat.officialAccounts[orgCode];
    if (!account) return null;
    let client = this.officialClients.get(account.appid);
    if (!client) {
      client = new WechatApiClient({ baseUrl: this.client.baseUrl, appid: account.appid, secret: account.secret, timeoutMs: this.config!.wechat.timeoutMs });
      this.officialClients.set(account.appid, client);
    }
    return client;
  }

  static async create(config: AppConfig): Promise<WechatService> {
    const { appid, secret, timeoutMs } = config.wechat;
    const miniprogramState = MINIPROGRAM_STATE[config.wechat.envVersion];
    if (config.wechat.mode === 'real') {
      const pay = config.pay ? new PayGateway({ ...config.pay, appid }) : null;
      return new WechatService(
        new WechatApiClient({ baseUrl: config.wechat.apiBase, appid, secret, timeoutMs, miniprogramState }),
        new WecomRobotClient({ baseUrl: config.wechat.wecomApiBase, timeoutMs }),
        null,
        pay,
        config,
      );
    }
    // Test keys for WeChat Pay, made once per process (RSA generation costs a noticeable part of a start):
    // the simulator signs with its half, the app with its own.
    // The simulated merchant's 商户平台 per-transfer window is the one the configuration says the merchant set.
    const keys = { ...(simulatorPayKeys.get(appid) ?? generatePayKeys('1900000001', appid)), merchant: { minFen: config.transfer.minFen, maxFen: config.transfer.maxFen } };
    simulatorPayKeys.set(appid, keys);
    // The configured 公众号 exist in the simulated WeChat too: certified, and linked to the mini-program.
    const officialAccounts = Object.values(config.wechat.officialAccounts).map((a) => ({ ...a, certified: true, linkedMiniPrograms: [appid] }));
    // The configured templates are the ones the simulated mini-program picked, with their keys.
    const { templates: ids, templateKeys } = config.wechat;
    const templates = (Object.keys(ids) as (keyof typeof ids)[]).map((name) => ({ id: ids[name], keys: Object.values(templateKeys[name]) }));
    const simulator = await startWechatSimulator({ port: 0, host: '127.0.0.1', appid, secret, pay: keys, officialAccounts, templates });
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
      new WechatApiClient({ baseUrl: simulator.baseUrl, appid, secret, timeoutMs, miniprogramState }),
      new WecomRobotClient({ baseUrl: simulator.baseUrl, timeoutMs }),
      simulator,
      pay,
      config,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.simulator?.close();
  }
}
