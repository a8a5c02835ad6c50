// Photos shown, not picked: thumbnails with Chinese alt text; a tap enlarges one — WeChat's own viewer in the
// mini-program (Taro.previewImage), an overlay of the page in H5. The worker's photos on the staff page, and the photos of
// a timeline line (a 补充说明, a department's answer, the office's reply) for the worker and for staff.
import { Button, Image, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { PhotoView } from '@minqing/shared';
import { useState } from 'react';
import './index.scss';

interface PhotoViewerProps {
  id: string;
  photos: PhotoView[];
  /** The photos' links are signed for five minutes: fresh ones before enlarging when these are old. */
  freshPhotos: () => Promise<PhotoView[]>;
  /** Each photo's alt text: whose it is, and which. */
  altOf: (index: number, count: number) => string;
}

const urlOf = (photo: PhotoView) => `${API_BASE}${photo.url}`;

export default function PhotoViewer({ id, photos, freshPhotos, altOf }: PhotoViewerProps) {
  const [enlarged, setEnlarged] = useState<{ photo: PhotoView; index: number } | null>(null);

  const open = async (index: number) => {
    const shown = await freshPhotos();
    const photo = shown[index] ?? photos[index];
    if (process.env.TARO_ENV === 'weapp') {
      void Taro.previewImage({ urls: shown.map(urlOf), current: urlOf(photo) });
      return;
    }
    setEnlarged({ photo, index });
  };

  return (
    <View className='photo-viewer' id={id}>
      {photos.map((photo, index) => (
        <Image
          key={photo.id}
          className='photo-viewer__thumb'
          src={urlOf(photo)}
          mode='aspectFill'
          ariaLabel={altOf(index, photos.length)}
          nativeProps={{ alt: altOf(index, photos.length) }}
          onClick={() => void open(index)}
        />
      ))}
      {enlarged && (
        <View className='photo-overlay' id='photo-overlay' onClick={() => setEnlarged(null)}>
          <Image
            className='photo-overlay__image'
            src={urlOf(enlarged.photo)}
            mode='aspectFit'
            ariaLabel={altOf(enlarged.index, photos.length)}
            nativeProps={{ alt: `${altOf(enlarged.index, photos.length)},放大查看` }}
          />
          <Button className='mq-button mq-button--ghost photo-overlay__close' id='photo-overlay-close' onClick={() => setEnlarged(null)}>
            关闭
          </Button>
        </View>
      )}
    </View>
  );
}
