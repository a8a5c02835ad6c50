// Above the form's text box: an open appeal at the same place about the same kind of thing, if a worker
// made one lately — "同一地点已有人反映" — so this worker can add their voice (同感) instead of writing it again.
// Shows what was reported and how many share it, never who. Nothing shows for a worker not yet signed in.
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { SimilarAppealView } from '@minqing/shared';
import { useEffect, useState } from 'react';
import { addSupport, getSimilarAppeals } from '@/services/api';
import { getToken, type ApiError } from '@/services/request';
import './index.scss';

interface SimilarAppealsProps {
  org: string;
  place: string;
  category: string;
}

export default function SimilarAppeals({ org, place, category }: SimilarAppealsProps) {
  const [items, setItems] = useState<SimilarAppealView[]>([]);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    setItems([]);
    if (!org || !place || !category || !getToken()) return;
    let current = true;
    getSimilarAppeals(org, place, category).then(
      (found) => current && setItems(found.items),
      // A look that failed hides the box: the form works without it.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [org, place, category]);

  const support = async (serial: string) => {
    if (busy) return;
    setBusy(serial);
    try {
      const answer = await addSupport(serial);
      setItems((list) => list.map((i) => (i.serial === serial ? { ...i, supports: answer.supports, mine: true } : i)));
      void Taro.showToast({ title: answer.added ? '已记下您的同感' : '您已经点过了', icon: answer.added ? 'success' : 'none' });
    } catch (e) {
      void Taro.showToast({ title: (e as ApiError).message, icon: 'none' });
    } finally {
      setBusy(null);
    }
  };

  if (!items.length) return null;
  return (
    <View className='mq-note similar-appeals' id='similar-appeals'>
      <Text className='mq-label'>同一地点已有人反映:</Text>
      {items.map((item) => (
        <View key={item.serial} className='similar-appeals__item' data-serial={item.serial}>
          <Text className='similar-appeals__excerpt'>{item.excerpt}</Text>
          <View className='mq-hint similar-appeals__count'>{item.supports > 0 ? `${item.supports} 位工友也遇到了` : '还没有人点同感'}</View>
          {item.mine ? (
            <View className='mq-hint similar-appeals__mine'>您已点过同感,党群工作部会看到有多少人遇到了</View>
          ) : (
            <Button className='mq-button mq-button--ghost similar-appeals__support' onClick={() => void support(item.serial)}>
              {busy === item.serial ? '正在记下…' : '我也遇到了'}
            </Button>
          )}
        </View>
      ))}
      <View className='mq-hint'>是别的事,就接着在下面填写。</View>
    </View>
  );
}
