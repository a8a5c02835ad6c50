// A picked photo made ready to send on a weak signal: refused at once when it is no photo or still too big,
// re-encoded smaller on the phone, and given a small thumbnail the draft can keep (a data: URL, so a draft
// restored after the page or the mini-program was closed still shows it: the picked file's own path — a blob:
// URL in H5, a temporary file in WeChat — is gone by then).
import Taro from '@tarojs/taro';
import { COMPRESS_MAX_EDGE, fitWithin, photoFileProblem, worthCompressing } from '@/utils/photo-pick';
import type { Prepared } from '@/utils/photo-uploads';

/** The thumbnail's long edge: the form draws 96 px, twice that for a sharp screen. */
const THUMB_EDGE = 192;

type PickedFile = Taro.chooseMedia.ChooseMedia & { fileType?: string; originalFileObj?: File };

export async function preparePhoto(file: PickedFile): Promise<Prepared> {
  return process.env.TARO_ENV === 'h5' ? prepareInBrowser(file) : prepareInWeChat(file);
}

/**
 * How many files the worker picked in the browser's file dialog (H5), counted before Taro's chooseMedia sees them:
 * it hands on only those the browser can show as an image, and drops the others silently. 0 in WeChat, whose
 * chooseMedia with mediaType image offers nothing but images.
 */
export function countPickedInBrowser(): { picked(): number } {
  let picked = 0;
  if (process.env.TARO_ENV !== 'h5') return { picked: () => picked };
  // Capturing on the document runs before the input's own change handler (Taro's), which empties the input after.
  const count = (event: Event) => {
    const input = event.target as HTMLInputElement | null;
    if (input?.type !== 'file') return;
    picked = input.files?.length ?? 0;
    document.removeEventListener('change', count, true);
  };
  document.addEventListener('change', count, true);
  return {
    picked: () => {
      document.removeEventListener('change', count, true);
      return picked;
    },
  };
}

// In H5 Taro's chooseMedia ignores sizeType and compressImage is not supported: the browser's own canvas
// re-encodes (no library does more than this here, and none would be smaller than these few lines).
async function prepareInBrowser(file: PickedFile): Promise<Prepared> {
  const original = file.originalFileObj;
  const type = original?.type || file.fileType;
  const name = original?.name;
  const notImage = photoFileProblem({ size: 0, type, name });
  if (notImage) return { problem: notImage };
  const image = await decode(file.tempFilePath);
  if (!image) {
    // The browser cannot draw it: the server decides by its content, if it is small enough to be sent.
    const problem = photoFileProblem({ size: file.size, type, name });
    return problem ? { problem } : { path: file.tempFilePath, thumb: file.tempFilePath };
  }
  let path = file.tempFilePath;
  let size = file.size;
  if (worthCompressing(file.size, Math.max(image.naturalWidth, image.naturalHeight))) {
    const smaller = await draw(image, COMPRESS_MAX_EDGE, 0.82);
    if (smaller && smaller.size < size) {
      path = URL.createObjectURL(smaller);
      size = smaller.size;
    }
  }
  const problem = photoFileProblem({ size, type: 'image/jpeg' });
  if (problem) return { problem };
  const thumbBlob = await draw(image, THUMB_EDGE, 0.7);
  return { path, thumb: thumbBlob ? await dataUrl(thumbBlob) : path };
}

function decode(src: string): Promise<HTMLImageElement | null> {
  return new Promise((resolve) => {
    const image = new Image();
    image.onload = () => resolve(image.naturalWidth > 0 ? image : null);
    image.onerror = () => resolve(null);
    image.src = src;
  });
}

function draw(image: HTMLImageElement, edge: number, quality: number): Promise<Blob | null> {
  const { width, height } = fitWithin(image.naturalWidth, image.naturalHeight, edge);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return Promise.resolve(null);
  context.drawImage(image, 0, 0, width, height);
  return new Promise((resolve) => {
    try {
      canvas.toBlob((blob) => resolve(blob), 'image/jpeg', quality);
    } catch {
      resolve(null);
    }
  });
}

function dataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

// In WeChat chooseMedia already compressed (sizeType compressed); a photo still large is compressed again with
// compressImage (https://developers.weixin.qq.com/miniprogram/dev/api/media/image/wx.compressImage.html), and its
// size read back from the file system before it is sent.
async function prepareInWeChat(file: PickedFile): Promise<Prepared> {
  let path = file.tempFilePath;
  let size = file.size;
  if (worthCompressing(size, 0)) {
    try {
      const compressed = await Taro.compressImage({ src: path, quality: 70, compressedWidth: COMPRESS_MAX_EDGE } as Taro.compressImage.Option);
      const compressedSize = await fileSize(compressed.tempFilePath);
      if (compressedSize < size) {
        path = compressed.tempFilePath;
        size = compressedSize;
      }
    } catch {
      // Kept as chosen: the size check below decides.
    }
  }
  const problem = photoFileProblem({ size });
  if (problem) return { problem };
  return { path, thumb: await weChatThumb(path) };
}

function fileSize(filePath: string): Promise<number> {
  return new Promise((resolve, reject) =>
    Taro.getFileSystemManager().getFileInfo({ filePath, success: (info) => resolve(info.size), fail: reject } as Parameters<Taro.FileSystemManager['getFileInfo']>[0]),
  );
}

async function weChatThumb(path: string): Promise<string> {
  try {
    const small = await Taro.compressImage({ src: path, quality: 50, compressedWidth: THUMB_EDGE } as Taro.compressImage.Option);
    const base64 = Taro.getFileSystemManager().readFileSync(small.tempFilePath, 'base64') as string;
    return `data:image/jpeg;base64,${base64}`;
  } catch {
    return path;
  }
}
