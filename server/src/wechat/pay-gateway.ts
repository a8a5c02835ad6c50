// WeChat Pay's 商家转账 through wechatpay-axios-plugin: requests signed with the merchant key, answers
// verified against 微信支付公钥 by the plugin; notices verified and decrypted here.
import { createDecipheriv, createVerify } from 'node:crypto';
import { Wechatpay } from 'wechatpay-axios-plugin';
import type { PayConfig } from '../config/app-config.js';

/** The merchant's WeChat Pay settings, and the mini-program the transfers are made through. */
export type PayGatewayKeys = PayConfig & { appid: string };

export interface TransferBill {
  out_bill_no: string;
  transfer_bill_no?: string;
  state: string;
  package_info?: string;
  fail_reason?: string;
  transfer_amount?: number;
  openid?: string;
}

/** A call that did not get a trustworthy answer (network, timeout, 5xx, a bad signature): try again later. */
export class PayUnavailableError extends Error {}
/** WeChat Pay refused the request for good (bad parameters, an unknown bill). */
export class PayRefusedError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Notices older than this are refused: a replayed notice is not news. */
const NOTICE_MAX_AGE_SECONDS = 300;

export class PayGateway {
  private readonly client: ReturnType<typeof build>;

  constructor(
    readonly keys: PayGatewayKeys,
    timeoutMs = 10_000,
  ) {
    this.client = build(keys, timeoutMs);
  }

  async transfer(body: Record<string, unknown>): Promise<TransferBill> {
    return this.call(() => this.client.v3.fundApp.mchTransfer.transferBills.post(body));
  }

  async query(outBillNo: string): Promise<TransferBill> {
    return this.call(() => this.client.v3.fundApp.mchTransfer.transferBills.outBillNo._out_bill_no_.get({ out_bill_no: outBillNo }));
  }

  /**
   * 撤销转账 before the user confirmed: answered CANCELING (the cancel is taken; CANCELLED follows, and its
   * notice) — https://pay.weixin.qq.com/doc/v3/merchant/4012716458. No body (the page's request has none).
   */
  async cancel(outBillNo: string): Promise<TransferBill> {
    return this.call(() => this.client.v3.fundApp.mchTransfer.transferBills.outBillNo._out_bill_no_.cancel.post(undefined, { out_bill_no: outBillNo }));
  }

  /**
   * A notice's signature over the raw body (WeChat Pay's platform key), its age, and its resource
   * decrypted with the APIv3 key. Throws on anything that does not hold.
   */
  openNotice(rawBody: string, headers: Record<string, string | string[] | undefined>, nowSeconds = Math.floor(Date.now() / 1000)): { eventType: string; bill: TransferBill } {
    const header = (name: string) => String(headers[name.toLowerCase()] ?? '');
    const [timestamp, nonce, signature, serial] = ['Wechatpay-Timestamp', 'Wechatpay-Nonce', 'Wechatpay-Signature', 'Wechatpay-Serial'].map(header);
    if (serial !== this.keys.publicKeyId) throw new Error('unknown platform serial');
    if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > NOTICE_MAX_AGE_SECONDS) throw new Error('stale or missing timestamp');
    if (!createVerify('RSA-SHA256').update(`${timestamp}\n${nonce}\n${rawBody}\n`).verify(this.keys.publicKey, signature, 'base64')) throw new Error('bad signature');
    const notice = JSON.parse(rawBody) as { event_type: string; resource: { ciphertext: string; nonce: string; associated_data?: string } };
    const data = Buffer.from(notice.resource.ciphertext, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', Buffer.from(this.keys.apiV3Key), Buffer.from(notice.resource.nonce));
    decipher.setAAD(Buffer.from(notice.resource.associated_data ?? ''));
    decipher.setAuthTag(data.subarray(data.length - 16));
    const plain = Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
    return { eventType: notice.event_type, bill: JSON.parse(plain) as TransferBill };
  }

  private async call(work: () => Promise<{ data: unknown }>): Promise<TransferBill> {
    try {
      return (await work()).data as TransferBill;
    } catch (error) {
      const response = (error as { response?: { status?: number; data?: { code?: string; message?: string } } }).response;
      if (response?.status && response.status >= 400 && response.status < 500) {
        throw new PayRefusedError(response.status, response.data?.code ?? 'UNKNOWN', response.data?.message ?? 'refused');
      }
      throw new PayUnavailableError((error as Error).message);
    }
  }
}

function build(keys: PayGatewayKeys, timeout: number) {
  return new Wechatpay({
    mchid: keys.mchid,
    serial: keys.serial,
    privateKey: keys.privateKey,
    certs: { [keys.publicKeyId]: keys.publicKey },
    baseURL: keys.apiBase,
    timeout,
  } as never) as unknown as {
    v3: {
      fundApp: {
        mchTransfer: {
          transferBills: {
            post(body: unknown): Promise<{ data: unknown }>;
            outBillNo: {
              _out_bill_no_: { get(config: unknown): Promise<{ data: unknown }>; cancel: { post(body: unknown, config: unknown): Promise<{ data: unknown }> } };
            };
          };
        };
      };
    };
  };
}
