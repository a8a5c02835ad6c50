// The notifications that did not arrive, for the office and the administrator: who they were for,
// what WeChat answered, and a button to send a dead one again once its cause is fixed.
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import type { OutboxItemView, OutboxListView, OutboxStateName } from '@minqing/shared';
import { useState } from 'react';
import ChoiceChips from '@/components/choice-chips';
import PageShell from '@/components/page-shell';
import { useTypeSize } from '@/components/type-size';
import { listOutbox, retryOutboxMessage } from '@/services/api';
import type { ApiError } from '@/services/request';
import { ensureLogin } from '@/services/session';
import { formatTime } from '@/utils/format';
import '../admin.scss';

const TABS: Array<{ code: OutboxStateName; name: string }> = [
  { code: 'dead', name: '投递失败' },
  { code: 'no_credit', name: '未订阅' },
  { code: 'pending', name: '等待重试' },
];

const RECIPIENT_LABELS: Record<OutboxItemView['recipient']['kind'], string> = { worker: '职工', staff: '工作人员', robot: '部门群机器人' };

export default function OutboxPage() {
  const typeSize = useTypeSize();
  const [state, setState] = useState<OutboxStateName>('dead');
  const [list, setList] = useState<OutboxListView | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async (next = state) => {
    setError(null);
    setState(next);
    try {
      if (!(await ensureLogin())) return;
      setList(await listOutbox(next));
    } catch (e) {
      setError((e as ApiError).message);
    } finally {
      Taro.stopPullDownRefresh();
    }
  };

  const retry = async (item: OutboxItemView) => {
    try {
      await retryOutboxMessage(item.id);
      void Taro.showToast({ title: '已重新排队发送', icon: 'success' });
      await load();
    } catch (e) {
      void Taro.showToast({ title: (e as ApiError).message, icon: 'none' });
    }
  };

  useDidShow(() => void load());
  usePullDownRefresh(() => void load());

  const options = TABS.map((t) => ({ code: t.code, name: `${t.name} ${list?.counts[t.code] ?? 0}` }));
  return (
    <View className={`mq-page admin-page ${typeSize}`}>
      <View className='mq-card'>
        <ChoiceChips id='outbox-tabs' chipClass='outbox-tab' options={options} selected={state} onSelect={(code) => void load(code as OutboxStateName)} />
      </View>
      <PageShell loading={list === null && !error} error={error} onRetry={() => void load()}>
        {list?.items.length === 0 && <View className='mq-empty'>没有这类消息</View>}
        {list?.items.map((item) => (
          <View key={item.id} className='mq-card outbox-item' data-id={item.id}>
            <View className='mq-item-head'>
              <Text className='mq-item-serial'>{item.appeal?.serial ?? '—'}</Text>
              <Text className='mq-hint'>{formatTime(item.createdAt)}</Text>
            </View>
            <View>
              {item.title} → {item.recipient.kind === 'worker' ? (item.recipient.name ?? RECIPIENT_LABELS.worker) : RECIPIENT_LABELS[item.recipient.kind]}
              {item.recipient.kind !== 'worker' && item.recipient.name ? ` ${item.recipient.name}` : ''}
            </View>
            <View className='mq-hint'>
              {item.state === 'no_credit' ? '对方没有开启微信提醒,已转站内信' : `已尝试 ${item.attempts} 次`}
              {item.lastError ? ` · ${item.lastError}` : ''}
            </View>
            <View className='action-bar'>
              {item.appeal && (
                <Button className='mq-button mq-button--ghost' onClick={() => void Taro.navigateTo({ url: `/admin/appeal/index?id=${item.appeal!.id}` })}>
                  查看诉求
                </Button>
              )}
              {item.state === 'dead' && (
                <Button className='mq-button outbox-retry' onClick={() => void retry(item)}>
                  重新发送
                </Button>
              )}
            </View>
          </View>
        ))}
      </PageShell>
    </View>
  );
}
