// 公示: the mine's published monthly report in the mini-program — the same figures and approved
// items as the official account's page, for workers to see what became of what was reported. A shared
// report opens the month it was shared from (?org=&month=); a month not published or a mine we do not
// know says so in words, with the way to what there is. The items come a page at a time (加载更多).
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import { OUTCOME_LABELS, RATE_LABELS, formatRate, type Outcome, type PublicReportItem, type PublicReportView, type RateName } from '@minqing/shared';
import { useState } from 'react';
import ChoiceChips from '@/components/choice-chips';
import ListFooter from '@/components/list-footer';
import { usePages } from '@/components/list-footer/use-pages';
import PageShell from '@/components/page-shell';
import { useTypeSize } from '@/components/type-size';
import { getPublicOrg, getPublicReport, getPublicReportItems, getPublicSupports, listPublishedMonths } from '@/services/api';
import type { ApiError } from '@/services/request';
import { orgFromLink } from '@/utils/current-org';
import { monthFromLink, reportShare } from './share';
import SupportLine from './support-line';
import './index.scss';

const RATES: RateName[] = ['replyRate', 'onTimeRate', 'resolutionRate', 'satisfactionRate', 'callRate'];
const monthLabel = (month: string) => `${Number(month.slice(5))}月`;
const fullMonth = (month: string) => `${month.slice(0, 4)}年${monthLabel(month)}`;

export default function PublicPage() {
  const router = useRouter();
  const [org, setOrg] = useState<{ code: string; name: string | null }>({ code: '', name: null });
  const [months, setMonths] = useState<string[] | null>(null);
  const [report, setReport] = useState<PublicReportView | null>(null);
  /** A month asked for (by a link or a share) that the mine has not published; or the mine itself unknown. */
  const [missing, setMissing] = useState<{ month: string } | 'org' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const typeSize = useTypeSize();
  /** 同感 counts of the shown items, by serial. */
  const [supports, setSupports] = useState<Record<string, number>>({});
  const pages = usePages<PublicReportItem>();
  const items = pages.items ?? [];

  /** The 同感 counts of these items, added to those shown. The counts are extra: a report without them still reads. */
  const countSupports = (code: string, shown: PublicReportItem[]) => {
    if (!shown.length) return;
    void getPublicSupports(
      code,
      shown.map((i) => i.serial),
    ).then(
      (answer) => setSupports((all) => ({ ...all, ...answer.counts })),
      () => undefined,
    );
  };

  const loadMore = () => {
    const shown = report;
    if (!shown) return;
    return pages.more(async (cursor) => {
      const page = await getPublicReportItems(org.code, shown.month, cursor);
      countSupports(org.code, page.items);
      return page;
    });
  };

  const load = async (month?: string) => {
    setError(null);
    // Each mine's 公众号 menu names its mine: 西曲矿's workers read 西曲矿's report, not the build's default.
    const code = orgFromLink(router.params.org);
    try {
      const published = (await listPublishedMonths(code)).months.map((m) => m.month);
      const wanted = month ?? monthFromLink(router.params.month) ?? published[0];
      const asked = wanted && published.includes(wanted) ? await getPublicReport(code, wanted).catch(notPublished) : null;
      const name = asked?.figures.org.name ?? (await getPublicOrg(code)).name;
      setOrg({ code, name });
      setMonths(published);
      setReport(asked);
      pages.show(asked && { items: asked.items, next: asked.next });
      setMissing(wanted && !asked ? { month: wanted } : null);
      setSupports({});
      if (asked) countSupports(code, asked.items);
    } catch (e) {
      const failure = e as ApiError;
      if (failure.code === 'ORG_UNKNOWN') {
        setOrg({ code, name: null });
        setMonths([]);
        setMissing('org');
      } else setError(failure.message);
    } finally {
      Taro.stopPullDownRefresh();
    }
  };

  useDidShow(() => void load(report?.month));
  usePullDownRefresh(() => void load(report?.month));
  useReachBottom(() => void loadMore());

  // Shared from here, the card names the mine and the month the worker is reading.
  const share = () => reportShare({ code: org.code, name: org.name ?? '' }, report?.month ?? null);
  useShareAppMessage(() => share().message);
  useShareTimeline(() => share().timeline);

  const figures = report?.figures;
  return (
    <View className={`mq-page public-page ${typeSize}`}>
      <PageShell loading={months === null && !error} error={error} onRetry={() => void load()}>
        {missing === 'org' && (
          <View className='mq-card public-missing' id='org-missing'>
            <View className='public-page__title'>没有找到这个矿</View>
            <View className='mq-hint'>这个链接里的矿不在公示名单上,可能是链接抄错了,或者这个矿还没有开通。请从本矿公众号菜单里的“诉求公示”重新打开。</View>
          </View>
        )}
        {missing && missing !== 'org' && (
          <View className='mq-card public-missing' id='month-missing'>
            <View className='public-page__title'>还没有这个月的公示</View>
            <View className='mq-hint'>
              {org.name ?? ''}
              {fullMonth(missing.month)}的公示还没有发布,每月的公示在下个月初发布。{months?.length ? '' : '本矿还没有发布过公示。'}
            </View>
            {months && months.length > 0 && (
              <Button className='mq-button mq-button--ghost public-missing__latest' id='latest-report' onClick={() => void load(months[0])}>
                看最近一期:{fullMonth(months[0])}的公示
              </Button>
            )}
          </View>
        )}
        {months?.length === 0 && !missing && (
          <View className='mq-empty' id='report-empty'>
            {org.name ?? ''}还没有发布的公示
          </View>
        )}
        {months && months.length > 1 && (
          <View className='mq-card'>
            <ChoiceChips
              id='report-months'
              chipClass='month-chip'
              label='月份'
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
              {items.length === 0 && <View className='mq-hint'>本月暂无可公开的办结事项</View>}
              {items.map((item) => (
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
              <ListFooter count={items.length} more={pages.next !== null} loading={pages.loadingMore} onMore={() => void loadMore()} />
            </View>
          </>
        )}
      </PageShell>
    </View>
  );
}

/** A month the list has but the report route does not (unpublished since): the same as not published. */
function notPublished(e: ApiError): null {
  if (e.code === 'REPORT_NOT_FOUND' || e.code === 'REPORT_MONTH_INVALID') return null;
  throw e;
}
