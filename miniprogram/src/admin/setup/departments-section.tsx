// The mine's departments (the ones a dispatch sheet can name) and where their news goes: each
// department's 企业微信 group robot, pasted as the webhook address 企业微信 shows when the robot is added.
import { Button, Input, Switch, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { NotificationSettingsView, OrgSetupView } from '@minqing/shared';
import { useEffect, useState } from 'react';
import { createDepartment, getNotificationSettings, renameDepartment, updateNotificationSettings } from '@/services/api';
import type { ApiError } from '@/services/request';

interface Props {
  setup: OrgSetupView;
  change: (work: () => Promise<OrgSetupView>, done: string) => Promise<boolean>;
  /** Reloads the log after a change made outside `change`. */
  refreshAudit: () => void;
}

/** The robot's key from what the administrator pastes: the whole webhook address, or the key alone. */
export function robotKeyFrom(pasted: string): string {
  const text = pasted.trim();
  const match = /[?&]key=([A-Za-z0-9-]+)/.exec(text);
  return match ? match[1] : text;
}

/** A new department's code, made here so the administrator never types one. */
const newCode = () => `d${Date.now().toString(36)}`;

export default function DepartmentsSection({ setup, change, refreshAudit }: Props) {
  const [name, setName] = useState('');
  const [renaming, setRenaming] = useState<{ code: string; name: string } | null>(null);
  const [settings, setSettings] = useState<NotificationSettingsView | null>(null);
  const [robotDrafts, setRobotDrafts] = useState<Record<string, string>>({});

  useEffect(() => {
    getNotificationSettings()
      .then(setSettings)
      .catch(() => setSettings(null));
  }, []);

  const saveRobots = async (body: Parameters<typeof updateNotificationSettings>[0], done: string) => {
    try {
      setSettings(await updateNotificationSettings(body));
      refreshAudit();
      void Taro.showToast({ title: done, icon: 'success' });
      return true;
    } catch (e) {
      void Taro.showToast({ title: (e as ApiError).message, icon: 'none', duration: 2500 });
      return false;
    }
  };

  const robotOf = (code: string) => settings?.departments.find((d) => d.code === code)?.robotKeySet ?? false;

  return (
    <View className='mq-card' id='departments-card'>
      <View className='mq-item-serial'>部门</View>
      {settings && (
        <View className='report-item__include'>
          <Text className='mq-hint'>部门的新消息同时发到各部门的企业微信群</Text>
          <Switch id='robot-switch' checked={settings.robot} color='#0d47a1' onChange={(e) => void saveRobots({ robot: e.detail.value }, '已保存')} />
        </View>
      )}
      {setup.departments.map((department) => (
        <View key={department.code} className='setup-row department-row' data-code={department.code}>
          {renaming?.code === department.code ? (
            <View className='setup-form'>
              <Input className='mq-input rename-input' value={renaming.name} onInput={(e) => setRenaming({ code: department.code, name: e.detail.value })} />
              <Button
                className='mq-button save-rename'
                onClick={() => void change(() => renameDepartment(department.code, renaming.name.trim()), '已改名').then((ok) => ok && setRenaming(null))}
              >
                保存
              </Button>
            </View>
          ) : (
            <View>
              <Text>{department.name}</Text>
              <Text className='mq-hint'>
                {department.leader ? ` · 分管:${department.leader.name ?? '未填姓名'}` : ''}
                {settings ? (robotOf(department.code) ? ' · 已接企业微信群' : ' · 未接企业微信群') : ''}
              </Text>
            </View>
          )}
          <View className='action-bar'>
            {renaming?.code !== department.code && (
              <Button className='mq-button mq-button--ghost rename-department' onClick={() => setRenaming({ code: department.code, name: department.name })}>
                改名
              </Button>
            )}
          </View>
          {settings && (
            <View className='setup-form robot-form'>
              <Input
                className='mq-input robot-input'
                value={robotDrafts[department.code] ?? ''}
                placeholder='粘贴企业微信群机器人的地址(群机器人资料页上复制)'
                onInput={(e) => setRobotDrafts({ ...robotDrafts, [department.code]: e.detail.value })}
              />
              <View className='action-bar'>
                <Button
                  className='mq-button mq-button--ghost save-robot'
                  onClick={() =>
                    void saveRobots({ departments: { [department.code]: robotKeyFrom(robotDrafts[department.code] ?? '') } }, '已接入').then(
                      (ok) => ok && setRobotDrafts({ ...robotDrafts, [department.code]: '' }),
                    )
                  }
                >
                  接入群机器人
                </Button>
                {robotOf(department.code) && (
                  <Button className='mq-button mq-button--ghost remove-robot' onClick={() => void saveRobots({ departments: { [department.code]: null } }, '已断开')}>
                    断开
                  </Button>
                )}
              </View>
            </View>
          )}
        </View>
      ))}
      <View className='setup-form' id='new-department'>
        <Input className='mq-input' id='department-name' value={name} placeholder='部门名称,如 机电科' onInput={(e) => setName(e.detail.value)} />
        <Button
          id='add-department'
          className='mq-button'
          onClick={() => void change(() => createDepartment({ code: newCode(), name: name.trim() }), '已添加').then((ok) => ok && setName(''))}
        >
          添加部门
        </Button>
      </View>
    </View>
  );
}
