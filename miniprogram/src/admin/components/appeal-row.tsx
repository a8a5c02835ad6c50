// One appeal in the staff's lists, as a clerk scans it between meetings: number and status, 特事特办,
// when it came ("2小时前") and from where, the category, how the worker chose to be known, and — once
// dispatched — the answer's due time, with 已逾期 in words (not in colour alone); a sheet a department sent
// back (退单) is marked 已退回, with the department's reason, while it waits for a new one.
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { STATUS_LABELS, type Identity, type StaffAppealSummaryView } from '@minqing/shared';
import { formatTime } from '@/utils/format';

/** The identity mode in a row: the mode, never who. */
const IDENTITY_SHORT: Record<Identity, string> = { named: '实名', confidential: '保密', anonymous: '匿名' };

/** "刚刚", "5分钟前", "2小时前", "3天前", then the date. */
export function timeAgo(iso: string, now = Date.now()): string {
  const minutes = Math.floor((now - Date.parse(iso)) / 60_000);
  if (minutes < 1) return '刚刚';
  if (minutes < 60) return `${minutes}分钟前`;
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)}小时前`;
  if (minutes < 7 * 24 * 60) return `${Math.floor(minutes / (24 * 60))}天前`;
  return formatTime(iso).slice(0, 10);
}

/** The due time as a clerk says it: 12月5日 18:00. */
export function dueText(iso: string): string {
  const d = new Date(iso);
  return `${d.getMonth() + 1}月${d.getDate()}日 ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

export default function AppealRow({ appeal }: { appeal: StaffAppealSummaryView }) {
  return (
    <View
      className={`mq-card staff-item${appeal.overdue ? ' staff-item--overdue' : ''}`}
      data-id={appeal.id}
      data-serial={appeal.serial}
      onClick={() => void Taro.navigateTo({ url: `/admin/appeal/index?id=${appeal.id}` })}
    >
      <View className='mq-item-head'>
        <Text className='mq-item-serial'>
          {appeal.urgent && <Text className='staff-item__urgent'>特事特办</Text>}
          {appeal.serial}
        </Text>
        <Text className={`mq-tag mq-tag--${appeal.status}`}>{STATUS_LABELS[appeal.status]}</Text>
      </View>
      <View className='staff-item__excerpt'>{appeal.excerpt}</View>
      <View className='mq-hint staff-item__meta'>
        <Text className='staff-item__ago'>{timeAgo(appeal.createdAt)}</Text>
        {appeal.place ? ` · ${appeal.place.name}` : ''} · {appeal.category.name} · <Text className='staff-item__identity'>{IDENTITY_SHORT[appeal.identity]}</Text>
        {appeal.department ? ` · ${appeal.department.name}` : ''}
        {appeal.department && appeal.coDepartments?.length ? `主办、${appeal.coDepartments.map((d) => d.name).join('、')}协办` : ''}
      </View>
      {appeal.dueAt && (
        <View className='mq-hint staff-item__due'>
          限 {dueText(appeal.dueAt)} 前答复
          {appeal.overdue && <Text className='staff-item__overdue'>已逾期</Text>}
        </View>
      )}
      {(appeal.supports ?? 0) > 0 && <View className='mq-hint staff-item__supports'>同感 {appeal.supports} 人</View>}
      {appeal.sentBack && (
        <View className='mq-hint staff-item__sent-back'>
          <Text className='mq-tag staff-item__sent-back-tag'>已退回</Text>
          {appeal.sentBack.department ?? '承办部门'}:{appeal.sentBack.reason}
        </View>
      )}
      {appeal.underReview && <View className='mq-hint'>内容待复核</View>}
      {appeal.needsCall && <Text className='mq-tag needs-call'>消息未送达,需电话告知</Text>}
    </View>
  );
}
