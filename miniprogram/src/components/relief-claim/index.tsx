// The worker's hardship relief: when WeChat Pay waits for them (or the money is on its way and the
// confirmation may be opened again), 领取救助金 opens WeChat's own confirmation (wx.requestMerchantTransfer);
// in the H5 demo the simulator stands in for it.
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ReliefView } from '@minqing/shared';
import { useEffect, useState } from 'react';
import { listRelief, reliefClaimed, simulatorConfirmTransfer } from '@/services/api';
import type { ApiError } from '@/services/request';

const STATE_TEXT: Partial<Record<ReliefView['state'], string>> = {
  approved: '已批准,正在发放',
  paying: '正在发放',
  wait_user_confirm: '请点下面的按钮领取',
  paid: '已到账,请在微信零钱中查看',
  failed: '发放未成功,党群工作部会联系您',
  cancelling: '党群工作部正在撤回这笔救助金',
  cancelled: '这笔救助金已撤回,钱没有转出。如有疑问请联系党群工作部',
};

interface MerchantTransferResult {
  errMsg?: string;
}
declare const wx:
  | {
      canIUse?: (schema: string) => boolean;
      requestMerchantTransfer?: (options: {
        mchId: string;
        appId: string;
        package: string;
        success: (r: MerchantTransferResult) => void;
        fail: (e: MerchantTransferResult) => void;
      }) => void;
    }
  | undefined;

/** What came of the worker's tap: WeChat's page answered (not yet "paid": the server asks WeChat Pay), was left, or cannot open here. */
type Confirmation = 'answered' | 'left' | 'unsupported';

/**
 * In the mini-program only wx.requestMerchantTransfer (base library ≥ 3.3.0, guarded with canIUse as
 * https://developers.weixin.qq.com/miniprogram/dev/api/payment/wx.requestMerchantTransfer.md says) — an
 * older WeChat is asked to upgrade, never sent to the simulator; in the H5 demo the simulator stands in.
 */
function confirmInWechat(claim: NonNullable<ReliefView['claim']>): Promise<Confirmation> {
  if (process.env.TARO_ENV === 'weapp') {
    const api = typeof wx !== 'undefined' ? wx : undefined;
    if (!api?.requestMerchantTransfer || !api.canIUse?.('requestMerchantTransfer')) return Promise.resolve('unsupported');
    return new Promise((resolve) => api.requestMerchantTransfer!({ ...claim, success: () => resolve('answered'), fail: () => resolve('left') }));
  }
  return simulatorConfirmTransfer(claim.package).then(
    (r) => (r.state !== null ? 'answered' : 'left'),
    () => 'left',
  );
}

export default function ReliefClaim({ appealId }: { appealId: string }) {
  const [items, setItems] = useState<ReliefView[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void listRelief(appealId).then(
      (r) => setItems(r.items),
      () => setItems([]),
    );
  }, [appealId]);

  const claim = async (relief: ReliefView) => {
    if (!relief.claim || busy) return;
    setBusy(true);
    try {
      const confirmation = await confirmInWechat(relief.claim);
      if (confirmation === 'unsupported') {
        void Taro.showModal({ title: '请升级微信后领取', content: '当前微信版本过低,无法打开领取页面。请把微信升级到最新版本后,再点“领取救助金”。', showCancel: false });
        return;
      }
      if (confirmation === 'left') {
        // Read again: the office may have withdrawn it meanwhile (WeChat then opens nothing), and the worker reads why.
        const fresh = await listRelief(appealId);
        setItems(fresh.items);
        const now = fresh.items.find((r) => r.id === relief.id);
        if (now?.claim) void Taro.showToast({ title: '没有领取成功,可以稍后再点', icon: 'none' });
        return;
      }
      const fresh = await reliefClaimed(relief.id);
      setItems((all) => all.map((r) => (r.id === fresh.id ? fresh : r)));
    } catch (e) {
      void Taro.showToast({ title: (e as ApiError).message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  if (!items.length) return null;
  return (
    <View className='mq-card' id='relief-claim'>
      {items.map((relief) => (
        <View key={relief.id} className='relief-item' data-state={relief.state}>
          <Text className='mq-label'>困难救助金 {relief.amount}</Text>
          {/* Why it ended (closed after 24 hours unclaimed, withdrawn…), as the server words it for the worker. */}
          <View className='mq-hint relief-state'>{relief.failReason ?? STATE_TEXT[relief.state] ?? ''}</View>
          {relief.claim && (
            <Button id='claim-relief' className='mq-button' onClick={() => void claim(relief)}>
              领取救助金
            </Button>
          )}
        </View>
      ))}
    </View>
  );
}
