// 新诉求提醒: which office clerks get the to-do message of new appeals — at most one every ten minutes,
// saying how many came and how many wait for 受理 — besides the inbox's count in the app. A clerk gets the
// WeChat message only after allowing it in the mini-program (接收提醒); the group robots are set under 部门.
import { Switch, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { NotificationSettingsView } from '@minqing/shared';
import { useEffect, useState } from 'react';
import { getNotificationSettings, updateNotificationSettings } from '@/services/api';
import type { ApiError } from '@/services/request';

interface Props {
  refreshAudit: () => void;
}

export default function NotificationsSection({ refreshAudit }: Props) {
  const [settings, setSettings] = useState<NotificationSettingsView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    getNotificationSettings()
      .then(setSettings)
      .catch((e: ApiError) => setLoadError(e.message));
  }, []);

  const turn = async (openid: string, on: boolean) => {
    try {
      setSettings(await updateNotificationSettings({ newAppeals: { [openid]: on } }));
      refreshAudit();
      void Taro.showToast({ title: on ? '已开启' : '已关闭', icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: (e as ApiError).message, icon: 'none', duration: 2500 });
    }
  };

  return (
    <View className='mq-card' id='notifications-card'>
      <View className='mq-item-serial'>新诉求提醒</View>
      <View className='mq-hint'>有新诉求时,每 10 分钟最多发一条微信待办:这段时间收到几件、现在几件待受理。本人在小程序里点过“接收提醒”才能收到。</View>
      {loadError && <Text className='mq-error'>{loadError}</Text>}
      {settings && !settings.office.length && <View className='mq-hint'>党群工作部还没有人,请先在“发放绑定码”里给他们发码</View>}
      {settings?.office.map((clerk) => (
        <View key={clerk.openid} className='report-item__include office-todo-row'>
          <Text>{clerk.name ?? '未填姓名'}(党群工作部)</Text>
          <Switch className='office-todo-switch' checked={clerk.newAppeals} color='#0d47a1' onChange={(e) => void turn(clerk.openid, e.detail.value)} />
        </View>
      ))}
      {settings && <View className='mq-hint'>企业微信群:{settings.robot ? '已开启,党群工作部的群也会收到这条提醒' : '未开启(在下面“部门”里开启)'}</View>}
    </View>
  );
}
