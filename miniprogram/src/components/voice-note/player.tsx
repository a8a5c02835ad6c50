// The play control of a voice note (语音 0:12): WeChat's InnerAudioContext in the mini-program, an <audio> of the
// page in H5. Where the viewer may not hear it (a leader: a voice can tell who spoke), it says so and plays nothing.
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { createElement, useEffect, useRef, useState } from 'react';
import { clock } from './recorder';
import './index.scss';

interface VoicePlayerProps {
  /** The link to play, or null where this viewer may not hear it. */
  src: string | null;
  seconds: number;
  /** A fresh link before playing (the server's links last five minutes); without it `src` is played. */
  fresh?: () => Promise<string | null>;
  id?: string;
}

/** The page's <audio> from its start, on this link (the element outlives a render: it is the DOM's, not React state's). */
function playFromStart(element: HTMLAudioElement, url: string): Promise<void> {
  if (element.src !== url) element.src = url;
  element.currentTime = 0;
  return element.play();
}

export default function VoicePlayer({ src, seconds, fresh, id = 'voice-player' }: VoicePlayerProps) {
  const [playing, setPlaying] = useState(false);
  const [at, setAt] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  /** The page's <audio> (H5), once drawn. */
  const [audio, setAudio] = useState<HTMLAudioElement | null>(null);
  const inner = useRef<Taro.InnerAudioContext | null>(null);

  useEffect(() => () => inner.current?.destroy(), []);
  useEffect(() => () => audio?.pause(), [audio]);

  if (!src) {
    return (
      <View className='voice-player voice-player--locked' id={id}>
        <Text>语音 {clock(seconds)}</Text>
        <Text className='voice-player__hint'>只有党群工作部和承办部门能听</Text>
      </View>
    );
  }

  const failed = () => {
    setPlaying(false);
    setProblem('语音放不出来,请刷新页面后再试');
  };

  const toggle = async () => {
    setProblem(null);
    if (playing) {
      audio?.pause();
      inner.current?.stop();
      setPlaying(false);
      return;
    }
    const url = (fresh ? await fresh().catch(() => src) : src) ?? src;
    if (process.env.TARO_ENV === 'weapp') {
      inner.current?.destroy();
      const context = Taro.createInnerAudioContext();
      // Heard even when the phone is on silent: the worker chose to listen.
      context.obeyMuteSwitch = false;
      context.src = url;
      context.onTimeUpdate(() => setAt(context.currentTime));
      context.onEnded(() => setPlaying(false));
      context.onStop(() => setPlaying(false));
      context.onError(failed);
      inner.current = context;
      context.play();
      setPlaying(true);
      return;
    }
    if (!audio) return;
    setPlaying(true);
    playFromStart(audio, url).catch(failed);
  };

  return (
    <View className='voice-player' id={id}>
      <View
        className={`voice-player__button ${playing ? 'voice-player__button--playing' : ''}`}
        id={`${id}-button`}
        ariaRole='button'
        ariaLabel={playing ? `停止播放语音,共 ${seconds} 秒` : `播放语音,共 ${seconds} 秒`}
        onClick={() => void toggle()}
      >
        <Text className='voice-player__icon'>{playing ? '■' : '▶'}</Text>
        <Text className='voice-player__label'>{playing ? `播放中 ${clock(at)} / ${clock(seconds)}` : `语音 ${clock(seconds)}`}</Text>
      </View>
      {problem && <Text className='mq-error'>{problem}</Text>}
      {process.env.TARO_ENV === 'h5' &&
        createElement('audio', {
          ref: setAudio,
          className: 'voice-player__audio',
          preload: 'none',
          onTimeUpdate: (event: { currentTarget: HTMLAudioElement }) => setAt(event.currentTarget.currentTime),
          onEnded: () => setPlaying(false),
          // Only once there is something to load (no src before the first tap).
          onError: (event: { currentTarget: HTMLAudioElement }) => event.currentTarget.getAttribute('src') && failed(),
        })}
    </View>
  );
}
