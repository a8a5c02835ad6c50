// The group's mines side by side (红黑榜): who answers every appeal, on time, to the workers'
// satisfaction — and who does not. Rates only; a group sees nothing inside a case.
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { RATE_LABELS, formatRate, type GroupRankingsView } from '@minqing/shared';
import { useState } from 'react';
import ChoiceChips from '@/components/choice-chips';
import PageShell from '@/components/page-shell';
import { getGroupRankings } from '@/services/api';
import type { ApiError } from '@/services/request';
import { ensureLogin } from '@/services/session';
import '../admin.scss';

const RANKED = ['replyRate', 'onTimeRate', 'satisfactionRate'] as const;

function months(now = new Date()): string[] {
  return [0, 1, 2, 3, 4, 5].map((i) => {
    const d = new Date(now.getFullYear(), now.getMonth() - i, 1);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
  });
}

export default function GroupPage() {
  const choices = months();
  const [month, setMonth] = useState(choices[1]);
  const [view, setView] = useState<GroupRankingsView | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async (m = month) => {
    setError(null);
    setMonth(m);
    try {
      if (!(await ensureLogin())) return;
      setView(await getGroupRankings(m));
    } catch (e) {
      setError((e as ApiError).message);
    }
  };

  useDidShow(() => void load());

  return (
    <View className='mq-page admin-page'>
      <View className='mq-card'>
        <ChoiceChips
          id='group-months'
          chipClass='month-chip'
          options={choices.map((m, i) => ({ code: m, name: i === 0 ? `${m}(本月)` : m }))}
          selected={month}
          onSelect={(m) => void load(m)}
        />
      </View>
      <PageShell loading={!view && !error} error={error} onRetry={() => void load()}>
        {view && (
          <>
            <View className='mq-card'>
              <View className='mq-item-serial'>{view.group.name}</View>
              {view.mines.map((mine) => (
                <View key={mine.code} className='setup-row mine-row' data-code={mine.code}>
                  <Text>
                    {mine.name}:诉求 {mine.total} 件
                  </Text>
                  {RANKED.map((name) => (
                    <View key={name} className='mq-hint'>
                      {RATE_LABELS[name]} {formatRate(mine.rates[name].value)}
                    </View>
                  ))}
                </View>
              ))}
            </View>
            {RANKED.map((name) => {
              const order = view.rankings[name].map((code) => view.mines.find((m) => m.code === code)!);
              return (
                <View key={name} className='mq-card ranking' data-rate={name}>
                  <View className='mq-item-serial'>{RATE_LABELS[name]}</View>
                  <View>
                    红榜:{order[0]?.name}({formatRate(order[0]?.rates[name].value ?? null)})
                  </View>
                  {order.length > 1 && (
                    <View>
                      黑榜:{order[order.length - 1].name}({formatRate(order[order.length - 1].rates[name].value)})
                    </View>
                  )}
                </View>
              );
            })}
          </>
        )}
      </PageShell>
    </View>
  );
}
