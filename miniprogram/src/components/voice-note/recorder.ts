// One recorder for both builds: WeChat's RecorderManager in the mini-program (mp3 at 16 kHz, 48 kbit/s, mono: a
// minute is about 360 KB), the browser's MediaRecorder in H5, where Taro has none (Opus at 32 kbit/s where the
// browser takes the hint). Either stops by itself at VOICE_MAX_SECONDS. What goes wrong is said in the worker's words.
import Taro from '@tarojs/taro';
import { VOICE_MAX_SECONDS } from '@minqing/shared';

export interface Recording {
  /** What Taro.uploadFile sends: WeChat's temporary file, or a blob: URL in H5. */
  path: string;
  durationMs: number;
}

export interface VoiceRecorder {
  /** Asks for the microphone (the first time) and starts; rejects with a RecordingProblem. */
  start(): Promise<void>;
  /** Stops and hands the recording over (null when nothing was recorded). */
  stop(): Promise<Recording | null>;
  /** Called when the recorder stopped by itself at the minute. */
  onAutoStop(listener: (recording: Recording | null) => void): void;
}

/** Why there is no recording, as the worker reads it. */
export class RecordingProblem extends Error {
  constructor(
    message: string,
    /** The microphone was refused: WeChat's settings page can give it back. */
    readonly refused = false,
  ) {
    super(message);
  }
}

export const MICROPHONE_REFUSED_WEAPP = '没有录音权限:请点“去设置”打开“麦克风”,或者直接打字说明';
export const MICROPHONE_REFUSED_H5 = '浏览器没有允许使用麦克风:请在浏览器的网站设置里允许麦克风,或者直接打字说明';
const NO_MICROPHONE = '这台设备没有可用的麦克风,请直接打字说明';
const RECORDING_FAILED = '没能录音,请再按住试一次,或者直接打字说明';

const MAX_MS = VOICE_MAX_SECONDS * 1000;

export function createRecorder(): VoiceRecorder {
  return process.env.TARO_ENV === 'weapp' ? wechatRecorder() : browserRecorder();
}

// --- WeChat: RecorderManager (https://developers.weixin.qq.com/miniprogram/dev/api/media/recorder/RecorderManager.start.html) ---

function wechatRecorder(): VoiceRecorder {
  const manager = Taro.getRecorderManager();
  let stopped: ((recording: Recording | null) => void) | null = null;
  let autoStop: (recording: Recording | null) => void = () => undefined;
  manager.onStop((result) => {
    const recording = result.tempFilePath ? { path: result.tempFilePath, durationMs: result.duration } : null;
    if (stopped) {
      stopped(recording);
      stopped = null;
    } else autoStop(recording);
  });
  return {
    async start() {
      // scope.record: asked once; after a refusal WeChat asks no more, and only its settings page can give it back.
      try {
        await Taro.authorize({ scope: 'scope.record' });
      } catch {
        throw new RecordingProblem(MICROPHONE_REFUSED_WEAPP, true);
      }
      await new Promise<void>((resolve, reject) => {
        const fail = () => reject(new RecordingProblem(RECORDING_FAILED));
        manager.onStart(() => resolve());
        manager.onError(fail);
        // The sample rate and bit rate WeChat allows together (16 kHz: 24–96 kbit/s).
        manager.start({ duration: MAX_MS, sampleRate: 16000, numberOfChannels: 1, encodeBitRate: 48000, format: 'mp3' });
      });
    },
    stop() {
      return new Promise((resolve) => {
        stopped = resolve;
        manager.stop();
      });
    },
    onAutoStop(listener) {
      autoStop = listener;
    },
  };
}

// --- The browser: getUserMedia and MediaRecorder ---

/** The first type this browser records, in the server's list (WebM/Opus in Chromium and Firefox, MP4/AAC in Safari). */
function browserType(): string | undefined {
  return ['audio/webm;codecs=opus', 'audio/webm', 'audio/ogg;codecs=opus', 'audio/mp4'].find((type) => MediaRecorder.isTypeSupported(type));
}

function browserRecorder(): VoiceRecorder {
  let recorder: MediaRecorder | null = null;
  let stream: MediaStream | null = null;
  let chunks: Blob[] = [];
  let startedAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let autoStop: (recording: Recording | null) => void = () => undefined;

  const finish = (): Promise<Recording | null> =>
    new Promise((resolve) => {
      clearTimeout(timer);
      const current = recorder;
      if (!current || current.state === 'inactive') return resolve(null);
      current.onstop = () => {
        stream?.getTracks().forEach((track) => track.stop());
        const durationMs = Math.min(MAX_MS, Date.now() - startedAt);
        const blob = new Blob(chunks, { type: current.mimeType || 'audio/webm' });
        recorder = null;
        stream = null;
        chunks = [];
        resolve(blob.size ? { path: URL.createObjectURL(blob), durationMs } : null);
      };
      current.stop();
    });

  return {
    async start() {
      if (typeof MediaRecorder === 'undefined' || !navigator.mediaDevices?.getUserMedia) throw new RecordingProblem('这个浏览器不能录音,请用微信打开,或者直接打字说明');
      try {
        stream = await navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true } });
      } catch (error) {
        const name = (error as { name?: string } | null)?.name;
        if (name === 'NotAllowedError' || name === 'SecurityError') throw new RecordingProblem(MICROPHONE_REFUSED_H5, true);
        throw new RecordingProblem(name === 'NotFoundError' ? NO_MICROPHONE : RECORDING_FAILED);
      }
      const mimeType = browserType();
      recorder = new MediaRecorder(stream, { ...(mimeType ? { mimeType } : {}), audioBitsPerSecond: 32000 });
      chunks = [];
      recorder.ondataavailable = (event) => {
        if (event.data.size) chunks.push(event.data);
      };
      recorder.start();
      startedAt = Date.now();
      timer = setTimeout(() => void finish().then(autoStop), MAX_MS);
    },
    stop: finish,
    onAutoStop(listener) {
      autoStop = listener;
    },
  };
}

/** "0:12", as the play control and the recorder show a length. */
export function clock(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}
