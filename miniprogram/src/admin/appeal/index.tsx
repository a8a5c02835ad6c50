// One appeal as staff see it: what was reported and its photos, who wrote it (where the identity allows,
// with a tap-to-call number and the call log offered on return), the dispatch sheets, the internal
// notes (内部备注, apart from 回复职工), the whole timeline with the person behind each step, and the
// actions the status machine allows this person now.
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { DEADLINE_STEP_LABELS, IDENTITY_LABELS, OUTCOME_LABELS, STATUS_LABELS, type AppealAction, type AppealView, type StaffDirectoryView } from '@minqing/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import PageShell from '@/components/page-shell';
import { useTypeSize } from '@/components/type-size';
import Timeline from '@/components/timeline';
import { actOnAppeal, decideExtension, getAppeal, getMe, getStaffDirectory } from '@/services/api';
import type { ApiError } from '@/services/request';
import { ensureLogin } from '@/services/session';
import { formatTime } from '@/utils/format';
import ReliefPanel from '../components/relief-panel';
import RevealPanel from '../components/reveal-panel';
import ActionForm from '../components/action-form';
import { ACTION_LABELS, CONFIRMATIONS, ONE_TAP_ACTIONS } from '../components/action-fields';
import CallLog from './call-log';
import NotesPanel from './notes-panel';
import PhoneCall from './phone-call';
import PhotoViewer from '@/components/photo-viewer';
import { VoicePlayer } from '@/components/voice-note';
import '../admin.scss';
import './index.scss';

export default function StaffAppealPage() {
  const typeSize = useTypeSize();
  const { params } = useRouter();
  const id = params.id ?? '';
  const [appeal, setAppeal] = useState<AppealView | null>(null);
  const [directory, setDirectory] = useState<StaffDirectoryView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [action, setAction] = useState<AppealAction | null>(null);
  const [isLeader, setIsLeader] = useState(false);
  const [isOffice, setIsOffice] = useState(false);
  /** When the view (and its photo links, good for five minutes) was fetched. */
  const loadedAt = useRef(0);
  /** A call made from this page, not logged yet: its form opens when the person is back from the dialer. */
  const pendingCall = useRef<Date | null>(null);
  const [calledAt, setCalledAt] = useState<Date | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      if (!(await ensureLogin())) return;
      const [view, dir, me] = await Promise.all([getAppeal(id), getStaffDirectory(), getMe()]);
      setAppeal(view);
      loadedAt.current = Date.now();
      setDirectory(dir);
      setIsLeader(me.roles.includes('leader'));
      setIsOffice(me.roles.includes('coordinator'));
    } catch (e) {
      setError((e as ApiError).message);
    }
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);

  const offerCallLog = (at: Date) => {
    pendingCall.current = null;
    if (!appeal?.allowedActions.includes('calls')) return;
    setCalledAt(at);
    setAction('calls');
  };

  /** Back from WeChat's dialer (onShow): the call log, with the call's time, if the call may be logged now. */
  useDidShow(() => {
    if (pendingCall.current) offerCallLog(pendingCall.current);
  });

  const called = () => {
    const at = new Date();
    // WeChat shows the page again when the call ends (useDidShow); a browser hands tel: to the phone's
    // dialer and stays on the page, so the form is there when the clerk comes back.
    if (process.env.TARO_ENV === 'weapp') pendingCall.current = at;
    else offerCallLog(at);
  };

  /** The view with photo links still good: fetched again when older than four minutes (they expire at five). */
  const freshView = async (): Promise<AppealView | null> => {
    if (Date.now() - loadedAt.current <= 4 * 60_000 || !appeal) return appeal;
    const view = await getAppeal(id).catch(() => appeal);
    setAppeal(view);
    loadedAt.current = Date.now();
    return view;
  };

  const done = (view: AppealView) => {
    void Taro.showToast({ title: `${ACTION_LABELS[action!]}完成`, icon: 'success' });
    // 退单: the appeal is no longer the department's to see; back to its queue, where it is gone.
    if (action === 'send-back') {
      setAction(null);
      void Taro.navigateBack().catch(() => Taro.redirectTo({ url: '/admin/inbox/index' }));
      return;
    }
    setAction(null);
    setCalledAt(null);
    setAppeal(view);
  };

  /** 接单 asks nothing: one tap does it. */
  const oneTap = async (step: AppealAction) => {
    try {
      setAppeal(await actOnAppeal(appeal!.id, step, { version: appeal!.version }));
      void Taro.showToast({ title: `${ACTION_LABELS[step]}完成`, icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: (e as ApiError).message, icon: 'none', duration: 2500 });
    }
  };

  const decide = async (approve: boolean) => {
    try {
      setAppeal(await decideExtension(id, approve, appeal!.version));
      void Taro.showToast({ title: approve ? '已同意延期' : '已驳回延期', icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: (e as ApiError).message, icon: 'none' });
    }
  };

  const staff = appeal?.staff;
  // The extension decision has its own panel above, next to the request it answers.
  const formActions = appeal?.allowedActions.filter((a) => a !== 'extension-decision') ?? [];
  return (
    <View className={`mq-page admin-page ${typeSize}`}>
      <PageShell loading={!appeal && !error} error={error} onRetry={() => void load()}>
        {appeal && staff && (
          <>
            <View className='mq-hero'>
              <Text className='mq-hero__org'>
                {appeal.category.name}
                {appeal.place ? ` · ${appeal.place.name}` : ''}
              </Text>
              <View className='mq-hero__slogan' id='staff-serial'>
                {appeal.urgent ? '【特事特办】' : ''}
                {appeal.serial}
              </View>
              <View className='mq-hero__place' id='staff-status'>
                {STATUS_LABELS[appeal.status]}
                {appeal.outcome ? ` · ${OUTCOME_LABELS[appeal.outcome]}` : ''}
              </View>
            </View>
            <View className='mq-card'>
              <View id='staff-content'>{appeal.content}</View>
              {appeal.voice && (
                <VoicePlayer
                  id='staff-voice'
                  src={appeal.voice.url ? `${API_BASE}${appeal.voice.url}` : null}
                  seconds={appeal.voice.seconds}
                  fresh={async () => {
                    // The link lasts five minutes: a fresh one when this view is older than four.
                    if (Date.now() - loadedAt.current <= 4 * 60_000) return appeal.voice?.url ? `${API_BASE}${appeal.voice.url}` : null;
                    const url = (await getAppeal(appeal.id)).voice?.url;
                    return url ? `${API_BASE}${url}` : null;
                  }}
                />
              )}
              {appeal.photos.length > 0 && (
                <PhotoViewer
                  id='staff-photos'
                  photos={appeal.photos}
                  freshPhotos={async () => (await freshView())?.photos ?? []}
                  altOf={(index, count) => `职工上传的第 ${index + 1} 张照片(共 ${count} 张)`}
                />
              )}
              <View className='mq-hint' id='staff-submitter'>
                {staff.submitter ? `${staff.submitter.name ?? '未留姓名'}${staff.submitter.unit ? `(${staff.submitter.unit})` : ''}` : `身份:${IDENTITY_LABELS[appeal.identity]}`}
              </View>
              {staff.submitter?.phone && <PhoneCall phone={staff.submitter.phone} onCall={called} />}
              {(staff.supports ?? 0) > 0 && (
                <View className='mq-hint' id='staff-supports'>
                  同感:另有 {staff.supports} 位职工也遇到了
                </View>
              )}
              {staff.department && (
                <View className='mq-hint' id='staff-department'>
                  {staff.coHandling?.length ? `主办:${staff.department.name} · 协办:${staff.coHandling.map((c) => c.department.name).join('、')}` : `承办:${staff.department.name}`}
                  {staff.dueAt ? ` · 限 ${formatTime(staff.dueAt)} 前答复` : ''}
                  {staff.supervised && staff.plannedAt ? ` · 督办至 ${formatTime(staff.plannedAt)}` : ''}
                </View>
              )}
            </View>

            {staff.sentBack && (
              <View className='mq-note' id='sent-back'>
                已退回:{staff.sentBack.department ?? '承办部门'}退回了批办单({formatTime(staff.sentBack.at)}),理由:{staff.sentBack.reason}。请重新批办。
              </View>
            )}

            {/* Right under the number: back from the call, the result is one tap away. */}
            {action === 'calls' && calledAt && (
              <CallLog
                appeal={appeal}
                calledAt={calledAt}
                onDone={done}
                onCancel={() => {
                  setAction(null);
                  setCalledAt(null);
                }}
              />
            )}

            {staff.pendingExtension && (
              <View className='mq-note' id='pending-extension'>
                <View>
                  部门申请延期至 {formatTime(staff.pendingExtension.until)}:{staff.pendingExtension.reason}
                </View>
                {appeal.allowedActions.includes('extension-decision') && (
                  <View className='action-bar'>
                    <Button className='mq-button' id='approve-extension' onClick={() => void decide(true)}>
                      同意延期
                    </Button>
                    <Button className='mq-button mq-button--ghost' id='refuse-extension' onClick={() => void decide(false)}>
                      不同意
                    </Button>
                  </View>
                )}
              </View>
            )}

            {(staff.coHandling?.length ?? 0) > 0 && (
              <View className='mq-card' id='co-handling'>
                <Text className='mq-label'>协办意见</Text>
                {staff.coHandling!.map((co) => (
                  <View key={co.department.code} className='mq-hint co-handling-row' data-code={co.department.code}>
                    {co.department.name}:{co.answer ? `${co.answer}(${co.answeredBy ?? '部门人员'} ${formatTime(co.answeredAt!)})` : '尚未提出'}
                  </View>
                ))}
              </View>
            )}

            {staff.steps.length > 0 && (
              <View className='mq-card' id='steps'>
                <Text className='mq-label'>时限</Text>
                {staff.steps
                  .filter((s) => !s.cancelled)
                  .map((s) => (
                    <View key={`${s.step}-${s.department ?? ''}-${s.dueAt}`} className={`mq-hint step-row ${s.overdue ? 'step-row--overdue' : ''}`}>
                      {DEADLINE_STEP_LABELS[s.step]}
                      {s.department && staff.coHandling?.length ? `(${s.department})` : ''}:限 {formatTime(s.dueAt)}
                      {s.metAt ? ` · ${formatTime(s.metAt)} 完成${s.onTime ? '(按时)' : '(超时)'}` : s.overdue ? ' · 已逾期' : ' · 进行中'}
                    </View>
                  ))}
              </View>
            )}

            {staff.sheets.length > 0 && (
              <View className='mq-card'>
                <Text className='mq-label'>批办单</Text>
                {staff.sheets.map((sheet) => (
                  <View key={sheet.version} className='sheet'>
                    <View className='mq-hint'>
                      第 {sheet.version} 版 · {sheet.department.name}
                      {sheet.coDepartments?.length ? `主办 · ${sheet.coDepartments.map((d) => d.name).join('、')}协办` : ''}
                      {sheet.assignee?.name ? ` · 责任人 ${sheet.assignee.name}` : ''} · 限 {formatTime(sheet.dueAt)}
                    </View>
                    <View>批示:{sheet.instructions}</View>
                    {sheet.measures && <View>措施:{sheet.measures}</View>}
                  </View>
                ))}
              </View>
            )}

            {/* 记录回访电话 from the action bar (a call made from another phone): the full form. */}
            {action && !(action === 'calls' && calledAt) ? (
              <ActionForm action={action} appeal={appeal} directory={directory} onDone={done} onCancel={() => setAction(null)} />
            ) : (
              formActions.length > 0 && (
                <View className='mq-card'>
                  <Text className='mq-label'>可以做的事</Text>
                  <View className='action-bar' id='action-bar'>
                    {formActions.map((a) => (
                      <Button
                        key={a}
                        className={`mq-button action-button${CONFIRMATIONS[a] ? ' mq-button--ghost mq-button--danger' : ''}`}
                        data-action={a}
                        onClick={() => (ONE_TAP_ACTIONS.includes(a) ? void oneTap(a) : setAction(a))}
                      >
                        {ACTION_LABELS[a]}
                      </Button>
                    ))}
                  </View>
                </View>
              )
            )}

            <NotesPanel appeal={appeal} onSaved={setAppeal} />

            {appeal.identity === 'confidential' && <RevealPanel appealId={appeal.id} canRequest={isOffice} onCall={called} />}

            {appeal.category.code === 'hardship' && <ReliefPanel appealId={appeal.id} canPropose={isOffice} canDecide={isLeader} />}

            <Timeline id='staff-timeline' title='办理记录' events={appeal.timeline} fresh={async () => (await freshView())?.timeline ?? []} />
          </>
        )}
      </PageShell>
    </View>
  );
}
