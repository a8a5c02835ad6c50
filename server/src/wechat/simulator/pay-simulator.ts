// WeChat Pay's 商家转账 (merchant transfer to a user's wallet) as the project's simulator answers it:
// the merchant's signed request is verified, the answer is signed with a platform key (so the
// client's response verification runs for real), a bill moves (ACCEPTED/PROCESSING →) WAIT_USER_CONFIRM
// → (TRANSFERING →) SUCCESS/FAIL, or is cancelled (CANCELING → CANCELLED), and the MCHTRANSFER.BILL.FINISHED notice is POSTed to the bill's notify_url,
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
  /** The merchant's settings in 商户平台 (its per-transfer window, the scenes it was granted). */
  merchant?: PayMerchantSettings;
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

/**
 * A bill's states (get-transfer-bill-by-out-no.html, state): ACCEPTED 转账已受理; PROCESSING 转账处理中 (e.g. the
 * balance is short); WAIT_USER_CONFIRM 待收款用户确认, the only state whose package opens the confirmation
 * ("ACCEPTED状态下不可以拉起用户确认收款界面", https://developers.weixin.qq.com/community/pay/doc/000686d858c3e040e8b2cc54f6a400);
 * TRANSFERING 可拉起微信收款确认页面再次重试确认收款; SUCCESS, FAIL; CANCELING 撤销中; CANCELLED 已撤销.
 */
export type BillState = 'ACCEPTED' | 'PROCESSING' | 'WAIT_USER_CONFIRM' | 'TRANSFERING' | 'SUCCESS' | 'FAIL' | 'CANCELING' | 'CANCELLED';

interface Bill {
  out_bill_no: string;
  transfer_bill_no: string;
  appid: string;
  openid: string;
  transfer_amount: number;
  transfer_scene_id: string;
  transfer_remark: string;
  notify_url: string;
  package_info: string;
  state: BillState;
  fail_reason?: string;
  create_time: string;
  update_time: string;
  /** The request that created it, compared field by field with any later one of the same out_bill_no. */
  request: string;
}

export interface PayReply {
  status: number;
  body: string;
  headers: Record<string, string>;
}

/** The refusals WeChat Pay answers a transfer with when the merchant's side cannot take it now. */
export type TransferRefusal = 'NOT_ENOUGH' | 'FREQUENCY_LIMITED' | 'SYSTEM_ERROR';

export interface PaySimulatorControls {
  /** Bills received, by out_bill_no: how many transfers really happened. */
  bills(): Bill[];
  /** The next transfer is taken, but its answer is lost on the way back (the connection drops). */
  dropNextTransferResponse(): void;
  /**
   * The next transfer is refused with this error. NOT_ENOUGH and FREQUENCY_LIMITED create no bill;
   * SYSTEM_ERROR does (the worst case: WeChat Pay took it and could not say so).
   */
  refuseNextTransfer(code: TransferRefusal): void;
  /** When this openid confirms, the transfer fails (e.g. the account is restricted). */
  failFor(openid: string, reason?: string): void;
  /** The next finished bill sends no notice (the reconciliation job must find it). */
  suppressNextNotice(): void;
  /** Sends a bill's finished notice (again). */
  notify(outBillNo: string): Promise<number>;
  /** 24 hours passed without the user's confirmation: WeChat Pay closes the bill (FAIL, OVERDUE_CLOSE) and notifies. */
  closeOverdue(outBillNo: string): Promise<Bill | null>;
  /** The next notice never reaches the merchant (the connection fails): it waits for WeChat Pay's next attempt. */
  loseNextNotice(): void;
  /** WeChat Pay's next attempt for every notice not yet answered 2xx: the statuses the merchant answered. */
  retryNotices(): Promise<number[]>;
  /** A signature probe (Wechatpay-Signature WECHATPAY/SIGNTEST/…) of a bill's notice: the status the merchant answered. */
  signTestProbe(outBillNo: string): Promise<number>;
  /** A bill's notice, signed as WeChat Pay would at `timestamp` (seconds), for a test to post itself. */
  noticeFor(outBillNo: string, timestamp?: number): { headers: Record<string, string>; body: string } | null;
  /**
   * The user taps 确认收款 in WeChat (requestMerchantTransfer with the bill's package); `inTransit`: the
   * money is on its way (TRANSFERING), the bill not final yet.
   */
  confirm(packageInfo: string, inTransit?: boolean): Promise<Bill | null>;
  /** The next new bill is held in ACCEPTED or PROCESSING (answered without a package) until `advance`. */
  holdNextTransfer(state: 'ACCEPTED' | 'PROCESSING'): void;
  /** A held bill reaches WAIT_USER_CONFIRM (no notice: only final states are notified). */
  advance(outBillNo: string): Bill | null;
  /** The next accepted cancel stays CANCELING until `finishCancel` (otherwise it completes at once, with its notice). */
  holdNextCancel(): void;
  /** The next cancel never reaches WeChat Pay (the connection drops before it arrives): the bill is unchanged. */
  loseNextCancel(): void;
  /** A CANCELING bill becomes CANCELLED, and its notice is sent. */
  finishCancel(outBillNo: string): Promise<Bill | null>;
}

export interface PayMerchantSettings {
  /** The merchant's per-transfer window in 商户平台, in fen (default 0.1–200 yuan). */
  minFen?: number;
  maxFen?: number;
  /** The transfer scenes the merchant applied for and was granted in 商户平台. */
  scenes?: string[];
  /**
   * Where a notice to an https notify_url is delivered: the simulator has no certificate for the
   * merchant's host, so it hands the notice to the plain address behind the merchant's TLS front
   * (by default the same host and port over http).
   */
  deliverTo?: (notifyUrl: string) => string;
}

const CONFIRMABLE: BillState[] = ['WAIT_USER_CONFIRM', 'TRANSFERING'];
/**
 * 撤销转账 (POST /v3/fund-app/mch-transfer/transfer-bills/out-bill-no/{out_bill_no}/cancel,
 * https://pay.weixin.qq.com/doc/v3/merchant/4012716458): "在用户确认收款之前可以通过该接口撤销付款", answered
 * CANCELING ("返回成功仅表示撤销请求已受理…以最终查询单据返回状态为准"), then CANCELLED. Before the user confirmed:
 * ACCEPTED, PROCESSING, WAIT_USER_CONFIRM. (A staff answer in the community also allows TRANSFERING,
 * https://developers.weixin.qq.com/community/develop/doc/0002049c9ec200ac02b3201b26b400; the simulator keeps to
 * the official page and refuses it, so a product that cancelled after the worker confirmed would be caught.)
 */
const CANCELLABLE: BillState[] = ['ACCEPTED', 'PROCESSING', 'WAIT_USER_CONFIRM'];
/** Attempts after the first for a notice not answered 2xx (chapter3_3_5.shtml). */
const NOTICE_RETRIES = 15;

// Rules of 商家转账 (user-confirmation version, 2025), each from WeChat Pay's documents:
// https://pay.weixin.qq.com/docs/merchant/apis/mch-trans/transfer-bill/transfer-to-user.html — the request's
// fields and limits (out_bill_no ≤32 of [0-9A-Za-z], transfer_remark ≤32, notify_url "必须为https,不能携带参数",
// user_name required from 2,000 yuan), "HTTP 200 + WAIT_USER_CONFIRM = created", non-200: query, same number.
/** Scene ids WeChat Pay knows (https://wechatpay.im/openapi/v3/fund-app/mch-transfer/transfer-bills). */
const KNOWN_SCENES = ['1000', '1002', '1004', '1005', '1009', '1010', '1011', '1013'];
/**
 * Per scene, the user_recv_perception values shown to the user and the report infos required. Scene
 * 1002 行政补贴: perception 行政补贴 or 行政奖励 only, exactly one report info 补贴类型
 * (https://pay.weixin.qq.com/doc/v3/merchant/4013774594); a wrong perception is
 * INVALID_REQUEST 暂不支持展示当前传入的用户收款感知
 * (https://developers.weixin.qq.com/community/pay/doc/000ccef96d868053c813e092361400). Only the scenes
 * modelled here can be opened for the simulated merchant.
 */
const SCENE_RULES: Record<string, { perceptions: string[]; reportInfoTypes: string[] }> = {
  '1002': { perceptions: ['行政补贴', '行政奖励'], reportInfoTypes: ['补贴类型'] },
};
/** From 2,000 yuan the user's real name (encrypted) is required (transfer-to-user.html, user_name). */
const USER_NAME_FROM_FEN = 200_000;
/**
 * 403 NOT_ENOUGH / 429 FREQUENCY_LIMITED "原单重试,请勿更换单号"; 500 SYSTEM_ERROR "请使用相同参数再次调用"
 * (https://developers.weixin.qq.com/community/pay/doc/0006e032c70ea8198fee080375b000 ,
 * https://developers.weixin.qq.com/community/pay/doc/00082c33108b60f232c2013986bc00).
 */
const REFUSALS: Record<TransferRefusal, { status: number; message: string }> = {
  NOT_ENOUGH: { status: 403, message: '资金不足,请充值后原单重试' },
  FREQUENCY_LIMITED: { status: 429, message: '频率超限,请降低频率后原单重试' },
  SYSTEM_ERROR: { status: 500, message: '系统错误,请使用相同参数再次调用' },
};

export function createPaySimulator(keys: PayKeys) {
  const merchant = keys.merchant ?? {};
  const bills = new Map<string, Bill>();
  const minFen = merchant.minFen ?? 10;
  const maxFen = merchant.maxFen ?? 20_000;
  const scenes = merchant.scenes ?? ['1002'];
  const deliverTo = merchant.deliverTo ?? ((url: string) => url.replace(/^https:/, 'http:'));
  let dropNext = false;
  let suppressNext = false;
  let loseNext = false;
  /** Notices not yet answered 2xx, by out_bill_no: how many attempts were made. */
  const undelivered = new Map<string, number>();
  let refuseNext: Exclude<TransferRefusal, 'SYSTEM_ERROR'> | null = null;
  let systemErrorNext = false;
  let holdNext: 'ACCEPTED' | 'PROCESSING' | null = null;
  let holdCancel = false;
  let loseCancel = false;
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

  /**
   * The query's answer: mch_id, out_bill_no, transfer_bill_no, appid, state, transfer_amount,
   * transfer_remark, fail_reason, openid, create_time, update_time — and no package_info
   * (https://pay.weixin.qq.com/docs/merchant/apis/mch-trans/transfer-bill/get-transfer-bill-by-out-no.html).
   */
  function view(bill: Bill) {
    const { notify_url: _url, package_info: _package, request: _request, transfer_scene_id: _scene, ...rest } = bill;
    return { ...rest, mch_id: keys.mchid };
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

  async function post(bill: Bill, headers: Record<string, string>, body: string): Promise<number> {
    const response = await fetch(deliverTo(bill.notify_url), { method: 'POST', headers, body, signal: AbortSignal.timeout(5000) }).catch(() => null);
    return response?.status ?? 0;
  }

  /**
   * A notice not answered 2xx (or not answered in 5 s) is sent again, at most 15 times over 24 h 4 min
   * (15s/15s/30s/3m/10m/20m/30m/30m/30m/60m/3h/3h/3h/6h/6h;
   * https://pay.weixin.qq.com/wiki/doc/apiv3/apis/chapter3_3_5.shtml). The simulator keeps the queue and a
   * test runs the next attempt (retryNotices) instead of waiting.
   */
  async function sendNotice(bill: Bill): Promise<number> {
    const { headers, body } = notice(bill);
    const status = loseNext ? 0 : await post(bill, headers, body);
    loseNext = false;
    const attempts = undelivered.get(bill.out_bill_no) ?? 0;
    if (status >= 200 && status < 300) undelivered.delete(bill.out_bill_no);
    else if (attempts < NOTICE_RETRIES) undelivered.set(bill.out_bill_no, attempts + 1);
    else undelivered.delete(bill.out_bill_no);
    return status;
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

  /** What is wrong with a transfer request, as WeChat Pay would answer it; null when it may be made. */
  function refusal(body: Record<string, unknown>): PayReply | null {
    const amount = body.transfer_amount;
    if (typeof body.out_bill_no !== 'string' || !/^[A-Za-z0-9]{5,32}$/.test(body.out_bill_no)) return error(400, 'PARAM_ERROR', 'out_bill_no 格式错误');
    if (body.appid !== keys.appid || typeof body.openid !== 'string' || !body.openid) return error(400, 'PARAM_ERROR', 'appid 或 openid 错误');
    const scene = String(body.transfer_scene_id ?? '');
    if (!KNOWN_SCENES.includes(scene)) return error(400, 'PARAM_ERROR', '转账场景ID不存在');
    const rules = SCENE_RULES[scene];
    if (!rules || !scenes.includes(scene)) return error(403, 'NO_AUTH', '商户未开通该转账场景');
    if (typeof body.transfer_remark !== 'string' || !body.transfer_remark || [...body.transfer_remark].length > 32)
      return error(400, 'PARAM_ERROR', '转账备注不能为空且最多32个字符');
    if (body.user_recv_perception !== undefined && !rules.perceptions.includes(String(body.user_recv_perception)))
      return error(400, 'INVALID_REQUEST', '暂不支持展示当前传入的用户收款感知');
    const infos = Array.isArray(body.transfer_scene_report_infos) ? (body.transfer_scene_report_infos as Array<Record<string, unknown>>) : [];
    const types = infos.map((i) => i.info_type);
    const contentsOk = infos.every((i) => typeof i.info_content === 'string' && i.info_content && [...i.info_content].length <= 32);
    if (types.length !== rules.reportInfoTypes.length || !rules.reportInfoTypes.every((t) => types.includes(t)) || !contentsOk)
      return error(400, 'PARAM_ERROR', `转账场景报备信息错误:须且只须填写 ${rules.reportInfoTypes.join('、')}`);
    if (body.notify_url !== undefined && (typeof body.notify_url !== 'string' || !/^https:\/\/[^\s?#]+$/.test(body.notify_url)))
      return error(400, 'PARAM_ERROR', 'notify_url 必须为 https 地址,不能携带参数');
    if (!Number.isSafeInteger(amount) || (amount as number) <= 0) return error(400, 'PARAM_ERROR', '转账金额错误');
    if ((amount as number) >= USER_NAME_FROM_FEN && typeof body.user_name !== 'string') return error(400, 'PARAM_ERROR', '转账金额>=2000元时,收款用户姓名必填');
    if ((amount as number) < minFen || (amount as number) > maxFen) return error(400, 'INVALID_REQUEST', '转账金额超出商户单笔转账额度,请核实产品设置');
    return null;
  }

  function answer(bill: Bill): PayReply {
    // A bill waiting for the user (or whose confirmation page the user may open again) comes with its
    // package: re-submitting the identical request is how the merchant gets it again, "参数重入可以拿到新的package"
    // (https://developers.weixin.qq.com/community/pay/doc/000008859346f05f462363ae56b800).
    const open = bill.state === 'WAIT_USER_CONFIRM' || bill.state === 'TRANSFERING';
    return signed(200, {
      out_bill_no: bill.out_bill_no,
      transfer_bill_no: bill.transfer_bill_no,
      create_time: bill.create_time,
      state: bill.state,
      ...(bill.fail_reason ? { fail_reason: bill.fail_reason } : {}),
      ...(open ? { package_info: bill.package_info } : {}),
    });
  }

  function transfer(rawBody: string): PayReply & { drop?: boolean } {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(rawBody) as Record<string, unknown>;
    } catch {
      return error(400, 'PARAM_ERROR', '请求体不是 JSON');
    }
    const refused = refusal(body);
    if (refused) return refused;
    const outBillNo = body.out_bill_no as string;
    const request = JSON.stringify(
      Object.keys(body)
        .sort()
        .map((k) => [k, body[k]]),
    );
    // The same out_bill_no is the same bill: a retry never pays twice; with other parameters it is refused.
    let bill = bills.get(outBillNo);
    if (bill && bill.request !== request) return error(400, 'INVALID_REQUEST', '商户单号重复,请求参数与原单不一致');
    // NOT_ENOUGH and FREQUENCY_LIMITED: refused before a bill was made.
    if (refuseNext) {
      const code = refuseNext;
      refuseNext = null;
      return error(REFUSALS[code].status, code, REFUSALS[code].message);
    }
    if (!bill) {
      const now = new Date().toISOString();
      bill = {
        out_bill_no: outBillNo,
        transfer_bill_no: `1330${randomBytes(12).toString('hex')}`,
        appid: keys.appid,
        openid: body.openid as string,
        transfer_amount: body.transfer_amount as number,
        transfer_scene_id: body.transfer_scene_id as string,
        transfer_remark: body.transfer_remark as string,
        notify_url: typeof body.notify_url === 'string' ? body.notify_url : '',
        package_info: `affffddafdfafddffda==${randomBytes(12).toString('base64url')}`,
        state: holdNext ?? 'WAIT_USER_CONFIRM',
        create_time: now,
        update_time: now,
        request,
      };
      bills.set(outBillNo, bill);
      holdNext = null;
    }
    // SYSTEM_ERROR: the bill was made, the answer says only that something went wrong.
    if (systemErrorNext) {
      systemErrorNext = false;
      return error(REFUSALS.SYSTEM_ERROR.status, 'SYSTEM_ERROR', REFUSALS.SYSTEM_ERROR.message);
    }
    if (dropNext) {
      dropNext = false;
      return { ...answer(bill), drop: true };
    }
    return answer(bill);
  }

  /**
   * 撤销转账 (see CANCELLABLE): answers out_bill_no, transfer_bill_no, state CANCELING and
   * update_time; the bill then becomes CANCELLED with its finished notice. Any other state is refused with
   * 400 INVALID_REQUEST (the official page's error table was not retrieved: the code is the public one for
   * a request the bill's state does not allow, the message the simulator's).
   */
  function cancelBill(outBillNo: string): PayReply & { drop?: boolean } {
    if (loseCancel) {
      loseCancel = false;
      return { ...error(500, 'SYSTEM_ERROR', 'lost'), drop: true };
    }
    const bill = bills.get(outBillNo);
    if (!bill) return error(404, 'NOT_FOUND', '记录不存在');
    if (!CANCELLABLE.includes(bill.state)) return error(400, 'INVALID_REQUEST', '当前转账单状态不支持撤销');
    bill.state = 'CANCELING';
    bill.update_time = new Date().toISOString();
    if (holdCancel) holdCancel = false;
    else setTimeout(() => void (bill.state === 'CANCELING' && finish(bill, 'CANCELLED')), 0);
    return signed(200, { out_bill_no: bill.out_bill_no, transfer_bill_no: bill.transfer_bill_no, state: 'CANCELING', update_time: bill.update_time });
  }

  /** Handles /v3/fund-app/mch-transfer/…; null when the path is not WeChat Pay's. */
  async function handle(method: string, uri: string, rawBody: string, authorization: string | undefined): Promise<(PayReply & { drop?: boolean }) | null> {
    const path = uri.split('?')[0];
    if (!path.startsWith('/v3/')) return null;
    if (!authorized(method, uri, rawBody, authorization)) return error(401, 'SIGN_ERROR', '签名错误');
    if (method === 'POST' && path === '/v3/fund-app/mch-transfer/transfer-bills') return transfer(rawBody);
    const query = /^\/v3\/fund-app\/mch-transfer\/transfer-bills\/out-bill-no\/([A-Za-z0-9]+)$/.exec(path);
    if (method === 'GET' && query) {
      const bill = bills.get(query[1]);
      return bill ? signed(200, view(bill)) : error(404, 'NOT_FOUND', '记录不存在');
    }
    const cancel = /^\/v3\/fund-app\/mch-transfer\/transfer-bills\/out-bill-no\/([A-Za-z0-9]+)\/cancel$/.exec(path);
    if (method === 'POST' && cancel) return cancelBill(cancel[1]);
    return error(404, 'NOT_FOUND', '接口不存在');
  }

  const controls: PaySimulatorControls = {
    bills: () => [...bills.values()],
    dropNextTransferResponse: () => {
      dropNext = true;
    },
    refuseNextTransfer: (code) => {
      if (code === 'SYSTEM_ERROR') systemErrorNext = true;
      else refuseNext = code;
    },
    failFor: (openid, reason = 'ACCOUNT_FROZEN') => failing.set(openid, reason),
    suppressNextNotice: () => {
      suppressNext = true;
    },
    notify: async (outBillNo) => {
      const bill = bills.get(outBillNo);
      return bill ? sendNotice(bill) : 0;
    },
    /**
     * An unconfirmed bill closes after 24 hours as FAIL with a notice
     * (https://developers.weixin.qq.com/community/develop/doc/000acc6265c6200720e227ae266800), fail_reason
     * OVERDUE_CLOSE (https://developers.weixin.qq.com/community/develop/doc/000c6693804fb0a043d350d7a61800); its
     * package no longer opens the confirmation.
     */
    closeOverdue: async (outBillNo) => {
      const bill = bills.get(outBillNo);
      if (!bill || bill.state !== 'WAIT_USER_CONFIRM') return bill ?? null;
      await finish(bill, 'FAIL', 'OVERDUE_CLOSE');
      return bill;
    },
    loseNextNotice: () => {
      loseNext = true;
    },
    retryNotices: async () => {
      const statuses: number[] = [];
      for (const outBillNo of [...undelivered.keys()]) statuses.push(await sendNotice(bills.get(outBillNo)!));
      return statuses;
    },
    /**
     * WeChat Pay probes that the merchant really verifies: a notice whose Wechatpay-Signature starts with
     * WECHATPAY/SIGNTEST/ is "签名探测流量" and must fail verification
     * (https://pay.weixin.qq.com/doc/v3/merchant/4016241880).
     */
    signTestProbe: async (outBillNo) => {
      const bill = bills.get(outBillNo);
      if (!bill) return 0;
      const { headers, body } = notice(bill);
      return post(bill, { ...headers, 'Wechatpay-Signature': `WECHATPAY/SIGNTEST/${randomBytes(192).toString('base64')}` }, body);
    },
    noticeFor: (outBillNo, timestamp) => {
      const bill = bills.get(outBillNo);
      return bill ? notice(bill, timestamp) : null;
    },
    holdNextTransfer: (state) => {
      holdNext = state;
    },
    advance: (outBillNo) => {
      const bill = bills.get(outBillNo);
      if (bill && (bill.state === 'ACCEPTED' || bill.state === 'PROCESSING')) {
        bill.state = 'WAIT_USER_CONFIRM';
        bill.update_time = new Date().toISOString();
      }
      return bill ?? null;
    },
    holdNextCancel: () => {
      holdCancel = true;
    },
    loseNextCancel: () => {
      loseCancel = true;
    },
    finishCancel: async (outBillNo) => {
      const bill = bills.get(outBillNo);
      if (bill?.state === 'CANCELING') await finish(bill, 'CANCELLED');
      return bill ?? null;
    },
    confirm: async (packageInfo, inTransit = false) => {
      const bill = [...bills.values()].find((b) => b.package_info === packageInfo);
      // Only a waiting bill (or one whose confirmation may be reopened) opens: never a final, held or cancelling one.
      if (!bill || !CONFIRMABLE.includes(bill.state)) return bill ?? null;
      if (inTransit) {
        bill.state = 'TRANSFERING';
        return bill;
      }
      const reason = failing.get(bill.openid);
      await finish(bill, reason ? 'FAIL' : 'SUCCESS', reason);
      return bill;
    },
  };
  return { handle, controls };
}
