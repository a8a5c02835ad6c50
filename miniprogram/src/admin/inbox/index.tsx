// The staff's inbox by role: the office sees what is new, flagged, to be called back and overdue; a
// leader what waits for a sheet; a department what waits for it.
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { STATUS_LABELS, type Role, type StaffAppealSummaryView } from '@minqing/shared';
import { useState } from 'react';
import ChoiceChips from '@/components/choice-chips';
import PageShell from '@/components/page-shell';
import { getMe, getPublicOrg, listStaffAppeals } from '@/services/api';
import type { ApiError } from '@/services/request';
import { ensureLogin } from '@/services/session';
import { askForMessages, canAskForMessages, recordAnswers } from '@/services/subscribe';
import { formatTime } from '@/utils/format';
import '../admin.scss';

interface Tab {
  code: string;
  name: string;
  query: Record<string, string>;
}

const TABS: Partial<Record<Role, Tab[]>> = {
  coordinator: [
    { code: 'new', name: '新诉求', query: { queue: 'new' } },
    { code: 'review', name: '待复核', query: { queue: 'review' } },
    { code: 'responded', name: '待反馈', query: { status: 'responded' } },
    { code: 'calls', name: '待回访', query: { queue: 'calls' } },
    { code: 'due-soon', name: '即将到期', query: { queue: 'due_soon' } },
    { code: 'overdue', name: '逾期', query: { queue: 'overdue' } },
    { code: 'all', name: '全部', query: {} },
  ],
  leader: [
    { code: 'to-dispatch', name: '待批办', query: { status: 'accepted' } },
    { code: 'extensions', name: '延期审批', query: { queue: 'extensions' } },
    { code: 'overdue', name: '逾期', query: { queue: 'overdue' } },
    { code: 'all', name: '全部', query: {} },
  ],
  handler: [
    { code: 'to-ack', name: '待接单', query: { status: 'dispatched' } },
    { code: 'mine', name: '我负责的', query: { assignee: 'me' } },
    { code: 'doing', name: '办理中', query: { status: 'in_progress' } },
    { code: 'due-soon', name: '即将到期', query: { queue: 'due_soon' } },
    { code: 'supervised', name: '督办', query: { queue: 'supervised' } },
    { code: 'all', name: '全部', query: {} },
  ],
};

export default function InboxPage() {
  const [tabs, setTabs] = useState<Tab[] | null>(null);
  const [tab, setTab] = useState<string>('');
  const [items, setItems] = useState<StaffAppealSummaryView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [office, setOffice] = useState(false);
  const [reads, setReads] = useState(false);
  /** The to-do reminder template, loaded ahead so the 接收提醒 tap opens WeChat's prompt at once. */
  const [reminderTemplates, setReminderTemplates] = useState<string[]>([]);

  const load = async (code = tab) => {
    setError(null);
    try {
      if (!(await ensureLogin())) return;
      let available = tabs;
      if (!available) {
        const me = await getMe();
        const role = (['coordinator', 'leader', 'handler'] as Role[]).find((r) => me.roles.includes(r));
        setOffice(me.roles.includes('coordinator') || me.roles.includes('admin'));
        setReads(me.roles.includes('coordinator') || me.roles.includes('leader'));
        if (canAskForMessages && me.org)
          void getPublicOrg(me.org).then(
            (org) => setReminderTemplates(org.staffSubscribeTemplates),
            () => undefined,
          );
        available = role ? TABS[role]! : [];
        setTabs(available);
        if (!available.length) {
          setError('您还没有工作人员身份,请向管理员索取绑定码');
          return;
        }
      }
      const current = available.find((t) => t.code === code) ?? available[0];
      setTab(current.code);
      setItems((await listStaffAppeals(current.query)).items);
    } catch (e) {
      setError((e as ApiError).message);
    } finally {
      Taro.stopPullDownRefresh();
    }
  };

  // Each accept lets WeChat carry one reminder: staff tap this now and then to keep reminders coming.
  const receiveReminders = async () => {
    const accepted = await recordAnswers(askForMessages(reminderTemplates));
    void Taro.showToast({ title: accepted ? '已开启,下一条待办会通过微信提醒您' : '未开启微信提醒,待办仍会出现在工作台', icon: 'none', duration: 2500 });
  };

  useDidShow(() => void load());
  usePullDownRefresh(() => void load());

  return (
    <View className='mq-page admin-page'>
      {(office || reads || (canAskForMessages && reminderTemplates.length > 0)) && (
        <View className='mq-card action-bar inbox-tools'>
          {canAskForMessages && reminderTemplates.length > 0 && (
            <Button id='receive-reminders' className='mq-button mq-button--ghost' onClick={() => void receiveReminders()}>
              接收提醒
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
      {tabs && tabs.length > 0 && (
        <View className='mq-card'>
          <ChoiceChips id='inbox-tabs' chipClass='inbox-tab' options={tabs} selected={tab} onSelect={(code) => void load(code)} />
        </View>
      )}
      <PageShell loading={items === null && !error} error={error} onRetry={() => void load()}>
        {items?.length === 0 && <View className='mq-empty'>这里暂时没有诉求</View>}
        {items?.map((appeal) => (
          <View
            key={appeal.id}
            className='mq-card staff-item'
            data-id={appeal.id}
            data-serial={appeal.serial}
            onClick={() => void Taro.navigateTo({ url: `/admin/appeal/index?id=${appeal.id}` })}
          >
            <View className='mq-item-head'>
              <Text className='mq-item-serial'>
                {appeal.urgent ? '【特事特办】' : ''}
                {appeal.serial}
              </Text>
              <Text className={`mq-tag mq-tag--${appeal.status}`}>{STATUS_LABELS[appeal.status]}</Text>
            </View>
            <View>{appeal.excerpt}</View>
            <View className='mq-hint'>
              {appeal.category.name}
              {appeal.department ? ` · ${appeal.department.name}` : ''}
              {appeal.dueAt ? ` · 限 ${formatTime(appeal.dueAt)}` : ''}
              {appeal.overdue ? ' · 已逾期' : ''}
              {appeal.underReview ? ' · 内容待复核' : ''}
            </View>
            {appeal.needsCall && <Text className='mq-tag needs-call'>消息未送达,需电话告知</Text>}
          </View>
        ))}
      </PageShell>
    </View>
  );
}
