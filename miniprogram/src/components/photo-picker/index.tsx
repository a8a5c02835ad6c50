// A photo field, one for every place photos are added: the submit form, a worker's 补充说明 and a staff answer (答复,
// 反馈). Photos go up as soon as they are picked — compressed on the phone, refused before upload when no photo or still
// too big, each with its progress and a 重传 — and the form that holds the field waits for those on their way
// (`uploads.settled()`), as the submit form does. The form keeps the photos the server has (`photos`): a draft may.
import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { APPEAL_PHOTOS_MAX } from '@minqing/shared';
import { useRef, useState, type ReactNode } from 'react';
import { pressable } from '@/components/a11y';
import { uploadPhoto } from '@/services/api';
import { askToUpgrade, canUse } from '@/services/wechat-abilities';
import { NOT_AN_IMAGE_MESSAGE, photoPickProblem } from '@/utils/photo-pick';
import { PhotoUploads, waitingFor, type PendingPhoto, type UploadedPhoto } from '@/utils/photo-uploads';
import { countPickedInBrowser, preparePhoto } from './photo-prepare';
import './index.scss';

/** A photo the server has, with the thumbnail the form shows (a data: URL a draft can keep). */
export interface PickedPhoto {
  id: string;
  preview: string;
}

/**
 * The uploads of one photo field, made once for the page: what is on its way, and what 提交 waits for. The callbacks of
 * the first render are the ones kept: they may use only state setters and refs (as uploads end after later renders).
 */
export function usePhotoUploads(on: { uploaded: (photo: UploadedPhoto) => void; refused: (problem: string) => void }): { uploads: PhotoUploads; pending: PendingPhoto[] } {
  const [pending, setPending] = useState<PendingPhoto[]>([]);
  const [uploads] = useState(() => new PhotoUploads((path, onProgress) => uploadPhoto(path, onProgress), { changed: setPending, ...on }));
  return { uploads, pending };
}

/** A photo field a form sends with something else (a 补充说明, a staff answer): its picker, and what the send asks of it. */
export interface PhotoField {
  field: ReactNode;
  /** Photos picked, on the server or on their way. */
  any: boolean;
  /** What the send waits for now ("正在上传第 2 张照片…(40%)"), null when it waits for none. */
  waiting: string | null;
  /** The photos' ids once every one is on the server; null when one did not go up (its 重传 shows on it). */
  ready: () => Promise<string[] | null>;
  /** Sent: the field empty again. */
  reset: () => void;
}

export function usePhotoField(options: Pick<PhotoPickerProps, 'idPrefix' | 'withoutPhotos' | 'disabled'>): PhotoField {
  const [photos, setPhotosState] = useState<PickedPhoto[]>([]);
  // As they are now, for a send that waited for the rest (its own render's are older by then).
  const photosRef = useRef<PickedPhoto[]>([]);
  const setPhotos = (change: (photos: PickedPhoto[]) => PickedPhoto[]) => {
    photosRef.current = change(photosRef.current);
    setPhotosState(photosRef.current);
  };
  const [problem, setProblem] = useState<string | undefined>();
  const [waiting, setWaiting] = useState(false);
  const { uploads, pending } = usePhotoUploads({
    uploaded: (photo) => setPhotos((now) => [...now, { id: photo.id, preview: photo.thumb }].slice(0, APPEAL_PHOTOS_MAX)),
    refused: setProblem,
  });
  return {
    field: (
      <PhotoPicker
        {...options}
        photos={photos}
        onRemove={(id) => setPhotos((now) => now.filter((p) => p.id !== id))}
        uploads={uploads}
        pending={pending}
        error={problem}
        onError={setProblem}
      />
    ),
    any: photos.length + pending.length > 0,
    waiting: waiting ? waitingFor(pending, photos.length) : null,
    ready: async () => {
      setWaiting(uploads.uploading);
      await uploads.settled();
      setWaiting(false);
      return uploads.failed.length ? null : photosRef.current.map((p) => p.id);
    },
    reset: () => {
      uploads.dropAll();
      setPhotos(() => []);
      setProblem(undefined);
    },
  };
}

interface PhotoPickerProps {
  /** The photos the server has (in the form's state). */
  photos: PickedPhoto[];
  onRemove: (id: string) => void;
  uploads: PhotoUploads;
  pending: PendingPhoto[];
  /** The field's problem in the worker's words (a refused file, a failed pick), and how the field sets or clears it. */
  error?: string;
  onError: (problem: string | undefined) => void;
  /** Before the album opens (the submit form logs the worker in first); false stops it. */
  beforePick?: () => Promise<boolean>;
  /** Put before the field's ids (photos, add-photo, photo-error), for a page with another field. */
  idPrefix?: string;
  /** What the photos are, for their alt text: "第 1 张照片". */
  noun?: string;
  /** What a failed pick adds ("不加照片也可以提交诉求"). */
  withoutPhotos?: string;
  disabled?: boolean;
  max?: number;
}

export default function PhotoPicker(props: PhotoPickerProps) {
  const { photos, onRemove, uploads, pending, error, onError, beforePick, idPrefix = '', noun = '照片', disabled = false, max = APPEAL_PHOTOS_MAX } = props;
  const room = max - photos.length - pending.length;

  const addPhotos = async () => {
    if (beforePick && !(await beforePick())) return;
    if (!canUse('chooseMedia')) return askToUpgrade('拍照或选图');
    if (room <= 0) return;
    let files: Taro.chooseMedia.ChooseMedia[];
    try {
      // chooseMedia, not chooseImage: WeChat stopped maintaining chooseImage (base library 2.21.0) and points to
      // chooseMedia; Taro's H5 chooseImage is itself chooseMedia with mediaType image, so both builds pick alike.
      const counting = countPickedInBrowser();
      const chosen = await Taro.chooseMedia({ count: room, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] });
      files = chosen.tempFiles.slice(0, room);
      // Taro's H5 chooseMedia leaves out, without a word, every picked file the browser cannot show as an image.
      if (counting.picked() > chosen.tempFiles.length) {
        onError(NOT_AN_IMAGE_MESSAGE);
        for (const file of files) uploads.add(preparePhoto(file));
        return;
      }
    } catch (failure) {
      // A cancel says nothing; a refusal of the privacy dialog, or any other failure, says why and that the
      // form goes as well without photos.
      const problem = photoPickProblem(failure, props.withoutPhotos);
      if (problem) onError(problem);
      return;
    }
    onError(undefined);
    for (const file of files) uploads.add(preparePhoto(file));
  };

  const nth = (index: number) => `第 ${index + 1} 张${noun}`;
  return (
    <View className='photo-picker'>
      <View className='photo-picker__list' id={`${idPrefix}photos`}>
        {photos.map((p, index) => (
          <View key={p.id} className='photo-picker__photo photo-picker__photo--done'>
            <Image src={p.preview} mode='aspectFill' className='photo-picker__thumb' ariaLabel={nth(index)} nativeProps={{ alt: nth(index) }} />
            <View className='photo-picker__remove' {...pressable(`删除${nth(index)}`)} onClick={() => onRemove(p.id)}>
              ×
            </View>
          </View>
        ))}
        {pending.map((p, index) => (
          <View key={p.key} className={`photo-picker__photo photo-picker__photo--${p.state}`}>
            {p.thumb ? (
              <Image src={p.thumb} mode='aspectFill' className='photo-picker__thumb' nativeProps={{ alt: `${nth(photos.length + index)}(正在上传)` }} />
            ) : (
              <View className='photo-picker__thumb photo-picker__thumb--blank' />
            )}
            {p.state === 'uploading' ? (
              <View className='photo-picker__progress'>
                <View className='photo-picker__progress-bar' style={{ width: `${p.progress}%` }} />
                <Text className='photo-picker__progress-text'>{p.thumb ? `${p.progress}%` : '处理中'}</Text>
              </View>
            ) : (
              <View className='photo-picker__retry' {...pressable(`重传${nth(photos.length + index)}`)} onClick={() => uploads.retry(p.key)}>
                重传
              </View>
            )}
            <View className='photo-picker__remove' {...pressable(`删除${nth(photos.length + index)}`)} onClick={() => uploads.remove(p.key)}>
              ×
            </View>
          </View>
        ))}
        {room > 0 && !disabled && (
          <View className='photo-picker__add' id={`${idPrefix}add-photo`} {...pressable()} onClick={() => void addPhotos()}>
            + 拍照/选图
          </View>
        )}
      </View>
      {pending
        .filter((p) => p.problem)
        .map((p) => (
          <Text key={p.key} className='mq-error'>
            {p.problem}
          </Text>
        ))}
      {error && (
        <Text className='mq-error' id={`${idPrefix}photo-error`}>
          {error}
        </Text>
      )}
    </View>
  );
}
