// The monthly report in the workbench: the office drafts it, writes or approves each item's public
// summary, drops what should not be listed, and publishes; a correction needs a note. Leaders read it; both export the month to Excel (export-card.tsx).
// A big month lists thousands of items: they come a page at a time (加载更多, or scrolling to the end);
// its 核减 entries too (显示更多, under the count from the figures).
import { Button, Input, Switch, Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidShow, useReachBottom } from '@tarojs/taro';
import {
  OUTCOME_LABELS,
  RATE_LABELS,
  RATE_NAMES,
  formatRate,
  monthText,
  type Outcome,
  type ReportExclusion,
  type ReportFigures,
  type ReportItemView,
  type ReportView,
} from '@minqing/shared';
import { useState } from 'react';
import ChoiceChips from '@/components/choice-chips';
import ListFooter from '@/components/list-footer';
import { usePages } from '@/components/list-footer/use-pages';
import PageShell from '@/components/page-shell';
import { useTypeSize } from '@/components/type-size';
import { draftReport, editReportItem, getLiveFigures, getMe, getReport, getReportExclusions, getReportItems, publishReport } from '@/services/api';
import type { ApiError } from '@/services/request';
import { ensureLogin } from '@/services/session';
import ExportCard from './export-card';
import '../admin.scss';

const monthAt = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;

/** The last six finished months, newest first. */
function recentMonths(now = new Date()): string[] {
  const months: string[] = [];
  for (let i = 1; i <= 6; i++) {
    const d = new Date(now.getFullYear(), now.getMonth() - i, 1);
    months.push(monthAt(d));
  }
  return months;
}

const LIVE = 'live';

/** Every rate with its fraction, as the office checks it before publishing. */
function RateLines({ figures }: { figures: Pick<ReportFigures, 'rates'> }) {
  return (
    <>
      {RATE_NAMES.map((name) => (
        <View key={name} className='mq-hint rate-line' data-rate={name}>
          {RATE_LABELS[name]}:{formatRate(figures.rates[name].value)}({figures.rates[name].numerator}/{figures.rates[name].denominator})
        </View>
      ))}
    </>
  );
}

export default function ReportPage() {
  const typeSize = useTypeSize();
  const months = recentMonths();
  const [month, setMonth] = useState(LIVE);
  /** This month so far, computed now by the same queries as the report (the leaders' dashboard). */
  const [live, setLive] = useState<ReportFigures | null>(null);
  const [report, setReport] = useState<ReportView | null>(null);
  const [missing, setMissing] = useState(false);
  const [office, setOffice] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [summaries, setSummaries] = useState<Record<string, string>>({});
  const pages = usePages<ReportItemView>();
  const items = pages.items ?? [];
  const excluded = usePages<ReportExclusion>();

  const typed = (list: ReportItemView[]) => Object.fromEntries(list.map((i) => [i.id, i.summary ?? '']));

  /** A view of the month: its first page of items, the list started again. */
  const show = (view: ReportView) => {
    setReport(view);
    setMissing(false);
    pages.show({ items: view.items, next: view.next });
    excluded.show({ items: view.exclusions, next: view.exclusionsNext });
    setSummaries(typed(view.items));
  };

  const loadMore = () =>
    pages.more(async (cursor) => {
      const page = await getReportItems(month, cursor);
      setSummaries((s) => ({ ...typed(page.items), ...s }));
      return page;
    });

  const load = async (m = month) => {
    setError(null);
    setMonth(m);
    try {
      if (!(await ensureLogin())) return;
      setOffice((await getMe()).roles.includes('coordinator'));
      if (m === LIVE) {
        setReport(null);
        pages.show(null);
        setMissing(false);
        setLive(await getLiveFigures(monthAt(new Date())));
        return;
      }
      setLive(null);
      show(await getReport(m));
    } catch (e) {
      const apiError = e as ApiError;
      if (apiError.code === 'REPORT_NOT_FOUND') {
        setReport(null);
        pages.show(null);
        setMissing(true);
      } else setError(apiError.message);
    }
  };

  const run = async (work: () => Promise<ReportView>, done: string) => {
    try {
      show(await work());
      void Taro.showToast({ title: done, icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: (e as ApiError).message, icon: 'none', duration: 2500 });
    }
  };

  /** An edit keeps the list as it stands (pages loaded, where the office is): only the saved item changes in it. */
  const saveItem = async (item: ReportItemView, changes: { summary?: string; included?: boolean }) => {
    try {
      const view = await editReportItem(month, item.id, changes);
      setReport(view);
      const saved = view.edited;
      if (saved) {
        pages.change((i) => (i.id === saved.id ? saved : i));
        setSummaries((s) => ({ ...s, [saved.id]: saved.summary ?? '' }));
      }
      void Taro.showToast({ title: '已保存', icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: (e as ApiError).message, icon: 'none', duration: 2500 });
    }
  };

  useDidShow(() => void load());
  useReachBottom(() => void (report && loadMore()));

  const draft = report?.state === 'draft';
  return (
    <View className={`mq-page admin-page ${typeSize}`}>
      <View className='mq-card'>
        <ChoiceChips
          id='report-months'
          chipClass='month-chip'
          options={[{ code: LIVE, name: '本月实时' }, ...months.map((m) => ({ code: m, name: monthText(m) }))]}
          selected={month}
          onSelect={(m) => void load(m)}
        />
      </View>
      <PageShell loading={!report && !live && !missing && !error} error={error} onRetry={() => void load()}>
        {live && (
          <View className='mq-card' id='live-figures'>
            <View className='mq-item-serial'>本月至今</View>
            <View className='mq-hint'>
              诉求 {live.counts.total} 件 · 已回复 {live.counts.replied} 件 · 不满意 {live.counts.unsatisfied} 件
            </View>
            <RateLines figures={live} />
            {live.byDepartment.map((d) => (
              <View key={d.name} className='mq-hint'>
                {d.name}:{d.counts.total} 件{d.coParts ? `,协办 ${d.coParts} 件` : ''},回复率 {formatRate(d.rates.replyRate.value)},按时办结率{' '}
                {formatRate(d.rates.onTimeRate.value)}
              </View>
            ))}
          </View>
        )}
        {missing && (
          <View className='mq-card'>
            <View className='mq-empty'>这个月的月报还没有生成</View>
            {office && (
              <Button id='draft-report' className='mq-button' onClick={() => void run(() => draftReport(month), '草稿已生成')}>
                生成草稿
              </Button>
            )}
          </View>
        )}
        {report && (
          <>
            <View className='mq-card' id='report-state'>
              <View className='mq-item-head'>
                <Text className='mq-item-serial'>
                  {month} 第 {report.version} 版
                </Text>
                <Text className={`mq-tag ${draft ? 'mq-tag--accepted' : 'mq-tag--closed'}`}>{draft ? '草稿' : '已发布'}</Text>
              </View>
              <View className='mq-hint'>
                诉求 {report.figures.counts.total} 件 · 有效 {report.figures.counts.valid} 件 · 核减 {report.figures.exclusionCount} 件 · 撤回{' '}
                {report.figures.byStatus.withdrawn ?? 0} 件
              </View>
              <RateLines figures={report.figures} />
              {(excluded.items ?? []).map((x) => (
                <View key={x.serial} className='mq-hint exclusion'>
                  核减 {x.serial}:{x.reason}
                </View>
              ))}
              {excluded.next !== null && (
                <Button
                  id='more-exclusions'
                  className='mq-button mq-button--ghost'
                  disabled={excluded.loadingMore}
                  onClick={() => void excluded.more((cursor) => getReportExclusions(month, cursor))}
                >
                  {excluded.loadingMore ? '正在加载…' : `显示更多核减(已显示 ${excluded.items?.length ?? 0} / ${report.figures.exclusionCount} 件)`}
                </Button>
              )}
              {office && !draft && (
                <Button id='correct-report' className='mq-button mq-button--ghost' onClick={() => void run(() => draftReport(month), '已开始更正')}>
                  更正(生成新版本草稿)
                </Button>
              )}
            </View>
            {items.map((item) => (
              <View key={item.id} className='mq-card report-item' data-serial={item.serial}>
                <View className='mq-item-head'>
                  <Text className='mq-item-serial'>{item.serial}</Text>
                  <Text className='mq-hint'>
                    {OUTCOME_LABELS[item.outcome as Outcome]} · {item.category} · {item.place}
                  </Text>
                </View>
                {draft && office ? (
                  <>
                    <Textarea
                      className='mq-input report-item__summary'
                      value={summaries[item.id] ?? ''}
                      maxlength={200}
                      placeholder='公开摘要:只写办了什么,不写姓名和原话'
                      onInput={(e) => setSummaries((s) => ({ ...s, [item.id]: e.detail.value }))}
                      onBlur={() => (summaries[item.id] ?? '') !== (item.summary ?? '') && void saveItem(item, { summary: summaries[item.id] })}
                    />
                    <View className='report-item__include'>
                      <Text>公示这一件</Text>
                      <Switch checked={item.included} color='#0d47a1' onChange={(e) => void saveItem(item, { included: e.detail.value })} />
                    </View>
                  </>
                ) : (
                  <View>{item.included ? item.summary : '(不公示)'}</View>
                )}
              </View>
            ))}
            <ListFooter count={items.length} more={pages.next !== null} loading={pages.loadingMore} onMore={() => void loadMore()} />
            {draft && office && (
              <View className='mq-card'>
                {report.version > 1 && <Input id='report-note' className='mq-input' value={note} placeholder='更正说明(必填)' onInput={(e) => setNote(e.detail.value)} />}
                <Button id='publish-report' className='mq-button' onClick={() => void run(() => publishReport(month, note.trim() || undefined), '已发布')}>
                  发布公示
                </Button>
              </View>
            )}
          </>
        )}
        {(live || report || missing) && <ExportCard month={month === LIVE ? monthAt(new Date()) : month} />}
      </PageShell>
    </View>
  );
}
