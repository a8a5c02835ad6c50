// The log of every change, as the administrator reads it: when, who, and what was done to what.
import { View } from '@tarojs/components';
import type { AuditEntryView } from '@minqing/shared';
import { formatTime } from '@/utils/format';

export default function AuditSection({ entries }: { entries: AuditEntryView[] }) {
  return (
    <View className='mq-card' id='audit-log'>
      <View className='mq-item-serial'>修改记录</View>
      {entries.length === 0 && <View className='mq-hint'>还没有修改</View>}
      {entries.map((entry, i) => (
        <View key={i} className='mq-hint audit-entry'>
          {formatTime(entry.at)} {entry.actor ?? '系统'}:{entry.summary}
        </View>
      ))}
    </View>
  );
}
