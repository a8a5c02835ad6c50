// H5 demo only: there is no wx.login in a browser, so a person picks a demo user and logs in through
// the same route with a simulator code `test:<openid>`.
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { DemoUserView } from '@minqing/shared';
import { useEffect, useState } from 'react';
import { pressable } from '@/components/a11y';
import PageShell from '@/components/page-shell';
import { useTypeSize } from '@/components/type-size';
import type { ApiError } from '@/services/request';
import { listDemoUsers, loginWithCode } from '@/services/session';

const TAB_PAGES = ['/pages/submit/index', '/pages/mine/index', '/pages/profile/index'];

export default function LoginPage() {
  const { params } = useRouter();
  const [users, setUsers] = useState<DemoUserView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [custom, setCustom] = useState('');
  const typeSize = useTypeSize();

  const load = async () => {
    setError(null);
    try {
      setUsers(await listDemoUsers());
    } catch (e) {
      setError((e as ApiError).message);
    }
  };

  useEffect(() => {
    void load();
  }, []);

  const login = async (openid: string) => {
    try {
      await loginWithCode(`test:${openid}`);
      const target = decodeURIComponent(params.redirect ?? '%2Fpages%2Fsubmit%2Findex');
      const path = target.split('?')[0];
      if (TAB_PAGES.includes(path)) await Taro.switchTab({ url: path });
      else await Taro.redirectTo({ url: target });
    } catch (e) {
      void Taro.showToast({ title: (e as ApiError).message, icon: 'none' });
    }
  };

  return (
    <View className={`mq-page ${typeSize}`}>
      <View className='mq-note'>这是演示环境:在微信里会自动登录。请选择一位演示用户。</View>
      <PageShell loading={!users && !error} error={error} onRetry={() => void load()}>
        {users?.map((user) => (
          <View key={user.openid} className='mq-card demo-user' data-openid={user.openid} {...pressable()} onClick={() => void login(user.openid)}>
            <Text>{user.label}</Text>
          </View>
        ))}
        <View className='mq-card'>
          <Text className='mq-label'>或者作为一位新职工登录</Text>
          <Input
            id='custom-openid'
            className='mq-input'
            nativeProps={{ 'aria-label': '新职工的名字' }}
            value={custom}
            placeholder='随便起个名字,如 worker_zhang'
            onInput={(e) => setCustom(e.detail.value)}
          />
          <Button className='mq-button' onClick={() => custom.trim() && void login(custom.trim().replace(/[^A-Za-z0-9_-]/g, '_'))}>
            登录
          </Button>
        </View>
      </PageShell>
    </View>
  );
}
