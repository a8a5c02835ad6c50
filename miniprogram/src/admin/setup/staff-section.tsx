// The staff's roles, and the bind codes that give them: a role is taken away only after the
// administrator confirms whose and which, and a bind code (to give one, or to give it back) is issued here.
import { Button, Switch, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ROLE_LABELS, type OrgSetupView, type Role } from '@minqing/shared';
import { useState } from 'react';
import ChoiceChips from '@/components/choice-chips';
import { issueBindCode, removeRole } from '@/services/api';
import type { ApiError } from '@/services/request';
import { formatTime } from '@/utils/format';

/** The roles an administrator gives with a bind code (the group's administrator is set by the group). */
const GIVABLE: Role[] = ['coordinator', 'leader', 'handler', 'admin'];

interface Props {
  setup: OrgSetupView;
  change: (work: () => Promise<OrgSetupView>, done: string) => Promise<boolean>;
  /** Reloads the log after a change made outside `change`. */
  refreshAudit: () => void;
}

export default function StaffSection({ setup, change, refreshAudit }: Props) {
  const [role, setRole] = useState<Role>('handler');
  const [department, setDepartment] = useState(setup.departments[0]?.code ?? '');
  const [isHead, setIsHead] = useState(false);
  const [issued, setIssued] = useState<{ code: string; expiresAt: string; what: string } | null>(null);
  const departmentName = (code: string | null) => setup.departments.find((d) => d.code === code)?.name ?? '';

  const takeAway = async (person: OrgSetupView['staff'][number]) => {
    const who = person.name ?? '这位工作人员';
    const what = `${ROLE_LABELS[person.role]}${person.department ? `(${departmentName(person.department)})` : ''}`;
    const { confirm } = await Taro.showModal({
      title: '取消身份?',
      content: `${who}将不再是${what},马上退出登录。以后要恢复,可在下面发放绑定码。`,
      confirmText: '取消身份',
      cancelText: '不取消',
    });
    if (!confirm) return;
    // Ready to give it back: the same role and department preselected for a bind code.
    setRole(person.role);
    if (person.department) setDepartment(person.department);
    setIsHead(person.isHead);
    await change(() => removeRole(person.userId, person.role), '已取消身份');
  };

  const issue = async () => {
    try {
      const body = role === 'handler' ? { role, department, isHead } : { role };
      const code = await issueBindCode(body);
      const what = `${ROLE_LABELS[role]}${role === 'handler' ? `(${departmentName(department)}${isHead ? '负责人' : ''})` : ''}`;
      setIssued({ ...code, what });
      refreshAudit();
    } catch (e) {
      void Taro.showToast({ title: (e as ApiError).message, icon: 'none', duration: 2500 });
    }
  };

  return (
    <View className='mq-card' id='staff-card'>
      <View className='mq-item-serial'>工作人员</View>
      {setup.staff.map((person) => (
        <View key={`${person.userId}-${person.role}`} className='setup-row staff-row' data-role={person.role}>
          <Text>
            {person.name ?? '未填姓名'} · {ROLE_LABELS[person.role]}
            {person.role === 'handler' && person.department ? ` · ${departmentName(person.department)}` : ''}
            {person.isHead ? ' · 负责人' : ''}
          </Text>
          {person.role !== 'admin' && (
            <Button className='mq-button mq-button--ghost remove-role' onClick={() => void takeAway(person)}>
              取消身份
            </Button>
          )}
        </View>
      ))}

      <View className='setup-form' id='bind-code-form'>
        <View className='mq-item-serial'>发放绑定码</View>
        <View className='mq-hint'>对方在小程序「我的」页输入绑定码,就有了这个身份。绑定码只能用一次。</View>
        <ChoiceChips
          id='bind-role'
          chipClass='bind-role-chip'
          options={GIVABLE.map((r) => ({ code: r, name: ROLE_LABELS[r] }))}
          selected={role}
          onSelect={(r) => setRole(r as Role)}
        />
        {role === 'handler' && (
          <>
            <ChoiceChips id='bind-department' chipClass='bind-department-chip' options={setup.departments} selected={department} onSelect={setDepartment} />
            <View className='report-item__include'>
              <Text className='mq-hint'>部门负责人</Text>
              <Switch id='bind-head' checked={isHead} color='#0d47a1' onChange={(e) => setIsHead(e.detail.value)} />
            </View>
          </>
        )}
        <Button id='issue-bind-code' className='mq-button' onClick={() => void issue()}>
          生成绑定码
        </Button>
        {issued && (
          <View id='issued-code' className='issued-code'>
            <View className='issued-code__what'>{issued.what}的绑定码</View>
            <View className='issued-code__code' id='issued-code-value'>
              {issued.code}
            </View>
            <View className='mq-hint'>{formatTime(issued.expiresAt)} 前有效</View>
            <Button className='mq-button mq-button--ghost' onClick={() => void Taro.setClipboardData({ data: issued.code })}>
              复制绑定码
            </Button>
          </View>
        )}
      </View>
    </View>
  );
}
