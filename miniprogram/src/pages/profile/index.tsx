// 我的: name, unit (区队) and phone, which named appeals show to the office for the feedback call; 字体大小.
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { ROLE_LABELS, validateProfile, type UserView } from '@minqing/shared';
import { useState } from 'react';
import PageShell from '@/components/page-shell';
import { TypeSizeSetting, useTypeSize } from '@/components/type-size';
import { bindStaffRole, eraseMyData, getMe, updateMe } from '@/services/api';
import { setToken, type ApiError } from '@/services/request';
import { ensureLogin, isH5, logout } from '@/services/session';

export default function ProfilePage() {
  const [me, setMe] = useState<UserView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form, setForm] = useState({ name: '', unit: '', phone: '' });
  const [formError, setFormError] = useState<string | null>(null);
  const [bindCode, setBindCode] = useState('');
  const [bindError, setBindError] = useState<string | null>(null);
  const typeSize = useTypeSize();

  const load = async () => {
    setError(null);
    try {
      if (!(await ensureLogin())) return;
      const user = await getMe();
      setMe(user);
      setForm({ name: user.name ?? '', unit: user.unit ?? '', phone: '' });
    } catch (e) {
      setError((e as ApiError).message);
    }
  };

  useDidShow(() => void load());

  const save = async () => {
    const body = { name: form.name.trim() || null, unit: form.unit.trim() || null, ...(form.phone.trim() ? { phone: form.phone.trim() } : {}) };
    const problems = validateProfile(body);
    if (problems.length) {
      setFormError(problems[0].message);
      return;
    }
    try {
      setMe(await updateMe(body));
      setForm((f) => ({ ...f, phone: '' }));
      setFormError(null);
      void Taro.showToast({ title: '已保存', icon: 'success' });
    } catch (e) {
      setFormError((e as ApiError).message);
    }
  };

  /** Staff enter the one-time code their administrator gave them, and get their role at once. */
  const bind = async () => {
    try {
      setMe(await bindStaffRole(bindCode.trim()));
      setBindCode('');
      setBindError(null);
      void Taro.showToast({ title: '已绑定工作人员身份', icon: 'success' });
    } catch (e) {
      setBindError((e as ApiError).message);
    }
  };

  const switchUser = () => {
    setToken(null);
    void Taro.navigateTo({ url: '/pages/login/index?redirect=%2Fpages%2Fprofile%2Findex' });
  };

  /** 退出登录: asked once, then the server revokes the token and it is forgotten here. */
  const signOut = async () => {
    const { confirm } = await Taro.showModal({ title: '退出登录?', content: '退出后,您的登录在各处都失效,再次使用需要重新登录。', confirmText: '退出', cancelText: '取消' });
    if (!confirm) return;
    try {
      await logout();
    } catch {
      // Offline: the token is forgotten here all the same, and it expires on the server.
    }
    setMe(null);
    void Taro.showToast({ title: '已退出登录', icon: 'success' });
    if (isH5) void Taro.navigateTo({ url: '/pages/login/index?redirect=%2Fpages%2Fprofile%2Findex' });
    else void Taro.switchTab({ url: '/pages/submit/index' });
  };

  /** 删除我的个人信息: said plainly what goes and what stays, asked once, then the phone forgets the login. */
  const erase = async () => {
    const { confirm } = await Taro.showModal({
      title: '删除我的个人信息?',
      content: '您的姓名、单位、电话,和诉求上留的电话都会删掉,不能恢复。诉求会继续办理和公示,但您不会再收到回复消息和回访电话,也看不到以前的诉求了。',
      confirmText: '删除',
      cancelText: '不删除',
    });
    if (!confirm) return;
    try {
      await eraseMyData();
    } catch (e) {
      void Taro.showToast({ title: (e as ApiError).message, icon: 'none', duration: 3000 });
      return;
    }
    setToken(null);
    setMe(null);
    void Taro.showToast({ title: '已删除您的个人信息', icon: 'success' });
    if (isH5) void Taro.navigateTo({ url: '/pages/login/index?redirect=%2Fpages%2Fprofile%2Findex' });
    else void Taro.switchTab({ url: '/pages/submit/index' });
  };

  return (
    <View className={`mq-page ${typeSize}`}>
      <PageShell loading={!me && !error} error={error} onRetry={() => void load()}>
        {me && (
          <>
            <View className='mq-hero'>
              <View className='mq-hero__slogan' id='profile-name'>
                {me.name ?? '职工'}
              </View>
              <Text className='mq-hero__org'>{me.roles.map((r) => ROLE_LABELS[r]).join('、')}</Text>
            </View>
            <TypeSizeSetting />
            <View className='mq-card'>
              <Text className='mq-label'>姓名</Text>
              <Input
                id='profile-name-input'
                className='mq-input'
                nativeProps={{ 'aria-label': '姓名' }}
                value={form.name}
                maxlength={20}
                onInput={(e) => setForm({ ...form, name: e.detail.value })}
              />
              <Text className='mq-label'>单位(区队)</Text>
              <Input
                className='mq-input'
                nativeProps={{ 'aria-label': '单位(区队)' }}
                value={form.unit}
                maxlength={30}
                placeholder='例如:综掘二区'
                onInput={(e) => setForm({ ...form, unit: e.detail.value })}
              />
              <Text className='mq-label'>手机号{me.phone ? `(现为 ${me.phone})` : ''}</Text>
              <Input
                className='mq-input'
                type='number'
                nativeProps={{ 'aria-label': '手机号' }}
                value={form.phone}
                maxlength={13}
                placeholder='不改就留空'
                onInput={(e) => setForm({ ...form, phone: e.detail.value })}
              />
              {formError && <Text className='mq-error'>{formError}</Text>}
              <Button className='mq-button' onClick={() => void save()}>
                保存
              </Button>
            </View>
            <View className='mq-card'>
              <Text className='mq-label'>工作人员绑定码</Text>
              <Input
                id='bind-code'
                className='mq-input'
                nativeProps={{ 'aria-label': '工作人员绑定码' }}
                value={bindCode}
                maxlength={8}
                placeholder='管理员给您的 8 位码'
                onInput={(e) => setBindCode(e.detail.value)}
              />
              {bindError && <Text className='mq-error'>{bindError}</Text>}
              <Button className='mq-button mq-button--ghost' onClick={() => void bind()}>
                绑定
              </Button>
            </View>
            {me.roles.some((r) => r === 'coordinator' || r === 'leader' || r === 'handler') && (
              <Button id='open-workbench' className='mq-button' onClick={() => void Taro.navigateTo({ url: '/admin/inbox/index' })}>
                进入工作台
              </Button>
            )}
            {me.roles.includes('admin') && (
              <Button id='open-setup' className='mq-button' onClick={() => void Taro.navigateTo({ url: '/admin/setup/index' })}>
                单位设置与小蓝码
              </Button>
            )}
            {me.roles.includes('coordinator') && !me.roles.includes('admin') && (
              <Button id='open-canned-replies' className='mq-button mq-button--ghost' onClick={() => void Taro.navigateTo({ url: '/admin/setup/index' })}>
                常用回复
              </Button>
            )}
            {me.roles.includes('group_admin') && (
              <Button id='open-group' className='mq-button' onClick={() => void Taro.navigateTo({ url: '/admin/group/index' })}>
                红黑榜
              </Button>
            )}
            {me.roles.some((r) => r === 'coordinator' || r === 'admin') && (
              <Button id='open-outbox' className='mq-button mq-button--ghost' onClick={() => void Taro.navigateTo({ url: '/admin/outbox/index' })}>
                消息投递
              </Button>
            )}
            {isH5 && (
              <Button id='switch-user' className='mq-button mq-button--ghost' onClick={switchUser}>
                切换演示用户
              </Button>
            )}
            <Button id='open-help' className='mq-button mq-button--ghost' onClick={() => void Taro.navigateTo({ url: '/pages/help/index' })}>
              使用帮助与隐私
            </Button>
            <Button id='logout' className='mq-button mq-button--ghost' onClick={() => void signOut()}>
              退出登录
            </Button>
            {!me.roles.some((r) => r !== 'worker') && (
              <Button id='erase-my-data' className='mq-button mq-button--ghost mq-button--danger' onClick={() => void erase()}>
                删除我的个人信息
              </Button>
            )}
          </>
        )}
      </PageShell>
    </View>
  );
}
