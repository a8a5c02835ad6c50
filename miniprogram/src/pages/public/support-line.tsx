// 同感 under an item of the 公示: how many workers said it happened to them too (public, a count only),
// and 我也遇到了 for this worker — once; a second tap is told it was counted already.
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { addSupport } from '@/services/api';
import type { ApiError } from '@/services/request';
import { ensureLogin } from '@/services/session';

interface SupportLineProps {
  serial: string;
  count: number;
  onCounted: (serial: string, count: number) => void;
}

export default function SupportLine({ serial, count, onCounted }: SupportLineProps) {
  const [mine, setMine] = useState(false);
  const [busy, setBusy] = useState(false);

  const support = async () => {
    if (busy) return;
    setBusy(true);
    try {
      if (!(await ensureLogin())) return;
      const answer = await addSupport(serial);
      setMine(true);
      onCounted(serial, answer.supports);
      void Taro.showToast({ title: answer.added ? '已记下您的同感' : '您已经点过了', icon: answer.added ? 'success' : 'none' });
    } catch (e) {
      void Taro.showToast({ title: (e as ApiError).message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='support-line'>
      <Text className='mq-hint support-line__count'>{count > 0 ? `${count} 人有同感` : '还没有人点同感'}</Text>
      {mine ? (
        <Text className='mq-hint support-line__mine'>已同感</Text>
      ) : (
        <Button className='support-line__button' onClick={() => void support()}>
          {busy ? '正在记下…' : '我也遇到了'}
        </Button>
      )}
    </View>
  );
}
