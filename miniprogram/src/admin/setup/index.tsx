// The administrator's afternoon: the places where stickers go (with how often each is scanned), the
// stickers themselves, the QR kind, the categories' times to answer, the staff's roles, the office's
// 常用回复, and the log of every change. The office (党群工作部) opens it for its 常用回复 only.
import { Button, Image, Input, Switch, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { AuditEntryView, OrgSetupView } from '@minqing/shared';
import { useState } from 'react';
import ChoiceChips from '@/components/choice-chips';
import PageShell from '@/components/page-shell';
import { useTypeSize } from '@/components/type-size';
import { archivePlace, createPlace, getAuditTrail, getMe, getOrgSetup, getPublicOrg, updateCategory, updateOrgSetup } from '@/services/api';
import { fetchImage, openDocument } from '@/services/download';
import type { ApiError } from '@/services/request';
import { ensureLogin } from '@/services/session';
import AuditSection from './audit-section';
import CannedRepliesSection from './canned-replies-section';
import DepartmentsSection from './departments-section';
import NotificationsSection from './notifications-section';
import ReliefSection from './relief-section';
import StaffSection from './staff-section';
import '../admin.scss';

const KINDS = [
  { code: 'dormitory', name: '宿舍' },
  { code: 'canteen', name: '食堂' },
  { code: 'bathhouse', name: '澡堂' },
  { code: 'office', name: '办公楼' },
  { code: 'team', name: '区队' },
  { code: 'other', name: '其他' },
];
const KIND_LABELS = Object.fromEntries(KINDS.map((k) => [k.code, k.name]));
/** The time zone in words (the setting is an IANA name, never shown). */
/**
 * A new place's code (it goes into the sticker's link), made here so the administrator never types one —
 * as a department's is; the place is known on every screen by its name.
 */
const newPlaceCode = () => `p${Date.now().toString(36)}`;

const TIME_ZONE_LABELS: Record<string, string> = { 'Asia/Shanghai': '北京时间', 'Asia/Urumqi': '新疆时间' };

export default function SetupPage() {
  const typeSize = useTypeSize();
  const [setup, setSetup] = useState<OrgSetupView | null>(null);
  const [audit, setAudit] = useState<AuditEntryView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState({ name: '', kind: 'dormitory' });
  const [preview, setPreview] = useState<{ place: string; src: string } | null>(null);
  /** The office's view: its mine's categories, for the 常用回复 alone. */
  const [officeCategories, setOfficeCategories] = useState<Array<{ code: string; name: string }> | null>(null);

  const load = async () => {
    setError(null);
    try {
      if (!(await ensureLogin())) return;
      const me = await getMe();
      if (!me.roles.includes('admin')) {
        if (!me.roles.includes('coordinator') || !me.org) throw new Error('只有管理员和党群工作部能打开单位设置');
        setOfficeCategories((await getPublicOrg(me.org)).categories);
        return;
      }
      const [view, trail] = await Promise.all([getOrgSetup(), getAuditTrail()]);
      setSetup(view);
      setAudit(trail.slice(0, 20));
    } catch (e) {
      setError((e as ApiError).message);
    }
  };

  /** Runs a change; the page shows the organisation as the server now has it, and the fresh log. */
  const change = async (work: () => Promise<OrgSetupView>, done: string) => {
    try {
      setSetup(await work());
      setAudit((await getAuditTrail()).slice(0, 20));
      void Taro.showToast({ title: done, icon: 'success' });
      return true;
    } catch (e) {
      void Taro.showToast({ title: (e as ApiError).message, icon: 'none', duration: 2500 });
      return false;
    }
  };

  const refreshAudit = () =>
    void getAuditTrail()
      .then((trail) => setAudit(trail.slice(0, 20)))
      .catch(() => undefined);

  const showSticker = async (place: string) => {
    try {
      setPreview({ place, src: await fetchImage(`/api/admin/stickers/${place}.png`) });
    } catch (e) {
      void Taro.showToast({ title: (e as ApiError).message, icon: 'none' });
    }
  };

  const takeDown = async (code: string, name: string) => {
    const { confirm } = await Taro.showModal({ title: '撤下这个地点?', content: `${name}不再出现在表单和小蓝码里,已有的诉求不受影响。` });
    if (confirm) await change(() => archivePlace(code), '已撤下');
  };

  useDidShow(() => void load());

  return (
    <View className={`mq-page admin-page ${typeSize}`}>
      <PageShell loading={!setup && !officeCategories && !error} error={error} onRetry={() => void load()}>
        {officeCategories && !setup && <CannedRepliesSection categories={officeCategories} />}
        {setup && (
          <>
            <View className='mq-card' id='org-card'>
              <View className='mq-item-serial'>{setup.name}</View>
              <View className='mq-hint'>
                “{setup.slogan}” · 按{TIME_ZONE_LABELS[setup.timeZone] ?? '当地时间'}计时
              </View>
              <View className='mq-hint'>小蓝码上的二维码</View>
              <ChoiceChips
                id='qr-kind'
                chipClass='qr-chip'
                options={[
                  { code: 'link', name: '普通链接码' },
                  { code: 'wxacode', name: '小程序码' },
                ]}
                selected={setup.stickerQr}
                onSelect={(code) => void change(() => updateOrgSetup({ stickerQr: code as 'link' | 'wxacode' }), '已保存')}
              />
              <Button id='print-all' className='mq-button' onClick={() => void openDocument('/api/admin/stickers.pdf', `${setup.code}-小蓝码.pdf`, 'pdf')}>
                打印全部小蓝码(A4)
              </Button>
            </View>

            <View className='mq-card'>
              <View className='mq-item-serial'>地点</View>
              {setup.places
                .filter((p) => !p.archived)
                .map((place) => (
                  <View key={place.code} className='setup-row place-row' data-code={place.code}>
                    <View>
                      <Text>{place.name}</Text>
                      <Text className='mq-hint'>
                        {' '}
                        {KIND_LABELS[place.kind] ?? place.kind} · 扫码 {place.scanCount} 次
                      </Text>
                    </View>
                    <View className='action-bar'>
                      <Button className='mq-button mq-button--ghost show-sticker' onClick={() => void showSticker(place.code)}>
                        小蓝码
                      </Button>
                      <Button className='mq-button mq-button--ghost take-down' onClick={() => void takeDown(place.code, place.name)}>
                        撤下
                      </Button>
                    </View>
                  </View>
                ))}
              {preview && (
                <View id='sticker-preview'>
                  <Image src={preview.src} mode='widthFix' className='sticker-preview' showMenuByLongpress />
                  <View className='mq-hint'>长按图片保存,或打印全部</View>
                </View>
              )}
              <View className='setup-form' id='new-place'>
                <Input className='mq-input' id='place-name' value={draft.name} placeholder='地点名称,如 3号宿舍楼' onInput={(e) => setDraft({ ...draft, name: e.detail.value })} />
                <ChoiceChips id='place-kind' chipClass='kind-chip' options={KINDS} selected={draft.kind} onSelect={(kind) => setDraft({ ...draft, kind })} />
                <Button
                  id='add-place'
                  className='mq-button'
                  onClick={() => void change(() => createPlace({ ...draft, code: newPlaceCode() }), '已添加').then((ok) => ok && setDraft({ name: '', kind: draft.kind }))}
                >
                  添加地点
                </Button>
              </View>
            </View>

            <View className='mq-card'>
              <View className='mq-item-serial'>诉求类别</View>
              {setup.categories.map((category) => (
                <View key={category.code} className='setup-row' data-code={category.code}>
                  <Text>
                    {category.name} · {category.answerHours} 小时答复
                    {category.defaultDepartment ? ` · 默认 ${setup.departments.find((d) => d.code === category.defaultDepartment)?.name ?? ''}` : ''}
                  </Text>
                  <View className='report-item__include'>
                    <Text className='mq-hint'>党群工作部可直接批办</Text>
                    <Switch
                      checked={category.standingRule}
                      color='#0d47a1'
                      onChange={(e) => void change(() => updateCategory(category.code, { standingRule: e.detail.value }), '已保存')}
                    />
                  </View>
                </View>
              ))}
            </View>

            <NotificationsSection refreshAudit={refreshAudit} />
            <DepartmentsSection setup={setup} change={change} refreshAudit={refreshAudit} />
            <StaffSection setup={setup} change={change} refreshAudit={refreshAudit} />
            <CannedRepliesSection categories={setup.categories} refreshAudit={refreshAudit} />
            <ReliefSection refreshAudit={refreshAudit} />
            <AuditSection entries={audit} />
          </>
        )}
      </PageShell>
    </View>
  );
}
