// The staff's inbox by role: the office sees what is new, flagged, to be called back and overdue; a
// leader what waits for a sheet; a department what waits for it. Each tab says how many wait in it; a
// search box finds an appeal by its number, its words, or — where the person may see who wrote it — the
// worker's name or phone's last four digits; chips and pickers narrow and order the list, and the list
// loads a page at a time to its end ("已显示全部 N 条").
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import {
  APPEAL_LIST_DEFAULT_LIMIT,
  APPEAL_SEARCH_MAX,
  INBOX_TABS,
  inboxCountLabel,
  STATUS_LABELS,
  type AppealStatus,
  type InboxRole,
  type InboxTab,
  type Role,
  type StaffAppealSummaryView,
} from '@minqing/shared';
import { useRef, useState } from 'react';
import ChoiceChips from '@/components/choice-chips';
import ListFooter from '@/components/list-footer';
import { usePages } from '@/components/list-footer/use-pages';
import PageShell from '@/components/page-shell';
import { useTypeSize } from '@/components/type-size';
import { getMe, getPublicOrg, getStaffDirectory, listStaffAppeals } from '@/services/api';
import type { ApiError } from '@/services/request';
import { ensureLogin } from '@/services/session';
import { askForMessages, canAskForMessages, recordAnswers } from '@/services/subscribe';
import AppealRow from '../components/appeal-row';
import '../admin.scss';

const SORTS = [
  { code: 'newest', name: '最新提交' },
  { code: 'oldest', name: '最早提交' },
  { code: 'due', name: '最快到期' },
];

const IDENTITY_OPTIONS = [
  { code: 'named', name: '实名' },
  { code: 'confidential', name: '保密' },
  { code: 'anonymous', name: '匿名' },
];

interface Option {
  code: string;
  name: string;
}

/** What narrows the list besides the tab: each a code, '' for none. */
interface Filters {
  q: string;
  sort: string;
  urgent: boolean;
  overdue: boolean;
  status: string;
  category: string;
  place: string;
  department: string;
  month: string;
  identity: string;
}

const NO_FILTERS: Filters = { q: '', sort: 'newest', urgent: false, overdue: false, status: '', category: '', place: '', department: '', month: '', identity: '' };

/** The last twelve months, newest first, as 2026年11月. */
function recentMonths(now = new Date()): Option[] {
  return Array.from({ length: 12 }, (_, i) => {
    const d = new Date(now.getFullYear(), now.getMonth() - i, 1);
    const m = d.getMonth() + 1;
    return { code: `${d.getFullYear()}-${String(m).padStart(2, '0')}`, name: `${d.getFullYear()}年${m}月` };
  });
}

/** How many requests one tap lets a search make while its pages come back short (each tests a few thousand appeals). */
const SEARCH_ROUNDS = 5;

/** A page; for a search, continued while it is short and the server has more to search. */
async function fetchPage(query: Record<string, string>, cursor: string | null) {
  let page = await listStaffAppeals(cursor ? { ...query, cursor } : query);
  const items = [...page.items];
  const counts = page.counts;
  for (let round = 1; query.q && page.next && items.length < APPEAL_LIST_DEFAULT_LIMIT && round < SEARCH_ROUNDS; round++) {
    page = await listStaffAppeals({ ...query, cursor: page.next });
    items.push(...page.items);
  }
  return { items, next: page.next, counts };
}

function queryOf(tab: InboxTab, filters: Filters): Record<string, string> {
  const query: Record<string, string> = { ...(tab.query as Record<string, string>) };
  if (filters.q.trim()) query.q = filters.q.trim();
  if (filters.sort !== 'newest') query.sort = filters.sort;
  if (filters.urgent) query.urgent = '1';
  if (filters.overdue) query.overdue = '1';
  for (const key of ['status', 'category', 'place', 'department', 'month', 'identity'] as const) if (filters[key]) query[key] = filters[key];
  return query;
}

/** A picker over options with 不限 first; shows the chosen name. */
function FilterPicker({ id, label, options, value, onChange }: { id: string; label: string; options: Option[]; value: string; onChange: (code: string) => void }) {
  const range = ['不限', ...options.map((o) => o.name)];
  const chosen = options.find((o) => o.code === value);
  return (
    <Picker
      mode='selector'
      range={range}
      value={chosen ? options.indexOf(chosen) + 1 : 0}
      onChange={(e) => onChange(Number(e.detail.value) === 0 ? '' : options[Number(e.detail.value) - 1].code)}
    >
      <View id={id} className={`mq-chip filter-picker ${chosen ? 'mq-chip--on' : ''}`}>
        {label}:{chosen ? chosen.name : '不限'}
      </View>
    </Picker>
  );
}

export default function InboxPage() {
  const typeSize = useTypeSize();
  const [role, setRole] = useState<InboxRole | null>(null);
  const [tab, setTab] = useState<string>('');
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [draft, setDraft] = useState('');
  const { items, next, loadingMore, show, more } = usePages<StaffAppealSummaryView>();
  const [counts, setCounts] = useState<Record<string, number>>({});
  const [error, setError] = useState<string | null>(null);
  const [office, setOffice] = useState(false);
  const [reads, setReads] = useState(false);
  const [showFilters, setShowFilters] = useState(false);
  const [options, setOptions] = useState<{ categories: Option[]; places: Option[]; departments: Option[] } | null>(null);
  /** The to-do reminder template, loaded ahead so the 接收提醒 tap opens WeChat's prompt at once. */
  const [reminderTemplates, setReminderTemplates] = useState<string[]>([]);
  const org = useRef<string | null>(null);
  /** Answers to an older request (a tab tapped again quickly) are dropped. */
  const generation = useRef(0);

  const tabs = role ? INBOX_TABS[role] : [];

  const load = async (code = tab, with_: Filters = filters) => {
    setError(null);
    const asked = ++generation.current;
    try {
      if (!(await ensureLogin())) return;
      let current = role;
      if (!current) {
        const me = await getMe();
        current = ((['coordinator', 'leader', 'handler'] as Role[]).find((r) => me.roles.includes(r)) as InboxRole | undefined) ?? null;
        setOffice(me.roles.includes('coordinator') || me.roles.includes('admin'));
        setReads(me.roles.includes('coordinator') || me.roles.includes('leader'));
        org.current = me.org ?? null;
        if (canAskForMessages && me.org)
          void getPublicOrg(me.org).then(
            (o) => setReminderTemplates(o.staffSubscribeTemplates),
            () => undefined,
          );
        setRole(current);
        if (!current) {
          setError('您还没有工作人员身份,请向管理员索取绑定码');
          return;
        }
      }
      // A later load (a tab tapped while this one was still learning who is signed in) has chosen its tab:
      // this one must not put its own back over it.
      if (asked !== generation.current) return;
      const available = INBOX_TABS[current];
      const chosen = available.find((t) => t.code === code) ?? available[0];
      setTab(chosen.code);
      const page = await fetchPage(queryOf(chosen, with_), null);
      if (asked !== generation.current) return;
      show(page);
      if (page.counts) setCounts(page.counts);
    } catch (e) {
      if (asked === generation.current) setError((e as ApiError).message);
    } finally {
      Taro.stopPullDownRefresh();
    }
  };

  const loadMore = () => {
    const chosen = tabs.find((t) => t.code === tab);
    const asked = generation.current;
    if (chosen)
      void more(
        (cursor) => fetchPage(queryOf(chosen, filters), cursor),
        () => asked === generation.current,
      );
  };

  const apply = (changes: Partial<Filters>, code = tab) => {
    const updated = { ...filters, ...changes };
    setFilters(updated);
    show(null);
    void load(code, updated);
  };

  // A search looks through everything in the person's scope, whatever tab was open.
  const search = () => apply({ q: draft.trim() }, draft.trim() ? 'all' : tab);

  const openFilters = async () => {
    setShowFilters(!showFilters);
    if (options || !org.current) return;
    const [publicOrg, directory] = await Promise.all([getPublicOrg(org.current).catch(() => null), getStaffDirectory().catch(() => null)]);
    setOptions({
      categories: publicOrg?.categories ?? [],
      places: publicOrg?.places ?? [],
      departments: directory?.departments.map((d) => ({ code: d.code, name: d.name })) ?? [],
    });
  };

  // Each accept lets WeChat carry one reminder: staff tap this now and then to keep reminders coming.
  const receiveReminders = async () => {
    const accepted = await recordAnswers(askForMessages(reminderTemplates));
    void Taro.showToast({ title: accepted ? '已开启,下一条待办会通过微信提醒您' : '未开启微信提醒,待办仍会出现在工作台', icon: 'none', duration: 2500 });
  };

  useDidShow(() => void load());
  usePullDownRefresh(() => void load());
  useReachBottom(() => void loadMore());

  const filtered = filters.urgent || filters.overdue || filters.status || filters.category || filters.place || filters.department || filters.month || filters.identity;
  const statusOptions: Option[] = (Object.keys(STATUS_LABELS) as AppealStatus[]).map((s) => ({ code: s, name: STATUS_LABELS[s] }));

  return (
    <View className={`mq-page admin-page ${typeSize}`}>
      {(role !== null || (canAskForMessages && reminderTemplates.length > 0)) && (
        <View className='mq-card action-bar inbox-tools'>
          {canAskForMessages && reminderTemplates.length > 0 && (
            <Button id='receive-reminders' className='mq-button mq-button--ghost' onClick={() => void receiveReminders()}>
              接收提醒
            </Button>
          )}
          {role !== null && (
            <Button id='open-board' className='mq-button mq-button--ghost' onClick={() => void Taro.navigateTo({ url: '/admin/board/index' })}>
              督办看板
            </Button>
          )}
          {reads && (
            <Button id='open-report' className='mq-button mq-button--ghost' onClick={() => void Taro.navigateTo({ url: '/admin/report/index' })}>
              月报公示
            </Button>
          )}
          {office && (
            <Button id='open-outbox' className='mq-button mq-button--ghost' onClick={() => void Taro.navigateTo({ url: '/admin/outbox/index' })}>
              消息投递
            </Button>
          )}
        </View>
      )}
      {tabs.length > 0 && (
        <View className='mq-card inbox-find'>
          <View className='inbox-search'>
            <Input
              id='inbox-search'
              className='mq-input inbox-search__input'
              value={draft}
              maxlength={APPEAL_SEARCH_MAX}
              confirmType='search'
              placeholder={office ? '搜编号、内容、姓名或手机尾号' : '搜编号或内容'}
              onInput={(e) => setDraft(e.detail.value)}
              onConfirm={search}
            />
            <Button id='inbox-search-go' className='mq-button inbox-search__go' onClick={search}>
              搜索
            </Button>
          </View>
          {filters.q && (
            <View className='mq-hint' id='search-active'>
              正在搜索“{filters.q}”
              <Text
                id='search-clear'
                className='inbox-link'
                onClick={() => {
                  setDraft('');
                  apply({ q: '' });
                }}
              >
                清除搜索
              </Text>
            </View>
          )}
          <ChoiceChips id='inbox-sort' chipClass='sort-chip' options={SORTS} selected={filters.sort} onSelect={(sort) => apply({ sort })} />
          <View className='mq-chips' id='inbox-flags'>
            <View id='filter-urgent' className={`mq-chip filter-chip ${filters.urgent ? 'mq-chip--on' : ''}`} onClick={() => apply({ urgent: !filters.urgent })}>
              {filters.urgent ? '✓ ' : ''}特事特办
            </View>
            <View id='filter-overdue' className={`mq-chip filter-chip ${filters.overdue ? 'mq-chip--on' : ''}`} onClick={() => apply({ overdue: !filters.overdue })}>
              {filters.overdue ? '✓ ' : ''}已逾期
            </View>
            <View id='filter-more' className={`mq-chip filter-chip ${showFilters ? 'mq-chip--on' : ''}`} onClick={() => void openFilters()}>
              更多筛选
            </View>
          </View>
          {showFilters && (
            <View className='mq-chips' id='inbox-pickers'>
              <FilterPicker id='filter-status' label='状态' options={statusOptions} value={filters.status} onChange={(status) => apply({ status })} />
              <FilterPicker id='filter-category' label='类别' options={options?.categories ?? []} value={filters.category} onChange={(category) => apply({ category })} />
              <FilterPicker id='filter-place' label='地点' options={options?.places ?? []} value={filters.place} onChange={(place) => apply({ place })} />
              {role !== 'handler' && (
                <FilterPicker
                  id='filter-department'
                  label='部门'
                  options={options?.departments ?? []}
                  value={filters.department}
                  onChange={(department) => apply({ department })}
                />
              )}
              <FilterPicker id='filter-month' label='月份' options={recentMonths()} value={filters.month} onChange={(month) => apply({ month })} />
              <FilterPicker id='filter-identity' label='身份' options={IDENTITY_OPTIONS} value={filters.identity} onChange={(identity) => apply({ identity })} />
            </View>
          )}
          {filtered && (
            <Text id='filters-clear' className='inbox-link' onClick={() => apply({ ...NO_FILTERS, q: filters.q, sort: filters.sort })}>
              清除筛选
            </Text>
          )}
        </View>
      )}
      {tabs.length > 0 && (
        <View className='mq-card'>
          <ChoiceChips
            id='inbox-tabs'
            chipClass='inbox-tab'
            options={tabs.map((t) => ({ code: t.code, name: counts[t.code] !== undefined ? `${t.name} ${inboxCountLabel(counts[t.code])}` : t.name }))}
            selected={tab}
            onSelect={(code) => {
              show(null);
              void load(code);
            }}
          />
        </View>
      )}
      <PageShell loading={items === null && !error} error={error} onRetry={() => void load()}>
        {items?.length === 0 && !next && <View className='mq-empty'>{filters.q || filtered ? '没有符合条件的诉求' : '这里暂时没有诉求'}</View>}
        {items?.map((appeal) => (
          <AppealRow key={appeal.id} appeal={appeal} />
        ))}
        {items && (
          <ListFooter count={items.length} more={next !== null} moreLabel={filters.q ? '继续搜索更早的诉求' : undefined} loading={loadingMore} onMore={() => void loadMore()} />
        )}
      </PageShell>
    </View>
  );
}
