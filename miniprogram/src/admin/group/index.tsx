// The group's mines side by side (红黑榜): who answers every appeal, on time, to the workers'
// satisfaction — and who does not. Rates only; a group sees nothing inside a case.
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { RATE_LABELS, formatRate, monthText, type GroupRankingsView } from '@minqing/shared';
import { useState } from 'react';
import ChoiceChips from '@/components/choice-chips';
import PageShell from '@/components/page-shell';
import { useTypeSize } from '@/components/type-size';
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
  const typeSize = useTypeSize();
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
    <View className={`mq-page admin-page ${typeSize}`}>
      <View className='mq-card'>
        <ChoiceChips
          id='group-months'
          chipClass='month-chip'
          options={choices.map((m, i) => ({ code: m, name: i === 0 ? `${monthText(m)}(本月)` : monthText(m) }))}
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
                      {RATE_LABELS[name]} {mine.rates[name].value === null ? '无数据' : formatRate(mine.rates[name].value)}
                    </View>
                  ))}
                </View>
              ))}
            </View>
            {RANKED.map((name) => {
              // Ranked are the mines with something to measure; a mine with no appeals (or none yet due) is 无数据,
              // never on the 黑榜.
              const order = view.rankings[name].map((code) => view.mines.find((m) => m.code === code)!);
              const measured = order.filter((mine) => mine.rates[name].value !== null);
              const unmeasured = order.filter((mine) => mine.rates[name].value === null);
              return (
                <View key={name} className='mq-card ranking' data-rate={name}>
                  <View className='mq-item-serial'>{RATE_LABELS[name]}</View>
                  {measured.length > 0 && (
                    <View>
                      红榜:{measured[0].name}({formatRate(measured[0].rates[name].value)})
                    </View>
                  )}
                  {measured.length > 1 && (
                    <View>
                      黑榜:{measured[measured.length - 1].name}({formatRate(measured[measured.length - 1].rates[name].value)})
                    </View>
                  )}
                  {unmeasured.length > 0 && <View className='mq-hint ranking__none'>无数据:{unmeasured.map((mine) => mine.name).join('、')}</View>}
                </View>
              );
            })}
          </>
        )}
      </PageShell>
    </View>
  );
}
