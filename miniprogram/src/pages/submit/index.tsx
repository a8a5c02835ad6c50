// The landing and the form: opened by a sticker (scene, ordinary link or org/place), prefilled with the
// place, validated with the contract's rules, saved as a draft on every change, sent once per key.
import { Button, Image, Input, Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Switch } from '@nutui/nutui-react-taro';
import '@nutui/nutui-react-taro/dist/es/packages/switch/style/css';
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
import PrivacyDialog from '@/components/privacy-dialog';
import { getPublicOrg, recordScan, submitAppeal, uploadPhoto, type PublicOrg } from '@/services/api';
import { askForMessages, recordAnswers } from '@/services/subscribe';
import { refreshUnreadBadge } from '@/services/unread';
import { rememberOrg } from '@/utils/current-org';
import { ApiError } from '@/services/request';
import { ensureLogin } from '@/services/session';
import { askToUpgrade, canUse } from '@/services/wechat-abilities';
import { clearDraft, loadDraft, newIdempotencyKey, saveDraft, type Draft } from '@/utils/draft';
import { photoPickProblem } from '@/utils/photo-pick';
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

export default function SubmitPage() {
  const router = useRouter();
  const target = useMemo(() => stickerTargetFromQuery(router.params as Record<string, string | undefined>), [router.params]);
  const orgCode = target.org ?? DEFAULT_ORG;

  const [org, setOrg] = useState<PublicOrg | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>(() => loadDraft(orgCode));
  const [errors, setErrors] = useState<Errors>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [uploading, setUploading] = useState(false);
  const identityTouched = useRef(draft.identity !== '');

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
  }, [orgCode, target.place]);

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

  const addPhotos = async () => {
    if (!(await ensureLogin())) return;
    if (!canUse('chooseMedia')) return askToUpgrade('拍照或选图');
    let paths: string[];
    try {
      // chooseMedia, not chooseImage: WeChat stopped maintaining chooseImage (base library 2.21.0) and points to
      // chooseMedia; Taro's H5 chooseImage is itself chooseMedia with mediaType image, so both builds pick alike.
      const chosen = await Taro.chooseMedia({
        count: APPEAL_PHOTOS_MAX - draft.photos.length,
        mediaType: ['image'],
        sizeType: ['compressed'],
        sourceType: ['album', 'camera'],
      });
      paths = chosen.tempFiles.map((file) => file.tempFilePath);
    } catch (error) {
      // A cancel says nothing; a refusal of the privacy dialog, or any other failure, says why and that the
      // appeal goes as well without photos.
      const problem = photoPickProblem(error);
      if (problem) setErrors((e) => ({ ...e, photos: problem }));
      return;
    }
    setUploading(true);
    try {
      for (const path of paths) {
        const uploaded = await uploadPhoto(path);
        setDraft((d) => ({ ...d, photos: [...d.photos, { id: uploaded.id, preview: path }].slice(0, APPEAL_PHOTOS_MAX) }));
      }
      setErrors((e) => ({ ...e, photos: undefined }));
    } catch (error) {
      setErrors((e) => ({ ...e, photos: (error as ApiError).message }));
    } finally {
      setUploading(false);
    }
  };

  const removePhoto = (id: string) => update({ photos: draft.photos.filter((p) => p.id !== id) });

  const body = (): SubmitAppealRequest => ({
    org: orgCode,
    category: draft.category,
    content: draft.content.trim(),
    ...(draft.place ? { place: draft.place } : {}),
    identity: (draft.identity || 'named') as Identity,
    ...(draft.phone.trim() && draft.identity !== 'anonymous' ? { phone: draft.phone.trim() } : {}),
    ...(draft.photos.length ? { photos: draft.photos.map((p) => p.id) } : {}),
    publishConsent: draft.publishConsent,
  });

  const submit = async () => {
    // WeChat only shows the subscription prompt when it is asked for inside the tap itself: ask first.
    const asking = askForMessages(org?.subscribeTemplates ?? []);
    const request = body();
    const problems = validateSubmitAppeal(request);
    if (problems.length) {
      setErrors(errorsByField(problems));
      void Taro.showToast({ title: problems[0].message, icon: 'none', duration: 2500 });
      return;
    }
    if (sending) return;
    setSending(true);
    setBanner(null);
    try {
      if (!(await ensureLogin())) return;
      await recordAnswers(asking);
      const appeal = await submitAppeal(request, draft.idempotencyKey);
      clearDraft();
      setDraft(loadDraft(orgCode));
      identityTouched.current = false;
      void Taro.showToast({ title: `已提交 ${appeal.serial}`, icon: 'success', duration: 2000 });
      void Taro.navigateTo({ url: `/pages/detail/index?id=${appeal.id}&fresh=1` });
    } catch (error) {
      const apiError = error as ApiError;
      if (apiError.isNetwork) {
        setBanner('网络不好,已保存草稿,请稍后点“重新提交”,不会重复提交');
      } else {
        const fields = (apiError.details?.fields as FieldError[] | undefined) ?? [];
        setErrors(fields.length ? errorsByField(fields) : {});
        setBanner(apiError.message);
        // The key went with a different appeal: this draft needs a key of its own.
        if (apiError.code === 'IDEMPOTENCY_KEY_REUSED') update({ idempotencyKey: newIdempotencyKey() });
      }
    } finally {
      setSending(false);
    }
  };

  const count = charLength(draft.content.trim());
  const placeName = org?.places.find((p) => p.code === draft.place)?.name;

  return (
    <View className='mq-page submit-page'>
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

            <View className='mq-card'>
              <Text className='mq-label'>反映哪方面的事?</Text>
              <ChoiceChips id='categories' chipClass='category-chip' options={org.categories} selected={draft.category} onSelect={chooseCategory} />
              {errors.category && <Text className='mq-error'>{errors.category}</Text>}
            </View>

            <View className='mq-card'>
              <Text className='mq-label'>什么事?说清楚就行</Text>
              <Textarea
                id='content'
                className='mq-textarea'
                value={draft.content}
                maxlength={APPEAL_CONTENT_MAX + 50}
                placeholder='例如:女职工澡堂开放时间太短,下夜班洗不上澡'
                onInput={(e) => update({ content: e.detail.value })}
              />
              <View className={`mq-count ${count > APPEAL_CONTENT_MAX ? 'mq-count--over' : ''}`}>
                {count}/{APPEAL_CONTENT_MAX}
              </View>
              {errors.content && <Text className='mq-error'>{errors.content}</Text>}
            </View>

            <View className='mq-card'>
              <Text className='mq-label'>在哪儿?</Text>
              <ChoiceChips
                id='places'
                chipClass='place-chip'
                options={org.places}
                selected={draft.place}
                onSelect={(code) => update({ place: draft.place === code ? '' : code })}
              />
              {errors.place && <Text className='mq-error'>{errors.place}</Text>}
            </View>

            <View className='mq-card'>
              <Text className='mq-label'>照片(可选,最多 {APPEAL_PHOTOS_MAX} 张)</Text>
              <View className='submit-page__photos' id='photos'>
                {draft.photos.map((p) => (
                  <View key={p.id} className='submit-page__photo'>
                    <Image src={p.preview} mode='aspectFill' className='submit-page__thumb' />
                    <View className='submit-page__remove' onClick={() => removePhoto(p.id)}>
                      ×
                    </View>
                  </View>
                ))}
                {draft.photos.length < APPEAL_PHOTOS_MAX && (
                  <View className='submit-page__add' id='add-photo' onClick={() => void addPhotos()}>
                    {uploading ? '上传中…' : '+ 拍照/选图'}
                  </View>
                )}
              </View>
              {errors.photos && <Text className='mq-error'>{errors.photos}</Text>}
            </View>

            <View className='mq-card'>
              <Text className='mq-label'>谁能看到我的名字?</Text>
              <ChoiceChips
                id='identities'
                chipClass='identity-chip'
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
                    onInput={(e) => update({ phone: e.detail.value })}
                  />
                  {errors.phone && <Text className='mq-error'>{errors.phone}</Text>}
                </>
              )}
              <View className='submit-page__consent'>
                <Text className='mq-hint'>同意在每月公示中使用诉求摘要(不含姓名)</Text>
                <Switch checked={draft.publishConsent} onChange={(value) => update({ publishConsent: value })} />
              </View>
            </View>

            <Button id='submit-button' className={`mq-button ${sending ? 'mq-button--disabled' : ''}`} onClick={() => void submit()}>
              {sending ? '正在提交…' : banner?.startsWith('网络不好') ? '重新提交' : '提交诉求'}
            </Button>
            <View className='mq-hint submit-page__footer'>党群工作部当天受理,办理结果会在“我的诉求”里告诉您</View>
          </>
        )}
      </PageShell>
      <PrivacyDialog />
    </View>
  );
}
