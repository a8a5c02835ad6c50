// 按住说话: a voice note of up to a minute, for a worker who cannot type well, in place of the text's minimum.
// Held to record, sent as soon as it is let go (like a photo: with its progress, a retry, and a form that waits for
// it), listened to before sending, deleted to record again. The form keeps only the server's id and the length.
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { VOICE_MAX_SECONDS } from '@minqing/shared';
import { useEffect, useRef, useState } from 'react';
import { uploadVoice } from '@/services/api';
import VoicePlayer from './player';
import { clock, createRecorder, RecordingProblem, type Recording, type VoiceRecorder } from './recorder';
import { VoiceSlot } from './voice-slot';
import './index.scss';

/** A voice note the server has. */
export interface SavedVoice {
  id: string;
  seconds: number;
}

interface VoiceNoteProps {
  value: SavedVoice | null;
  onChange: (voice: SavedVoice | null) => void;
  /** What the form's 提交诉求 waits for. */
  slot: VoiceSlot;
  /** 保密 or 匿名: the worker is told who will hear their voice before they record. */
  protectedIdentity: boolean;
  disabled?: boolean;
}

/** Shorter than this is a tap, not a voice note. */
const MIN_MS = 1000;

type Phase = 'idle' | 'recording' | 'uploading' | 'failed';

export { VoiceSlot, VoicePlayer };

export default function VoiceNote({ value, onChange, slot, protectedIdentity, disabled = false }: VoiceNoteProps) {
  const [phase, setPhase] = useState<Phase>('idle');
  const [elapsed, setElapsed] = useState(0);
  const [progress, setProgress] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const [refused, setRefused] = useState(false);
  /** The recording on this phone, to listen to before sending (a restored draft has none: only the server's copy). */
  const [local, setLocal] = useState<Recording | null>(null);
  const recorder = useRef<VoiceRecorder | null>(null);
  const holding = useRef(false);
  /** The recorder is running (until let go, or its minute is up). */
  const started = useRef(false);
  const starting = useRef<Promise<void> | null>(null);
  const ticker = useRef<ReturnType<typeof setInterval> | undefined>(undefined);
  const task = useRef<{ abort(): void } | null>(null);

  useEffect(() => () => clearInterval(ticker.current), []);

  const send = (recording: Recording) => {
    setPhase('uploading');
    setProgress(0);
    setProblem(null);
    const upload = uploadVoice(recording.path, recording.durationMs, (percent) => setProgress(Math.min(99, Math.round(percent))));
    task.current = upload;
    slot.track(
      upload.done.then(
        (saved) => {
          if (task.current !== upload) return;
          task.current = null;
          setPhase('idle');
          onChange({ id: saved.id, seconds: saved.seconds });
        },
        (error: unknown) => {
          if (task.current !== upload) return;
          setPhase('failed');
          setProblem((error as { message?: string } | null)?.message || '语音没有传上去,请重试');
          throw error;
        },
      ),
    );
  };

  const finished = (recording: Recording | null) => {
    clearInterval(ticker.current);
    if (!recording || recording.durationMs < MIN_MS) {
      setPhase('idle');
      setProblem('说话时间太短,请按住按钮不放,说完再松开');
      return;
    }
    setLocal(recording);
    send(recording);
  };

  const press = () => {
    if (disabled || phase !== 'idle' || value) return;
    holding.current = true;
    setProblem(null);
    setRefused(false);
    recorder.current ??= createRecorder();
    recorder.current.onAutoStop((recording) => {
      started.current = false;
      finished(recording);
    });
    const start = recorder.current.start().then(
      () => {
        started.current = true;
        setPhase('recording');
        setElapsed(0);
        const began = Date.now();
        ticker.current = setInterval(() => setElapsed(Math.min(VOICE_MAX_SECONDS, (Date.now() - began) / 1000)), 250);
      },
      (error: unknown) => {
        holding.current = false;
        setPhase('idle');
        setProblem(error instanceof RecordingProblem ? error.message : '没能录音,请再按住试一次,或者直接打字说明');
        setRefused(error instanceof RecordingProblem && error.refused);
      },
    );
    starting.current = start;
  };

  /** Let go: the recording ends (one let go before the microphone was ready ends it as soon as it starts: too short to keep). */
  const release = async () => {
    if (!holding.current) return;
    holding.current = false;
    await starting.current;
    if (!started.current || !recorder.current) return;
    started.current = false;
    finished(await recorder.current.stop());
  };

  const retry = () => {
    if (local) send(local);
  };

  const remove = () => {
    task.current?.abort();
    task.current = null;
    slot.reset();
    setLocal(null);
    setPhase('idle');
    setProblem(null);
    onChange(null);
  };

  const openSettings = () => void Taro.openSetting();

  const seconds = value?.seconds ?? Math.max(1, Math.round((local?.durationMs ?? 0) / 1000));

  return (
    <View className='voice-note' id='voice-note'>
      {value || phase === 'uploading' || phase === 'failed' ? (
        <View className='voice-note__saved'>
          {local ? <VoicePlayer id='voice-preview' src={local.path} seconds={seconds} /> : <Text className='voice-note__kept'>已录好语音 {clock(seconds)}</Text>}
          {phase === 'uploading' && (
            <Text className='voice-note__progress' id='voice-progress'>
              正在上传语音…{progress}%
            </Text>
          )}
          {phase === 'failed' && (
            <View className='voice-note__retry' id='voice-retry' ariaRole='button' onClick={retry}>
              重传
            </View>
          )}
          {!disabled && (
            <View className='voice-note__remove' id='voice-remove' ariaRole='button' ariaLabel='删除这段语音,重新录' onClick={remove}>
              删除重录
            </View>
          )}
        </View>
      ) : (
        <View
          className={`voice-note__hold ${phase === 'recording' ? 'voice-note__hold--recording' : ''}`}
          id='voice-hold'
          ariaRole='button'
          ariaLabel='按住说话,松开结束,最长 1 分钟'
          onTouchStart={press}
          onTouchEnd={() => void release()}
          onTouchCancel={() => void release()}
        >
          {phase === 'recording' ? `松开结束 ${clock(elapsed)} / ${clock(VOICE_MAX_SECONDS)}` : '🎤 按住说话'}
        </View>
      )}
      <Text className='mq-hint voice-note__hint'>
        {protectedIdentity ? '不方便打字可以说,最长 1 分钟。语音只给党群工作部和承办部门听,但听声音可能认出您' : '不方便打字可以说,最长 1 分钟,说了就不用再写'}
      </Text>
      {problem && (
        <Text className='mq-error' id='voice-error'>
          {problem}
        </Text>
      )}
      {refused && process.env.TARO_ENV === 'weapp' && (
        <Button className='mq-button mq-button--ghost voice-note__settings' onClick={openSettings}>
          去设置
        </Button>
      )}
    </View>
  );
}
