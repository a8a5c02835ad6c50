// Before/after photos on a staff answer (答复 by the department, 反馈 by the office): up to three, picked and sent as the
// worker's are (components/photo-picker), shown to the worker with the office's reply. The action form asks `ready()`
// for the ids before sending: it waits for the photos on their way, and says so when one did not go up.
import { Text, View } from '@tarojs/components';
import { APPEAL_PHOTOS_MAX, type AppealAction } from '@minqing/shared';
import { useRef, useState, type ReactNode } from 'react';
import PhotoPicker, { usePhotoUploads, type PickedPhoto } from '@/components/photo-picker';
import { waitingFor } from '@/utils/photo-uploads';
import { PHOTO_ACTIONS } from './action-fields';

export interface AnswerPhotos {
  /** The field, for an action that takes photos (nothing otherwise). */
  field: ReactNode;
  /** The photos' ids once every one is on the server; null (the form's error said why) when one failed. */
  ready: () => Promise<string[] | null>;
}

export function useAnswerPhotos(action: AppealAction, setError: (problem: string) => void): AnswerPhotos {
  const [photos, setPhotosState] = useState<PickedPhoto[]>([]);
  // As they are now, for a send that waited for the rest.
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
  const takesPhotos = PHOTO_ACTIONS.includes(action);

  const ready = async () => {
    if (!takesPhotos) return [];
    setWaiting(uploads.uploading);
    await uploads.settled();
    setWaiting(false);
    if (uploads.failed.length) {
      setError('有照片没有传上去:请点照片上的“重传”,或点“×”不带它提交');
      return null;
    }
    return photosRef.current.map((p) => p.id);
  };

  const field = takesPhotos ? (
    <View className='action-form__field' data-field='photos'>
      <Text className='mq-hint'>照片(可选,最多 {APPEAL_PHOTOS_MAX} 张,如整改前后的照片;职工能看到)</Text>
      <PhotoPicker
        photos={photos}
        onRemove={(id) => setPhotos((now) => now.filter((p) => p.id !== id))}
        uploads={uploads}
        pending={pending}
        error={problem}
        onError={setProblem}
        idPrefix='answer-'
        withoutPhotos='不加照片也可以提交'
      />
      {waiting && <Text className='mq-hint'>{waitingFor(pending, photos.length)}</Text>}
    </View>
  ) : null;
  return { field, ready };
}
