// 公示: the mine's published monthly report in the mini-program — the same figures and approved
// items as the official account's page, for workers to see what became of what was reported.
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { OUTCOME_LABELS, RATE_LABELS, formatRate, type Outcome, type PublicReportView, type RateName } from '@minqing/shared';
import { useState } from 'react';
import ChoiceChips from '@/components/choice-chips';
import PageShell from '@/components/page-shell';
import { getPublicOrg, getPublicReport, getPublicSupports, listPublishedMonths } from '@/services/api';
import type { ApiError } from '@/services/request';
import { orgFromLink } from '@/utils/current-org';
import SupportLine from './support-line';
import './index.scss';

const RATES: RateName[] = ['replyRate', 'onTimeRate', 'resolutionRate', 'satisfactionRate', 'callRate'];
const monthLabel = (month: string) => `${Number(month.slice(5))}月`;

export default function PublicPage() {
  const router = useRouter();
  const [orgName, setOrgName] = useState<string | null>(null);
  const [months, setMonths] = useState<string[] | null>(null);
  const [report, setReport] = useState<PublicReportView | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** 同感 counts of the shown items, by serial. */
  const [supports, setSupports] = useState<Record<string, number>>({});

  const load = async (month?: string) => {
    setError(null);
    try {
      // Each mine's 公众号 menu names its mine: 西曲矿's workers read 西曲矿's report, not the build's default.
      const org = orgFromLink(router.params.org);
      const published = (await listPublishedMonths(org)).months.map((m) => m.month);
      if (!published.length) setOrgName((await getPublicOrg(org)).name);
      setMonths(published);
      const chosen = month ?? published[0];
      const shown = chosen ? await getPublicReport(org, chosen) : null;
      setReport(shown);
      // The counts are extra: a report without them still reads.
      if (shown?.items.length)
        void getPublicSupports(
          org,
          shown.items.map((i) => i.serial),
        ).then(
          (answer) => setSupports(answer.counts),
          () => undefined,
        );
    } catch (e) {
      setError((e as ApiError).message);
    } finally {
      Taro.stopPullDownRefresh();
    }
  };

  useDidShow(() => void load(report?.month));
  usePullDownRefresh(() => void load(report?.month));

  const figures = report?.figures;
  return (
    <View className='mq-page public-page'>
      <PageShell loading={months === null && !error} error={error} onRetry={() => void load()}>
        {months?.length === 0 && (
          <View className='mq-empty' id='report-empty'>
            {orgName ?? ''}还没有发布的公示
          </View>
        )}
        {months && months.length > 1 && (
          <View className='mq-card'>
            <ChoiceChips
              id='report-months'
              chipClass='month-chip'
              options={months.slice(0, 6).map((m) => ({ code: m, name: monthLabel(m) }))}
              selected={report?.month ?? ''}
              onSelect={(m) => void load(m)}
            />
          </View>
        )}
        {report && figures && (
          <>
            <View className='mq-card' id='report-headline'>
              <View className='public-page__title'>
                {figures.org.name} {report.month.slice(0, 4)}年{monthLabel(report.month)}诉求办理情况
              </View>
              {report.note && <View className='mq-note'>更正说明:{report.note}</View>}
              <View className='mq-hint'>
                本月诉求 {figures.counts.total} 件,有效 {figures.counts.valid} 件,已回复 {figures.counts.replied} 件
                {figures.byStatus.withdrawn ? `,职工撤回 ${figures.byStatus.withdrawn} 件` : ''}
              </View>
              {RATES.map((name) => (
                <View key={name} className='rate-row' data-rate={name}>
                  <Text className='rate-row__label'>{RATE_LABELS[name]}</Text>
                  <View className='rate-row__track'>
                    <View className='rate-row__bar' style={{ width: `${Math.round((figures.rates[name].value ?? 0) * 100)}%` }} />
                  </View>
                  <Text className='rate-row__value'>{formatRate(figures.rates[name].value)}</Text>
                </View>
              ))}
            </View>
            <View className='mq-card'>
              <View className='public-page__subtitle'>办结事项</View>
              {report.items.length === 0 && <View className='mq-hint'>本月暂无可公开的办结事项</View>}
              {report.items.map((item) => (
                <View key={item.serial} className='public-item' data-serial={item.serial}>
                  <View>
                    <Text className={`mq-tag public-item__outcome public-item__outcome--${item.outcome}`}>{OUTCOME_LABELS[item.outcome as Outcome]}</Text>
                    <Text className='public-item__summary'>{item.summary}</Text>
                  </View>
                  <View className='mq-hint'>
                    {item.category} · {item.place}
                    {item.department ? ` · ${item.department}` : ''} · 用时 {item.daysTaken} 天
                  </View>
                  <SupportLine serial={item.serial} count={supports[item.serial] ?? 0} onCounted={(serial, n) => setSupports((all) => ({ ...all, [serial]: n }))} />
                </View>
              ))}
            </View>
          </>
        )}
      </PageShell>
    </View>
  );
}
