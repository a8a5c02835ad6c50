// The landing and the form: opened by a sticker (scene, ordinary link or org/place), prefilled with the
// place, validated with the contract's rules, saved as a draft on every change, sent once per key. Photos go up
// as soon as they are picked, each with its progress; 提交诉求 waits for those still on their way (or sends
// without them when the worker says so), never without a word.
import { Button, Input, Switch, Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import {
  APPEAL_CONTENT_MAX,
  APPEAL_PHOTOS_MAX,
  charLength,
  defaultIdentityFor,
  scanSceneFromQuery,
  stickerTargetFromQuery,
  validateSubmitAppeal,
  type FieldError,
  type Identity,
  type SubmitAppealRequest,
} from '@minqing/shared';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import ChoiceChips from '@/components/choice-chips';
import PageShell from '@/components/page-shell';
import PhotoPicker, { usePhotoUploads } from '@/components/photo-picker';
import PrivacyDialog from '@/components/privacy-dialog';
import { useTypeSize } from '@/components/type-size';
import VoiceNote, { VoiceSlot } from '@/components/voice-note';
import { getAppeal, getPublicOrg, recordScan, submitAppeal, type PublicOrg } from '@/services/api';
import { askThenCheck } from '@/services/subscribe';
import { refreshUnreadBadge } from '@/services/unread';
import { currentOrg, rememberOrg } from '@/utils/current-org';
import { ApiError } from '@/services/request';
import { ensureLogin } from '@/services/session';
import SimilarAppeals from '@/components/similar-appeals';
import { clearDraft, loadDraft, newIdempotencyKey, saveDraft, type Draft } from '@/utils/draft';
import { waitingFor } from '@/utils/photo-uploads';
import './index.scss';

const IDENTITY_HINTS: Record<Identity, string> = {
  named: '党群工作部和承办部门能看到您的姓名和电话,方便回访',
  confidential: '只有党群工作部能看到您是谁,适合工资、权益类问题',
  anonymous: '任何工作人员都看不到您是谁,结果只在“我的诉求”里告诉您',
};
const IDENTITY_CHOICES: Array<{ code: Identity; name: string }> = [
  { code: 'named', name: '实名' },
  { code: 'confidential', name: '保密' },
  { code: 'anonymous', name: '匿名' },
];

type Errors = Partial<Record<string, string>>;

function errorsByField(list: FieldError[]): Errors {
  return Object.fromEntries(list.map((e) => [e.field, e.message]));
}

/** The worker's earlier appeal under this draft's key: it arrived, though its answer was lost. */
interface EarlierAppeal {
  appealId: string;
  serial: string;
}

function earlierAppealOf(error: ApiError): EarlierAppeal | null {
  const { appealId, serial } = (error.details ?? {}) as Partial<EarlierAppeal>;
  return error.code === 'IDEMPOTENCY_KEY_REUSED' && typeof appealId === 'string' && typeof serial === 'string' ? { appealId, serial } : null;
}

export default function SubmitPage() {
  const router = useRouter();
  const target = useMemo(() => stickerTargetFromQuery(router.params as Record<string, string | undefined>), [router.params]);
  // Without a sticker (the tab tapped), the mine this phone last reported to, not the build's default.
  const orgCode = target.org ?? currentOrg();

  const [org, setOrg] = useState<PublicOrg | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraftState] = useState<Draft>(() => loadDraft(orgCode));
  // The draft as it is now, for a submit that waited for photos (its own render's draft is older by then).
  const draftRef = useRef(draft);
  const setDraft = useCallback((change: Draft | ((d: Draft) => Draft)) => {
    const next = typeof change === 'function' ? change(draftRef.current) : change;
    draftRef.current = next;
    setDraftState(next);
  }, []);
  const [errors, setErrors] = useState<Errors>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);
  const [waiting, setWaiting] = useState(false);
  const [earlier, setEarlier] = useState<EarlierAppeal | null>(null);
  const identityTouched = useRef(draft.identity !== '');
  const typeSize = useTypeSize();

  const { uploads, pending } = usePhotoUploads({
    uploaded: (photo) => setDraft((d) => ({ ...d, photos: [...d.photos, { id: photo.id, preview: photo.thumb }].slice(0, APPEAL_PHOTOS_MAX) })),
    refused: (problem) => setErrors((e) => ({ ...e, photos: problem })),
  });
  // The voice note's upload, which 提交诉求 waits for as it does for the photos.
  const [voiceSlot] = useState(() => new VoiceSlot());

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      const loaded = await getPublicOrg(orgCode);
      rememberOrg(orgCode);
      setOrg(loaded);
      if (target.place) {
        const known = loaded.places.some((p) => p.code === target.place);
        setDraft((d) => ({ ...d, place: known ? target.place! : d.place }));
        if (!known) setBanner(`没有找到这个地点(${target.place}),请在下面选择您所在的地点`);
      }
    } catch (error) {
      setLoadError((error as ApiError).message);
    }
  }, [orgCode, target.place, setDraft]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => saveDraft(draft), [draft]);

  // A scan in WeChat reaches the server only this way, a mini-program code's (scene) and a link QR's (q) alike:
  // WeChat opens the mini-program without fetching /q, which counts only a browser's scan.
  const scanScene = useMemo(() => scanSceneFromQuery(router.params as Record<string, string | undefined>), [router.params]);
  useEffect(() => {
    if (scanScene) void recordScan(scanScene);
  }, [scanScene]);

  // News about earlier appeals shows as a red dot on 我的诉求 even while the worker is here.
  useDidShow(() => void refreshUnreadBadge());

  const update = (changes: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...changes }));
    setErrors((e) => {
      const next = { ...e };
      for (const key of Object.keys(changes)) delete next[key];
      return next;
    });
  };

  const chooseCategory = (category: string) => {
    update(identityTouched.current ? { category } : { category, identity: defaultIdentityFor(category) });
  };

  const chooseIdentity = (identity: Identity) => {
    identityTouched.current = true;
    update({ identity });
  };

  const removePhoto = (id: string) => update({ photos: draft.photos.filter((p) => p.id !== id) });

  const body = (draft: Draft): SubmitAppealRequest => ({
    org: orgCode,
    category: draft.category,
    content: draft.content.trim(),
    ...(draft.place ? { place: draft.place } : {}),
    identity: (draft.identity || 'named') as Identity,
    ...(draft.phone.trim() && draft.identity !== 'anonymous' ? { phone: draft.phone.trim() } : {}),
    ...(draft.photos.length ? { photos: draft.photos.map((p) => p.id) } : {}),
    ...(draft.voice ? { voice: draft.voice.id } : {}),
    publishConsent: draft.publishConsent,
  });

  /** The form is sent: a new, empty draft (nothing of this one's photos can come into it). */
  const startOver = () => {
    uploads.dropAll();
    voiceSlot.reset();
    clearDraft();
    setDraft(loadDraft(orgCode));
    setEarlier(null);
    identityTouched.current = false;
  };

  const submit = async ({ ask = true }: { ask?: boolean } = {}) => {
    // WeChat only shows the subscription prompt when it is asked for inside the tap itself: ask first. Its answers
    // are sent whatever follows: a form the check refuses keeps the accepts the worker gave.
    const { kept, problems } = askThenCheck(ask ? (org?.subscribeTemplates ?? []) : [], () =>
      // A voice note still on its way stands in for the text already (the wait below makes sure it arrives).
      validateSubmitAppeal({ ...body(draftRef.current), ...(voiceSlot.uploading ? { voice: 'uploading' } : {}) }),
    );
    if (problems.length) {
      setErrors(errorsByField(problems));
      void Taro.showToast({ title: problems[0].message, icon: 'none', duration: 2500 });
      return;
    }
    if (sendingRef.current) return;
    sendingRef.current = true;
    setSending(true);
    setBanner(null);
    setEarlier(null);
    try {
      if (!(await ensureLogin())) return;
      if (uploads.uploading || voiceSlot.uploading) {
        // The photos (and the voice note) still on their way go with the appeal: the button says which one it waits for.
        setWaiting(true);
        await Promise.all([uploads.settled(), voiceSlot.settled()]);
        setWaiting(false);
      }
      if (voiceSlot.failed) {
        setBanner('语音没有传上去:请点语音旁的“重传”,或点“删除重录”');
        return;
      }
      const failed = uploads.failed.length;
      if (failed) {
        setBanner(failed === 1 ? '有 1 张照片没有传上去:请点照片上的“重传”,或选择不带它提交' : `有 ${failed} 张照片没有传上去:请点照片上的“重传”,或选择不带它们提交`);
        return;
      }
      await kept;
      const sent = draftRef.current;
      const appeal = await submitAppeal(body(sent), sent.idempotencyKey);
      startOver();
      void Taro.showToast({ title: `已提交 ${appeal.serial}`, icon: 'success', duration: 2000 });
      void Taro.navigateTo({ url: `/pages/detail/index?id=${appeal.id}&fresh=1` });
    } catch (error) {
      const apiError = error as ApiError;
      const arrived = earlierAppealOf(apiError);
      if (apiError.isNetwork) {
        // The key stays with the draft: whether this attempt arrived, the next one cannot make a second appeal.
        setBanner('网络不好,已保存草稿,请稍后点“重新提交”,不会重复提交');
      } else if (arrived) {
        // An earlier attempt arrived although its answer was lost, and the form was changed since: say so, and
        // let the worker choose (their appeal, or the changed form as a new one), never a second appeal unasked.
        setEarlier(arrived);
      } else {
        const fields = (apiError.details?.fields as FieldError[] | undefined) ?? [];
        setErrors(fields.length ? errorsByField(fields) : {});
        setBanner(apiError.message);
      }
    } finally {
      sendingRef.current = false;
      setSending(false);
      setWaiting(false);
    }
  };

  /** The worker's choice: the photos not yet on the server stay behind, the appeal goes now. */
  const sendWithoutPending = () => {
    uploads.dropAll();
    if (!sendingRef.current) void submit({ ask: false });
  };

  const openEarlier = () => {
    if (!earlier) return;
    const { appealId } = earlier;
    startOver();
    void Taro.navigateTo({ url: `/pages/detail/index?id=${appealId}` });
  };

  /** The worker chose to send the changed form as an appeal of its own: a new key, without the earlier appeal's photos. */
  const submitChangedAsNew = async () => {
    if (!earlier) return;
    const taken = await getAppeal(earlier.appealId).then(
      (appeal) => new Set([...appeal.photos.map((p) => p.id), ...(appeal.voice ? [appeal.voice.id] : [])]),
      () => new Set([...draftRef.current.photos.map((p) => p.id), ...(draftRef.current.voice ? [draftRef.current.voice.id] : [])]),
    );
    setDraft((d) => ({ ...d, idempotencyKey: newIdempotencyKey(), photos: d.photos.filter((p) => !taken.has(p.id)), voice: d.voice && taken.has(d.voice.id) ? null : d.voice }));
    setEarlier(null);
    await submit({ ask: false });
  };

  const count = charLength(draft.content.trim());
  const placeName = org?.places.find((p) => p.code === draft.place)?.name;

  return (
    <View className={`mq-page submit-page ${typeSize}`}>
      <PageShell loading={!org && !loadError} error={loadError} onRetry={() => void load()}>
        {org && (
          <>
            <View className='mq-hero'>
              <Text className='mq-hero__org' id='org-name'>
                {org.name} · 民情一码通
              </Text>
              <View className='mq-hero__slogan'>{org.slogan}</View>
              {placeName && (
                <View className='mq-hero__place' id='place-badge'>
                  📍 {placeName}
                </View>
              )}
            </View>

            {banner && (
              <View className='mq-note' id='form-banner'>
                {banner}
              </View>
            )}

            {earlier && (
              <View className='mq-note submit-page__earlier' id='earlier-appeal'>
                <Text>您的诉求其实已经提交成功了(编号 {earlier.serial}),只是刚才网络不好,没能告诉您。您后来的修改还没有提交。</Text>
                <Button id='open-earlier' className='mq-button submit-page__button' onClick={openEarlier}>
                  查看这条诉求
                </Button>
                <Button id='submit-as-new' className='mq-button mq-button--ghost submit-page__button' onClick={() => void submitChangedAsNew()}>
                  把修改后的内容作为一条新诉求提交
                </Button>
              </View>
            )}

            <View className='mq-card'>
              <Text className='mq-label'>反映哪方面的事?</Text>
              <ChoiceChips id='categories' chipClass='category-chip' label='反映哪方面的事' options={org.categories} selected={draft.category} onSelect={chooseCategory} />
              {errors.category && <Text className='mq-error'>{errors.category}</Text>}
            </View>

            <SimilarAppeals org={orgCode} place={draft.place} category={draft.category} />

            <View className='mq-card'>
              <Text className='mq-label'>什么事?说清楚就行</Text>
              <Textarea
                id='content'
                className='mq-textarea'
                nativeProps={{ 'aria-label': '什么事?说清楚就行' }}
                value={draft.content}
                maxlength={APPEAL_CONTENT_MAX + 50}
                placeholder='例如:女职工澡堂开放时间太短,下夜班洗不上澡'
                onInput={(e) => update({ content: e.detail.value })}
              />
              <View className={`mq-count ${count > APPEAL_CONTENT_MAX ? 'mq-count--over' : ''}`}>
                {count}/{APPEAL_CONTENT_MAX}
              </View>
              {errors.content && <Text className='mq-error'>{errors.content}</Text>}
              <VoiceNote
                value={draft.voice}
                onChange={(voice) => {
                  update({ voice });
                  // A voice note stands in for the text's minimum: "请写下…" no longer applies.
                  if (voice) setErrors((e) => ({ ...e, content: undefined }));
                }}
                slot={voiceSlot}
                protectedIdentity={draft.identity === 'confidential' || draft.identity === 'anonymous'}
                disabled={sending}
              />
            </View>

            <View className='mq-card'>
              <Text className='mq-label'>在哪儿?</Text>
              <ChoiceChips
                id='places'
                chipClass='place-chip'
                label='在哪儿'
                options={org.places}
                selected={draft.place}
                onSelect={(code) => update({ place: draft.place === code ? '' : code })}
              />
              {errors.place && <Text className='mq-error'>{errors.place}</Text>}
            </View>

            <View className='mq-card'>
              <Text className='mq-label'>照片(可选,最多 {APPEAL_PHOTOS_MAX} 张)</Text>
              <PhotoPicker
                photos={draft.photos}
                onRemove={removePhoto}
                uploads={uploads}
                pending={pending}
                error={errors.photos}
                onError={(problem) => setErrors((e) => ({ ...e, photos: problem }))}
                beforePick={ensureLogin}
                disabled={sending}
              />
            </View>

            <View className='mq-card'>
              <Text className='mq-label'>谁能看到我的名字?</Text>
              <ChoiceChips
                id='identities'
                chipClass='identity-chip'
                label='谁能看到我的名字'
                options={IDENTITY_CHOICES}
                selected={draft.identity || 'named'}
                onSelect={(code) => chooseIdentity(code as Identity)}
              />
              <Text className='mq-hint submit-page__hint'>{IDENTITY_HINTS[(draft.identity || 'named') as Identity]}</Text>
              {errors.identity && <Text className='mq-error'>{errors.identity}</Text>}
            </View>

            <View className='mq-card'>
              {draft.identity === 'anonymous' ? (
                <Text className='mq-hint'>匿名反映不留联系电话;需要回访,请选择“保密”</Text>
              ) : (
                <>
                  <Text className='mq-label'>联系电话(可选,只用于回访)</Text>
                  <Input
                    id='phone'
                    className='mq-input'
                    type='number'
                    maxlength={13}
                    value={draft.phone}
                    placeholder='11 位手机号'
                    nativeProps={{ 'aria-label': '联系电话(可选,只用于回访)' }}
                    onInput={(e) => update({ phone: e.detail.value })}
                  />
                  {errors.phone && <Text className='mq-error'>{errors.phone}</Text>}
                </>
              )}
              <View className='submit-page__consent'>
                <View>
                  <Text className='submit-page__consent-label' id='consent-label'>
                    允许在每月公示里列出这件事
                  </Text>
                  <Text className='mq-hint submit-page__consent-hint'>{draft.publishConsent ? '公示会写这件事的摘要,不写您的名字' : '不打开也一样办理,公示里只计入数字'}</Text>
                </View>
                <Switch
                  id='publish-consent'
                  checked={draft.publishConsent}
                  color='#0d47a1'
                  ariaLabel='允许在每月公示里列出这件事'
                  nativeProps={{ role: 'switch', 'aria-labelledby': 'consent-label' }}
                  onChange={(e) => update({ publishConsent: e.detail.value })}
                />
              </View>
            </View>

            {(waiting || (pending.length > 0 && banner?.includes('没有传上去'))) && (
              <View className='mq-note submit-page__waiting' id='waiting-note'>
                {waiting && <Text>照片传完就自动提交,请不要离开这个页面。</Text>}
                <Button id='send-without' className='mq-button mq-button--ghost submit-page__button' onClick={sendWithoutPending}>
                  {pending.length === 1 ? '不等这张照片,直接提交' : '不等这些照片,直接提交'}
                </Button>
              </View>
            )}

            <Button id='submit-button' className={`mq-button submit-page__button ${sending ? 'mq-button--disabled' : ''}`} onClick={() => void submit()}>
              {waiting
                ? (waitingFor(pending, draft.photos.length) ?? (voiceSlot.uploading ? '正在上传语音…' : '正在提交…'))
                : sending
                  ? '正在提交…'
                  : banner?.startsWith('网络不好')
                    ? '重新提交'
                    : '提交诉求'}
            </Button>
            <View className='mq-hint submit-page__footer'>党群工作部当天受理,办理结果会在“我的诉求”里告诉您</View>
          </>
        )}
      </PageShell>
      <PrivacyDialog />
    </View>
  );
}
