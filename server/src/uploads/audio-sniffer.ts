// Voice notes are accepted by what their bytes are, not by their name or the type the phone claims: the
// containers the recorders write — WeChat's RecorderManager (format 'mp3' or 'aac') and the browser's
// MediaRecorder (WebM/Opus in Chromium and Firefox, Ogg/Opus, MP4/AAC in Safari). Their length is read from
// the container where that is cheap (a header or a walk over frame headers, never a decode); null where it
// is not, and the recorder's own figure is then bounded by the size limit.

export type VoiceMime = 'audio/webm' | 'audio/ogg' | 'audio/mp4' | 'audio/mpeg' | 'audio/aac';

export interface SniffedVoice {
  mime: VoiceMime;
  /** The length the container tells, in milliseconds; null when it does not tell it cheaply. */
  durationMs: number | null;
}

const EXTENSIONS: Record<VoiceMime, string> = { 'audio/webm': 'webm', 'audio/ogg': 'ogg', 'audio/mp4': 'm4a', 'audio/mpeg': 'mp3', 'audio/aac': 'aac' };

export function voiceExtension(mime: VoiceMime): string {
  return EXTENSIONS[mime];
}

/** The voice note's type and length, or null when the bytes are none of the recorders' formats. */
export function sniffVoice(bytes: Buffer): SniffedVoice | null {
  if (bytes.length < 16) return null;
  const safely = (read: () => number | null) => {
    try {
      return read();
    } catch {
      return null;
    }
  };
  if (bytes.readUInt32BE(0) === 0x1a45dfa3) return isWebm(bytes) ? { mime: 'audio/webm', durationMs: safely(() => webmDuration(bytes)) } : null;
  if (bytes.toString('latin1', 0, 4) === 'OggS') return { mime: 'audio/ogg', durationMs: safely(() => oggDuration(bytes)) };
  if (bytes.toString('latin1', 4, 8) === 'ftyp') return { mime: 'audio/mp4', durationMs: safely(() => mp4Duration(bytes)) };
  if (bytes.toString('latin1', 0, 3) === 'ID3') {
    const start = 10 + synchsafe(bytes, 6);
    return mp3FrameAt(bytes, start) ? { mime: 'audio/mpeg', durationMs: safely(() => mp3Duration(bytes, start)) } : null;
  }
  if (adtsFrameLength(bytes, 0)) return { mime: 'audio/aac', durationMs: safely(() => adtsDuration(bytes)) };
  if (mp3FrameAt(bytes, 0)) return { mime: 'audio/mpeg', durationMs: safely(() => mp3Duration(bytes, 0)) };
  return null;
}

// --- WebM (Matroska): the EBML header's DocType, then the clusters' timecodes ---

const ID_SEGMENT = 0x18538067;
const ID_CLUSTER = 0x1f43b675;
const ID_INFO = 0x1549a966;
const ID_TIMECODE_SCALE = 0x2ad7b1;
const ID_DURATION = 0x4489;
const ID_CLUSTER_TIMECODE = 0xe7;
const ID_SIMPLE_BLOCK = 0xa3;
const ID_BLOCK_GROUP = 0xa0;
const ID_BLOCK = 0xa1;
const ID_DOCTYPE = 0x4282;

/** An EBML variable-length integer at `at`: its value (with the marker removed when `isId` is false) and length; size all ones = unknown. */
function vint(bytes: Buffer, at: number, isId: boolean): { value: number; length: number; unknown: boolean } {
  const first = bytes[at];
  if (first === undefined || first === 0) throw new Error('bad vint');
  let length = 1;
  while (!(first & (0x80 >> (length - 1)))) length++;
  if (at + length > bytes.length) throw new Error('short');
  let value = isId ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    value = value * 256 + bytes[at + i];
    if (bytes[at + i] !== 0xff) allOnes = false;
  }
  return { value, length, unknown: !isId && allOnes };
}

function isWebm(bytes: Buffer): boolean {
  const header = vint(bytes, 4, false);
  const end = Math.min(bytes.length, 4 + header.length + header.value);
  for (let at = 4 + header.length; at < end;) {
    const id = vint(bytes, at, true);
    const size = vint(bytes, at + id.length, false);
    const body = at + id.length + size.length;
    if (id.value === ID_DOCTYPE) return bytes.toString('latin1', body, body + size.value) === 'webm';
    at = body + size.value;
  }
  return false;
}

/**
 * The Segment's Duration when the writer gave one; otherwise (MediaRecorder writes none: it streams) the last
 * block's time, its cluster's timecode plus its own offset — the clusters are walked by their headers only.
 */
function webmDuration(bytes: Buffer): number | null {
  let scale = 1_000_000;
  let declared: number | null = null;
  let cluster = 0;
  let last = 0;
  const walk = (from: number, to: number): void => {
    for (let at = from; at < to && at < bytes.length;) {
      const id = vint(bytes, at, true);
      const size = vint(bytes, at + id.length, false);
      const body = at + id.length + size.length;
      const end = size.unknown ? to : body + size.value;
      switch (id.value) {
        case ID_SEGMENT:
        case ID_CLUSTER:
        case ID_INFO:
        case ID_BLOCK_GROUP:
          walk(body, end);
          break;
        case ID_TIMECODE_SCALE:
          scale = bytes.readUIntBE(body, size.value);
          break;
        case ID_DURATION:
          declared = size.value === 8 ? bytes.readDoubleBE(body) : bytes.readFloatBE(body);
          break;
        case ID_CLUSTER_TIMECODE:
          cluster = bytes.readUIntBE(body, size.value);
          break;
        case ID_SIMPLE_BLOCK:
        case ID_BLOCK: {
          if (body + 8 > bytes.length) return;
          const track = vint(bytes, body, false);
          last = Math.max(last, cluster + bytes.readInt16BE(body + track.length));
          break;
        }
      }
      // An element of unknown size (a streamed Segment or Cluster) holds what follows it: walked above, nothing to skip.
      if (size.unknown) return;
      at = end;
    }
  };
  walk(0, bytes.length);
  const ticks = declared ?? last;
  return ticks > 0 ? Math.round((ticks * scale) / 1_000_000) : null;
}

// --- Ogg: the last page's granule position (Opus counts at 48 kHz, less its pre-skip) ---

function oggDuration(bytes: Buffer): number | null {
  const head = bytes.indexOf('OpusHead', 0, 'latin1');
  if (head < 0 || head > 512) return null;
  const preSkip = bytes.readUInt16LE(head + 10);
  const lastPage = bytes.lastIndexOf('OggS', bytes.length - 27, 'latin1');
  if (lastPage < 0) return null;
  const granule = Number(bytes.readBigInt64LE(lastPage + 6));
  return granule > preSkip ? Math.round(((granule - preSkip) / 48_000) * 1000) : null;
}

// --- MP4: the movie header's duration over its timescale ---

function mp4Duration(bytes: Buffer): number | null {
  const at = bytes.indexOf('mvhd', 0, 'latin1');
  if (at < 4) return null;
  const version = bytes[at + 4];
  const timescale = version === 1 ? bytes.readUInt32BE(at + 24) : bytes.readUInt32BE(at + 16);
  const duration = version === 1 ? Number(bytes.readBigUInt64BE(at + 28)) : bytes.readUInt32BE(at + 20);
  return timescale > 0 && duration > 0 && duration !== 0xffffffff ? Math.round((duration / timescale) * 1000) : null;
}

// --- AAC in ADTS frames (WeChat's 'aac'): 1024 samples a frame ---

const ADTS_RATES = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

function adtsFrameLength(bytes: Buffer, at: number): number {
  if (at + 7 > bytes.length || bytes[at] !== 0xff || (bytes[at + 1] & 0xf6) !== 0xf0) return 0;
  if (((bytes[at + 2] >> 2) & 0x0f) >= ADTS_RATES.length) return 0;
  const length = ((bytes[at + 3] & 0x03) << 11) | (bytes[at + 4] << 3) | (bytes[at + 5] >> 5);
  return length >= 7 ? length : 0;
}

function adtsDuration(bytes: Buffer): number | null {
  const rate = ADTS_RATES[(bytes[2] >> 2) & 0x0f];
  let frames = 0;
  for (let at = 0, length = adtsFrameLength(bytes, 0); length; at += length, length = adtsFrameLength(bytes, at)) frames++;
  return frames ? Math.round(((frames * 1024) / rate) * 1000) : null;
}

// --- MP3 (WeChat's 'mp3', constant bit rate): the size over the first frame's bit rate ---

const MP3_BITRATES_V1 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const MP3_BITRATES_V2 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];

function synchsafe(bytes: Buffer, at: number): number {
  return ((bytes[at] & 0x7f) << 21) | ((bytes[at + 1] & 0x7f) << 14) | ((bytes[at + 2] & 0x7f) << 7) | (bytes[at + 3] & 0x7f);
}

/** The bit rate (kbit/s) of an MPEG audio layer III frame header at `at`, or 0 when there is none. */
function mp3FrameAt(bytes: Buffer, at: number): number {
  if (at + 4 > bytes.length || bytes[at] !== 0xff || (bytes[at + 1] & 0xe0) !== 0xe0) return 0;
  const version = (bytes[at + 1] >> 3) & 0x03; // 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
  const layer = (bytes[at + 1] >> 1) & 0x03; // 1: layer III
  const index = bytes[at + 2] >> 4;
  if (version === 1 || layer !== 1 || index === 0 || index === 15 || (bytes[at + 2] >> 2) % 4 === 3) return 0;
  return (version === 3 ? MP3_BITRATES_V1 : MP3_BITRATES_V2)[index];
}

function mp3Duration(bytes: Buffer, start: number): number | null {
  const kbps = mp3FrameAt(bytes, start);
  return kbps ? Math.round(((bytes.length - start) * 8) / kbps) : null;
}
