// The worker's hardship relief: when WeChat Pay waits for them, 领取救助金 opens WeChat's own
// confirmation (wx.requestMerchantTransfer); in the H5 demo the simulator stands in for it.
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
  cancelled: '已取消,党群工作部会联系您',
};

declare const wx: { requestMerchantTransfer?: (options: { mchId: string; appId: string; package: string; success: () => void; fail: (e: unknown) => void }) => void } | undefined;

function confirmInWechat(claim: NonNullable<ReliefView['claim']>): Promise<boolean> {
  if (process.env.TARO_ENV === 'weapp' && typeof wx !== 'undefined' && wx?.requestMerchantTransfer) {
    return new Promise((resolve) => wx!.requestMerchantTransfer!({ ...claim, success: () => resolve(true), fail: () => resolve(false) }));
  }
  return simulatorConfirmTransfer(claim.package).then(
    (r) => r.state !== null,
    () => false,
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
      if (!(await confirmInWechat(relief.claim))) {
        void Taro.showToast({ title: '没有领取成功,可以稍后再点', icon: 'none' });
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
          <View className='mq-hint relief-state'>{STATE_TEXT[relief.state] ?? ''}</View>
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
