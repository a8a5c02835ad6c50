// 督办看板: what a leader reads on the way to a meeting — how many appeals are late now, in which
// department and with whom, the longest late first (a tap opens one), and each department's month so
// far. Large figures, words not colours for what is late; pull down to read it again.
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { formatRate, type OverdueBoardView, type ReportFigures, type StaffAppealSummaryView } from '@minqing/shared';
import { useState } from 'react';
import PageShell from '@/components/page-shell';
import { useTypeSize } from '@/components/type-size';
import { getLiveFigures, getMe, getOverdueBoard, listStaffAppeals } from '@/services/api';
import type { ApiError } from '@/services/request';
import { ensureLogin } from '@/services/session';
import AppealRow from '../components/appeal-row';
import '../admin.scss';

/** How long past the deadline (whole hours), as a leader says it: 不到1小时, 5小时, 3天. */
export function lateText(hours: number): string {
  if (hours < 1) return '不到1小时';
  return hours < 24 ? `${hours}小时` : `${Math.floor(hours / 24)}天`;
}

const LONGEST = 10;

export default function BoardPage() {
  const [board, setBoard] = useState<OverdueBoardView | null>(null);
  const [longest, setLongest] = useState<StaffAppealSummaryView[]>([]);
  const [month, setMonth] = useState<ReportFigures | null>(null);
  const [error, setError] = useState<string | null>(null);
  const typeSize = useTypeSize();

  const load = async () => {
    setError(null);
    try {
      if (!(await ensureLogin())) return;
      const me = await getMe();
      const wide = me.roles.includes('coordinator') || me.roles.includes('leader');
      const now = new Date();
      const [read, late, figures] = await Promise.all([
        getOverdueBoard(),
        listStaffAppeals({ queue: 'overdue', sort: 'due', limit: String(LONGEST) }),
        // The month by department is the leaders' and the office's dashboard: a department sees its late appeals only.
        wide ? getLiveFigures(`${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`) : Promise.resolve(null),
      ]);
      setBoard(read);
      setLongest(late.items as StaffAppealSummaryView[]);
      setMonth(figures);
    } catch (e) {
      setError((e as ApiError).message);
    } finally {
      Taro.stopPullDownRefresh();
    }
  };

  useDidShow(() => void load());
  usePullDownRefresh(() => void load());

  return (
    <View className={`mq-page admin-page ${typeSize}`}>
      <PageShell loading={!board && !error} error={error} onRetry={() => void load()}>
        {board && (
          <>
            <View className='mq-card board-total' id='board-total'>
              {board.total === 0 ? (
                <View className='mq-item-serial'>现在没有逾期未办的诉求</View>
              ) : (
                <>
                  <View className='mq-hint'>现在逾期未办</View>
                  <View className='board-total__figure'>
                    {board.total}
                    <Text className='board-total__unit'> 件</Text>
                  </View>
                </>
              )}
              <View className='mq-hint'>下拉可刷新</View>
            </View>
            {board.departments.map((d) => (
              <View key={d.department.code} className='mq-card board-department' data-code={d.department.code}>
                <View className='mq-item-head'>
                  <Text className='mq-item-serial'>{d.department.name}</Text>
                  <Text className='staff-item__overdue'>逾期 {d.count} 件</Text>
                </View>
                <View className='mq-hint'>最久的已超期 {lateText(d.longestHoursLate)}</View>
                {d.coHandling > 0 && <View className='board-person'>协办意见:{d.coHandling} 件</View>}
                {d.people.map((p) => (
                  <View key={p.name ?? ''} className='board-person'>
                    {p.name ?? '未指定经办人'}:{p.count} 件
                  </View>
                ))}
              </View>
            ))}
            {longest.length > 0 && (
              <View className='mq-card' id='board-longest'>
                <View className='mq-item-serial'>超期最久的 {longest.length} 件</View>
                {longest.map((appeal) => (
                  <AppealRow key={appeal.id} appeal={appeal} />
                ))}
              </View>
            )}
            {month && (
              <View className='mq-card' id='board-month'>
                <View className='mq-item-serial'>本月至今 · 各部门</View>
                {month.byDepartment.length === 0 && <View className='mq-empty'>本月还没有交办的诉求</View>}
                {month.byDepartment.map((d) => (
                  <View key={d.name} className='board-month-row'>
                    {d.name}:{d.counts.total} 件{d.coParts ? `,协办 ${d.coParts} 件` : ''} · 回复率 {formatRate(d.rates.replyRate.value)} · 按时办结率{' '}
                    {formatRate(d.rates.onTimeRate.value)}
                  </View>
                ))}
              </View>
            )}
          </>
        )}
      </PageShell>
    </View>
  );
}
