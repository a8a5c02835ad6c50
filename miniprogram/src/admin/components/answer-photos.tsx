// Before/after photos on a staff answer (答复 by the department, 反馈 by the office): up to three, picked and sent as the
// worker's are (components/photo-picker), shown to the worker with the office's reply. The action form asks `ready()`
// for the ids before sending: it waits for the photos on their way, and says so when one did not go up.
import { Text, View } from '@tarojs/components';
import { APPEAL_PHOTOS_MAX, type AppealAction } from '@minqing/shared';
import type { ReactNode } from 'react';
import { usePhotoField } from '@/components/photo-picker';
import { PHOTO_ACTIONS } from './action-fields';

export interface AnswerPhotos {
  /** The field, for an action that takes photos (nothing otherwise). */
  field: ReactNode;
  /** The photos' ids once every one is on the server; null (the form's error said why) when one failed. */
  ready: () => Promise<string[] | null>;
}

export function useAnswerPhotos(action: AppealAction, setError: (problem: string) => void): AnswerPhotos {
  const photos = usePhotoField({ idPrefix: 'answer-', withoutPhotos: '不加照片也可以提交' });
  if (!PHOTO_ACTIONS.includes(action)) return { field: null, ready: () => Promise.resolve([]) };
  return {
    field: (
      <View className='action-form__field' data-field='photos'>
        <Text className='mq-hint'>照片(可选,最多 {APPEAL_PHOTOS_MAX} 张,如整改前后的照片;职工能看到)</Text>
        {photos.field}
        {photos.waiting && <Text className='mq-hint'>{photos.waiting}</Text>}
      </View>
    ),
    ready: async () => {
      const ids = await photos.ready();
      if (!ids) setError('有照片没有传上去:请点照片上的“重传”,或点“×”不带它提交');
      return ids;
    },
  };
}
