// WeChat Pay's 商家转账 (merchant transfer to a user's wallet) as the project's simulator answers it:
// the merchant's signed request is verified, the answer is signed with a platform key (so the
// client's response verification runs for real), a bill moves ACCEPTED → WAIT_USER_CONFIRM →
// SUCCESS/FAIL, and the MCHTRANSFER.BILL.FINISHED notice is POSTed to the bill's notify_url,
// signed and with its resource encrypted AES-256-GCM under the APIv3 key. Keys are generated at start.
import { createCipheriv, createSign, createVerify, generateKeyPairSync, randomBytes } from 'node:crypto';

export interface PayKeys {
  mchid: string;
  appid: string;
  /** The merchant's API certificate serial and its public key (to verify the merchant's requests). */
  merchantSerial: string;
  merchantPublicKey: string;
  /** The platform's key: the simulator signs with the private half; the merchant verifies with the public one. */
  platformSerial: string;
  platformPrivateKey: string;
  platformPublicKey: string;
  /** 32 bytes: encrypts the notices' resources. */
  apiV3Key: string;
}

/** Test keys for the simulator and the app in simulator mode; never stored anywhere. */
export function generatePayKeys(mchid = '1900000001', appid = 'wxsimulator0000001'): PayKeys & { merchantPrivateKey: string } {
  const pair = () => generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  const merchant = pair();
  const platform = pair();
  return {
    mchid,
    appid,
    merchantSerial: randomBytes(20).toString('hex').toUpperCase(),
    merchantPublicKey: merchant.publicKey,
    merchantPrivateKey: merchant.privateKey,
    platformSerial: `PUB_KEY_ID_${randomBytes(16).toString('hex').toUpperCase()}`,
    platformPrivateKey: platform.privateKey,
    platformPublicKey: platform.publicKey,
    apiV3Key: randomBytes(16).toString('hex'),
  };
}

export type BillState = 'ACCEPTED' | 'PROCESSING' | 'WAIT_USER_CONFIRM' | 'TRANSFERING' | 'SUCCESS' | 'FAIL' | 'CANCELLED';

interface Bill {
  out_bill_no: string;
  transfer_bill_no: string;
  appid: string;
  openid: string;
  transfer_amount: number;
  transfer_scene_id: string;
  notify_url: string;
  package_info: string;
  state: BillState;
  fail_reason?: string;
  create_time: string;
  update_time: string;
}

export interface PayReply {
  status: number;
  body: string;
  headers: Record<string, string>;
}

export interface PaySimulatorControls {
  /** Bills received, by out_bill_no: how many transfers really happened. */
  bills(): Bill[];
  /** The next transfer is taken, but its answer is lost on the way back (the connection drops). */
  dropNextTransferResponse(): void;
  /** When this openid confirms, the transfer fails (e.g. the account is restricted). */
  failFor(openid: string, reason?: string): void;
  /** The next finished bill sends no notice (the reconciliation job must find it). */
  suppressNextNotice(): void;
  /** Sends a bill's finished notice (again). */
  notify(outBillNo: string): Promise<number>;
  /** A bill's notice, signed as WeChat Pay would at `timestamp` (seconds), for a test to post itself. */
  noticeFor(outBillNo: string, timestamp?: number): { headers: Record<string, string>; body: string } | null;
  /** The user taps 确认收款 in WeChat (requestMerchantTransfer with the bill's package). */
  confirm(packageInfo: string): Promise<Bill | null>;
}

const FINAL: BillState[] = ['SUCCESS', 'FAIL', 'CANCELLED'];
const AMOUNT_MAX = 200_000; // 2,000.00 yuan a transfer in this scene

export function createPaySimulator(keys: PayKeys) {
  const bills = new Map<string, Bill>();
  let dropNext = false;
  let suppressNext = false;
  const failing = new Map<string, string>();

  function signed(status: number, payload: object | null, at = Math.floor(Date.now() / 1000)): PayReply {
    const body = payload ? JSON.stringify(payload) : '';
    const timestamp = String(at);
    const nonce = randomBytes(16).toString('hex');
    const signature = createSign('RSA-SHA256').update(`${timestamp}\n${nonce}\n${body}\n`).sign(keys.platformPrivateKey, 'base64');
    return {
      status,
      body,
      headers: {
        'content-type': 'application/json',
        'Wechatpay-Timestamp': timestamp,
        'Wechatpay-Nonce': nonce,
        'Wechatpay-Serial': keys.platformSerial,
        'Wechatpay-Signature': signature,
        'Request-ID': randomBytes(8).toString('hex'),
      },
    };
  }

  const error = (status: number, code: string, message: string) => signed(status, { code, message });

  /** WECHATPAY2-SHA256-RSA2048 mchid=…,serial_no=…,timestamp=…,nonce_str=…,signature=… over the request. */
  function authorized(method: string, uri: string, body: string, header: string | undefined): boolean {
    const fields = Object.fromEntries([...(header ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (!header?.startsWith('WECHATPAY2-SHA256-RSA2048') || fields.mchid !== keys.mchid || fields.serial_no !== keys.merchantSerial) return false;
    if (Math.abs(Date.now() / 1000 - Number(fields.timestamp)) > 300) return false;
    const message = `${method}\n${uri}\n${fields.timestamp}\n${fields.nonce_str}\n${body}\n`;
    return createVerify('RSA-SHA256')
      .update(message)
      .verify(keys.merchantPublicKey, fields.signature ?? '', 'base64');
  }

  function view(bill: Bill) {
    const { notify_url: _url, package_info, ...rest } = bill;
    return { ...rest, mch_id: keys.mchid, ...(bill.state === 'WAIT_USER_CONFIRM' ? { package_info } : {}) };
  }

  function notice(bill: Bill, at?: number): PayReply {
    const resource = JSON.stringify({
      out_bill_no: bill.out_bill_no,
      transfer_bill_no: bill.transfer_bill_no,
      state: bill.state,
      mch_id: keys.mchid,
      transfer_amount: bill.transfer_amount,
      openid: bill.openid,
      fail_reason: bill.fail_reason,
      create_time: bill.create_time,
      update_time: bill.update_time,
    });
    const nonce = randomBytes(6).toString('hex');
    const aad = 'mch_payment';
    const cipher = createCipheriv('aes-256-gcm', Buffer.from(keys.apiV3Key), Buffer.from(nonce));
    cipher.setAAD(Buffer.from(aad));
    const ciphertext = Buffer.concat([cipher.update(resource, 'utf8'), cipher.final(), cipher.getAuthTag()]).toString('base64');
    return signed(
      200,
      {
        id: randomBytes(16).toString('hex'),
        create_time: new Date().toISOString(),
        resource_type: 'encrypt-resource',
        event_type: 'MCHTRANSFER.BILL.FINISHED',
        summary: '商家转账单据终态通知',
        resource: { original_type: 'mch_payment', algorithm: 'AEAD_AES_256_GCM', ciphertext, associated_data: aad, nonce },
      },
      at,
    );
  }

  async function sendNotice(bill: Bill): Promise<number> {
    const { headers, body } = notice(bill);
    const response = await fetch(bill.notify_url, { method: 'POST', headers, body, signal: AbortSignal.timeout(5000) }).catch(() => null);
    return response?.status ?? 0;
  }

  async function finish(bill: Bill, state: BillState, reason?: string): Promise<void> {
    bill.state = state;
    bill.fail_reason = reason;
    bill.update_time = new Date().toISOString();
    if (suppressNext) {
      suppressNext = false;
      return;
    }
    await sendNotice(bill);
  }

  /** Handles /v3/fund-app/mch-transfer/…; null when the path is not WeChat Pay's. */
  async function handle(method: string, uri: string, rawBody: string, authorization: string | undefined): Promise<(PayReply & { drop?: boolean }) | null> {
    const path = uri.split('?')[0];
    if (!path.startsWith('/v3/')) return null;
    if (!authorized(method, uri, rawBody, authorization)) return error(401, 'SIGN_ERROR', '签名错误');
    if (method === 'POST' && path === '/v3/fund-app/mch-transfer/transfer-bills') {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(rawBody) as Record<string, unknown>;
      } catch {
        return error(400, 'PARAM_ERROR', '请求体不是 JSON');
      }
      const amount = body.transfer_amount;
      if (typeof body.out_bill_no !== 'string' || !/^[A-Za-z0-9]{5,32}$/.test(body.out_bill_no)) return error(400, 'PARAM_ERROR', 'out_bill_no 格式错误');
      if (!Number.isSafeInteger(amount) || (amount as number) < 10 || (amount as number) > AMOUNT_MAX) return error(400, 'PARAM_ERROR', '转账金额不在允许范围内');
      if (body.appid !== keys.appid || typeof body.openid !== 'string' || !body.openid) return error(400, 'PARAM_ERROR', 'appid 或 openid 错误');
      if (body.transfer_scene_id !== '1002' || !Array.isArray(body.transfer_scene_report_infos) || !body.transfer_scene_report_infos.length)
        return error(400, 'PARAM_ERROR', '转账场景或报备信息错误');
      if (typeof body.notify_url !== 'string' || !/^https?:\/\//.test(body.notify_url)) return error(400, 'PARAM_ERROR', 'notify_url 错误');
      // The same out_bill_no is the same bill: a retry never pays twice.
      let bill = bills.get(body.out_bill_no);
      if (bill && (bill.transfer_amount !== amount || bill.openid !== body.openid)) return error(400, 'PARAM_ERROR', '商户单号重复且参数不一致');
      if (!bill) {
        const now = new Date().toISOString();
        bill = {
          out_bill_no: body.out_bill_no,
          transfer_bill_no: `1330${randomBytes(12).toString('hex')}`,
          appid: keys.appid,
          openid: body.openid,
          transfer_amount: amount as number,
          transfer_scene_id: '1002',
          notify_url: body.notify_url,
          package_info: `affffddafdfafddffda==${randomBytes(12).toString('base64url')}`,
          state: 'WAIT_USER_CONFIRM',
          create_time: now,
          update_time: now,
        };
        bills.set(bill.out_bill_no, bill);
      }
      const reply = signed(200, {
        out_bill_no: bill.out_bill_no,
        transfer_bill_no: bill.transfer_bill_no,
        create_time: bill.create_time,
        state: bill.state,
        package_info: bill.package_info,
      });
      if (dropNext) {
        dropNext = false;
        return { ...reply, drop: true };
      }
      return reply;
    }
    const query = /^\/v3\/fund-app\/mch-transfer\/transfer-bills\/out-bill-no\/([A-Za-z0-9]+)$/.exec(path);
    if (method === 'GET' && query) {
      const bill = bills.get(query[1]);
      return bill ? signed(200, view(bill)) : error(404, 'NOT_FOUND', '记录不存在');
    }
    return error(404, 'NOT_FOUND', '接口不存在');
  }

  const controls: PaySimulatorControls = {
    bills: () => [...bills.values()],
    dropNextTransferResponse: () => {
      dropNext = true;
    },
    failFor: (openid, reason = 'ACCOUNT_FROZEN') => failing.set(openid, reason),
    suppressNextNotice: () => {
      suppressNext = true;
    },
    notify: async (outBillNo) => {
      const bill = bills.get(outBillNo);
      return bill ? sendNotice(bill) : 0;
    },
    noticeFor: (outBillNo, timestamp) => {
      const bill = bills.get(outBillNo);
      return bill ? notice(bill, timestamp) : null;
    },
    confirm: async (packageInfo) => {
      const bill = [...bills.values()].find((b) => b.package_info === packageInfo);
      if (!bill || FINAL.includes(bill.state)) return bill ?? null;
      const reason = failing.get(bill.openid);
      await finish(bill, reason ? 'FAIL' : 'SUCCESS', reason);
      return bill;
    },
  };
  return { handle, controls };
}
