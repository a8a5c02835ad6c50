// 我的诉求: the worker's own appeals, newest first, with where each stands — a page at a time, to the end.
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { STATUS_LABELS, type AppealSummaryView } from '@minqing/shared';
import { useState } from 'react';
import ListFooter from '@/components/list-footer';
import { usePages } from '@/components/list-footer/use-pages';
import { pressable } from '@/components/a11y';
import PageShell from '@/components/page-shell';
import { useTypeSize } from '@/components/type-size';
import { listMyAppeals, listNotices } from '@/services/api';
import type { ApiError } from '@/services/request';
import { ensureLogin } from '@/services/session';
import { showUnread } from '@/services/unread';
import { formatTime } from '@/utils/format';
import './index.scss';

export default function MinePage() {
  const { items, next, loadingMore, show, more } = usePages<AppealSummaryView>();
  const [unread, setUnread] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const typeSize = useTypeSize();

  const load = async () => {
    setError(null);
    try {
      if (!(await ensureLogin())) return;
      const [appeals, notices] = await Promise.all([listMyAppeals(), listNotices()]);
      show(appeals);
      setUnread(notices.unread);
      showUnread(notices.unread);
    } catch (e) {
      setError((e as ApiError).message);
    } finally {
      Taro.stopPullDownRefresh();
    }
  };

  const loadMore = () => more((cursor) => listMyAppeals(cursor));

  useDidShow(() => void load());
  usePullDownRefresh(() => void load());
  useReachBottom(() => void loadMore());

  return (
    <View className={`mq-page mine-page ${typeSize}`}>
      <PageShell loading={items === null && !error} error={error} onRetry={() => void load()}>
        {unread > 0 && (
          <View className='mq-note' id='unread-notices'>
            您有 {unread} 条新消息,点开诉求查看
          </View>
        )}
        {items && items.length === 0 && (
          <View className='mq-empty'>
            <View>还没有提交过诉求</View>
            <Button className='mq-button' onClick={() => void Taro.switchTab({ url: '/pages/submit/index' })}>
              去反映问题
            </Button>
          </View>
        )}
        {items?.map((appeal) => (
          <View
            key={appeal.id}
            className='mq-card appeal-item'
            data-id={appeal.id}
            {...pressable()}
            onClick={() => void Taro.navigateTo({ url: `/pages/detail/index?id=${appeal.id}` })}
          >
            <View className='mq-item-head'>
              <Text className='mq-item-serial'>{appeal.serial}</Text>
              <Text className={`mq-tag mq-tag--${appeal.status} appeal-item__status`}>{STATUS_LABELS[appeal.status]}</Text>
            </View>
            <View className='appeal-item__excerpt'>{appeal.excerpt}</View>
            {appeal.awaitingRating && <View className='mq-hint appeal-item__rate'>{appeal.status === 'merged' ? '合并办理的诉求有答复了,请评价' : '有答复了,请评价'}</View>}
            <View className='mq-hint'>
              {appeal.category.name}
              {appeal.place ? ` · ${appeal.place.name}` : ''} · {formatTime(appeal.createdAt)}
            </View>
          </View>
        ))}
        {items && <ListFooter count={items.length} more={next !== null} loading={loadingMore} onMore={() => void loadMore()} />}
      </PageShell>
    </View>
  );
}
