// One appeal: what was reported, and its timeline as the worker may see it; a message box while open.
import { Button, Image, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { APPEAL_PHOTOS_MAX, IDENTITY_LABELS, MESSAGE_TEXT_MAX, RATINGS, RATING_LABELS, STATUS_LABELS, validateMessage, type AppealView, type Rating } from '@minqing/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import PageShell from '@/components/page-shell';
import { usePhotoField } from '@/components/photo-picker';
import Timeline from '@/components/timeline';
import ReliefClaim from '@/components/relief-claim';
import ChoiceChips from '@/components/choice-chips';
import { pressable } from '@/components/a11y';
import { useTypeSize } from '@/components/type-size';
import WithdrawCard from '@/components/withdraw-card';
import VoiceNote, { VoicePlayer, VoiceSlot, type SavedVoice } from '@/components/voice-note';
import { addMessage, getAppeal, getPublicOrg, markNoticesRead, rateAppeal } from '@/services/api';
import type { ApiError } from '@/services/request';
import { ensureLogin } from '@/services/session';
import { askForMessages, canAskForMessages, recordAnswers } from '@/services/subscribe';
import './index.scss';

export default function DetailPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [appeal, setAppeal] = useState<AppealView | null>(null);
  /** When the view (and its photo links, good for five minutes) was fetched. */
  const [loadedAt, setLoadedAt] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [messageError, setMessageError] = useState<string | null>(null);
  /** A 补充说明 said in a voice note instead (or besides), and its upload, which 发送留言 waits for. */
  const [messageVoice, setMessageVoice] = useState<SavedVoice | null>(null);
  const [voiceSlot] = useState(() => new VoiceSlot());
  /** The voice note as it is now, for a send that waited for its upload (its own render's is older by then). */
  const messageVoiceRef = useRef<SavedVoice | null>(null);
  const [sending, setSending] = useState(false);
  /** Its photos, which 发送留言 waits for as it does for the voice note. */
  const messagePhotos = usePhotoField({ idPrefix: 'message-', withoutPhotos: '不加照片也可以发送留言', disabled: sending });
  const [rating, setRating] = useState<Rating | ''>('');
  const [ratingComment, setRatingComment] = useState('');
  /** The templates to ask for at the rating tap: what may still come (a reopened appeal's progress and new reply). */
  const [afterRatingTemplates, setAfterRatingTemplates] = useState<string[]>([]);
  const typeSize = useTypeSize();

  const load = useCallback(async () => {
    setError(null);
    try {
      if (!(await ensureLogin())) return;
      const fresh = await getAppeal(id);
      setAppeal(fresh);
      setLoadedAt(Date.now());
      void markNoticesRead(id).catch(() => undefined);
      // Loaded ahead: the prompt must open inside the tap, with nothing awaited before it.
      if (canAskForMessages && fresh.allowedActions.includes('rate')) {
        void getPublicOrg(fresh.org).then(
          (org) => setAfterRatingTemplates(org.subscribeTemplates.slice(1)),
          () => undefined,
        );
      }
    } catch (e) {
      setError((e as ApiError).message);
    }
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);

  /** Opens the photos full size; links older than four minutes are fetched again first (they expire at five). */
  const preview = useCallback(
    async (current: AppealView, photoId: string) => {
      let shown = current;
      if (Date.now() - loadedAt > 4 * 60_000) {
        shown = await getAppeal(id).catch(() => current);
        setAppeal(shown);
        setLoadedAt(Date.now());
      }
      const urls = shown.photos.map((p) => `${API_BASE}${p.url}`);
      void Taro.previewImage({
        urls,
        current:
          urls[
            Math.max(
              0,
              shown.photos.findIndex((p) => p.id === photoId),
            )
          ],
      });
    },
    [id, loadedAt],
  );

  const send = async () => {
    const voiceId = messageVoice?.id ?? (voiceSlot.uploading ? 'uploading' : undefined);
    // Photos still on their way count as photos already: the send waits for them below.
    const problems = validateMessage({ text: message, ...(voiceId ? { voice: voiceId } : {}), ...(messagePhotos.any ? { photos: ['picked'] } : {}) });
    if (problems.length) {
      setMessageError(problems[0].message);
      return;
    }
    setSending(true);
    try {
      // The voice note and the photos still on their way go with the message: the button says which it waits for.
      const [, photos] = await Promise.all([voiceSlot.settled(), messagePhotos.ready()]);
      if (voiceSlot.failed) {
        setMessageError('语音没有传上去:请点“重传”,或点“删除重录”');
        return;
      }
      if (!photos) {
        setMessageError('有照片没有传上去:请点照片上的“重传”,或点“×”不带它发送');
        return;
      }
      setAppeal(await addMessage(id, message.trim(), { voice: messageVoiceRef.current?.id, photos }));
      setMessage('');
      setMessageVoice(null);
      messageVoiceRef.current = null;
      voiceSlot.reset();
      messagePhotos.reset();
      setMessageError(null);
      void Taro.showToast({ title: '留言已送达', icon: 'success' });
    } catch (e) {
      setMessageError((e as ApiError).message);
    } finally {
      setSending(false);
    }
  };

  const rate = async () => {
    if (!appeal || !rating) {
      void Taro.showToast({ title: '请选择满意、基本满意或不满意', icon: 'none' });
      return;
    }
    // 不满意 sends the appeal back to be handled again: ask now whether the worker wants to hear of it.
    const asking = rating === 'unsatisfied' ? askForMessages(afterRatingTemplates) : Promise.resolve(null);
    setSending(true);
    try {
      setAppeal(await rateAppeal(appeal.id, appeal.version, rating, ratingComment.trim() || undefined));
      await recordAnswers(asking);
      void Taro.showToast({ title: '谢谢您的评价', icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: (e as ApiError).message, icon: 'none' });
    } finally {
      setSending(false);
    }
  };

  // The server lists what this viewer may do now, from the one status machine.
  const canMessage = appeal?.allowedActions.includes('messages') ?? false;
  const canRate = appeal?.allowedActions.includes('rate') ?? false;
  const canWithdraw = appeal?.allowedActions.includes('withdraw') ?? false;

  return (
    <View className={`mq-page detail-page ${typeSize}`}>
      <PageShell loading={!appeal && !error} error={error} onRetry={() => void load()}>
        {appeal && (
          <>
            <View className='mq-hero'>
              <Text className='mq-hero__org'>诉求编号</Text>
              <View className='mq-hero__slogan' id='appeal-serial'>
                {appeal.serial}
              </View>
              <View className='mq-hero__place' id='appeal-status'>
                {STATUS_LABELS[appeal.status]}
              </View>
            </View>
            <View className='mq-card'>
              <View className='mq-hint'>
                {appeal.category.name}
                {appeal.place ? ` · ${appeal.place.name}` : ''} · {IDENTITY_LABELS[appeal.identity]}
              </View>
              <View className='detail-page__content' id='appeal-content'>
                {appeal.content}
              </View>
              {appeal.voice && (
                <VoicePlayer
                  id='appeal-voice'
                  src={appeal.voice.url ? `${API_BASE}${appeal.voice.url}` : null}
                  seconds={appeal.voice.seconds}
                  fresh={async () => {
                    // The link lasts five minutes: a fresh one when this view is older than four.
                    if (Date.now() - loadedAt <= 4 * 60_000) return appeal.voice?.url ? `${API_BASE}${appeal.voice.url}` : null;
                    const url = (await getAppeal(id)).voice?.url;
                    return url ? `${API_BASE}${url}` : null;
                  }}
                />
              )}
              {appeal.photos.length > 0 && (
                <View className='detail-page__photos'>
                  {appeal.photos.map((photo, index) => (
                    <Image
                      key={photo.id}
                      className='detail-page__photo appeal-photo'
                      src={`${API_BASE}${photo.url}`}
                      mode='aspectFill'
                      nativeProps={{ alt: `第 ${index + 1} 张照片,点开看大图` }}
                      {...pressable(`第 ${index + 1} 张照片,点开看大图`)}
                      onClick={() => void preview(appeal, photo.id)}
                    />
                  ))}
                </View>
              )}
              {appeal.phone && <View className='mq-hint'>联系电话:{appeal.phone}</View>}
            </View>

            {appeal.category.code === 'hardship' && <ReliefClaim appealId={appeal.id} />}
            <Timeline
              id='timeline'
              title='办理进度'
              events={appeal.timeline}
              fresh={async () => {
                // The links last five minutes: a fresh view when this one is older than four.
                if (Date.now() - loadedAt <= 4 * 60_000) return appeal.timeline;
                const shown = await getAppeal(id).catch(() => appeal);
                setAppeal(shown);
                setLoadedAt(Date.now());
                return shown.timeline;
              }}
            />

            {appeal.mergedInto && (
              <>
                <View className='mq-note' id='merged-into'>
                  这件事已与诉求 {appeal.mergedInto.serial} 合并办理,目前状态:{STATUS_LABELS[appeal.mergedInto.status]}。那件诉求的答复会同样告诉您。
                </View>
                {/* The other appeal's progress and replies only: never its worker, words or photos (the server's merged-view.ts). */}
                {appeal.mergedInto.timeline && appeal.mergedInto.timeline.length > 0 && (
                  <Timeline id='merged-timeline' title={`诉求 ${appeal.mergedInto.serial} 的办理进度`} events={appeal.mergedInto.timeline} />
                )}
              </>
            )}

            {canRate && (
              <View className='mq-card' id='rate-card'>
                <Text className='mq-label'>对办理结果满意吗?</Text>
                <ChoiceChips
                  id='ratings'
                  chipClass='rating-chip'
                  label='对办理结果满意吗'
                  options={RATINGS.map((code) => ({ code, name: RATING_LABELS[code] }))}
                  selected={rating}
                  onSelect={(code) => setRating(code as Rating)}
                />
                <Textarea
                  className='mq-textarea detail-page__comment'
                  nativeProps={{ 'aria-label': '想说的话(可选)' }}
                  value={ratingComment}
                  maxlength={500}
                  placeholder='想说的话(可选)'
                  onInput={(e) => setRatingComment(e.detail.value)}
                />
                <Button id='submit-rating' className={`mq-button ${sending ? 'mq-button--disabled' : ''}`} onClick={() => void rate()}>
                  提交评价
                </Button>
              </View>
            )}

            {canMessage && (
              <View className='mq-card'>
                <Text className='mq-label'>补充说明或留言</Text>
                <Textarea
                  id='message'
                  className='mq-textarea'
                  nativeProps={{ 'aria-label': '补充说明或留言' }}
                  value={message}
                  maxlength={MESSAGE_TEXT_MAX}
                  placeholder='还有什么想补充的?'
                  onInput={(e) => setMessage(e.detail.value)}
                />
                <VoiceNote
                  value={messageVoice}
                  onChange={(voice) => {
                    messageVoiceRef.current = voice;
                    setMessageVoice(voice);
                  }}
                  slot={voiceSlot}
                  protectedIdentity={appeal.identity !== 'named'}
                  disabled={sending}
                />
                <Text className='mq-hint'>照片(可选,最多 {APPEAL_PHOTOS_MAX} 张)</Text>
                {messagePhotos.field}
                {messageError && <Text className='mq-error'>{messageError}</Text>}
                <Button id='send-message' className={`mq-button ${sending ? 'mq-button--disabled' : ''}`} onClick={() => void send()}>
                  {(sending && messagePhotos.waiting) || (sending ? '正在发送…' : '发送留言')}
                </Button>
              </View>
            )}
            {canWithdraw && <WithdrawCard appeal={appeal} onWithdrawn={setAppeal} />}
          </>
        )}
      </PageShell>
    </View>
  );
}
