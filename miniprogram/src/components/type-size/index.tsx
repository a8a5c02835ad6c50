// 字体大小: 标准, 大 or 特大, chosen on 我的 and kept on this phone. Every page's root carries the class of
// the chosen size (useTypeSize), which sets --mq-type-scale; the build multiplies every font size by it
// (config/postcss-type-scale.cjs), so each page grows its type without a rule of its own.
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import ChoiceChips from '@/components/choice-chips';

export type TypeSize = 'standard' | 'large' | 'xlarge';

export const TYPE_SIZES: Array<{ code: TypeSize; name: string }> = [
  { code: 'standard', name: '标准' },
  { code: 'large', name: '大' },
  { code: 'xlarge', name: '特大' },
];

const KEY = 'mq-type-size';
const CHANGED = 'mq-type-size-changed';

export function readTypeSize(): TypeSize {
  const stored = Taro.getStorageSync(KEY) as string;
  return TYPE_SIZES.some((s) => s.code === stored) ? (stored as TypeSize) : 'standard';
}

export function chooseTypeSize(size: TypeSize): void {
  Taro.setStorageSync(KEY, size);
  // Pages already open (the tabs, the pages under this one) change with it.
  Taro.eventCenter.trigger(CHANGED, size);
}

/** The class for a page's root: the chosen size's scale, '' for 标准. */
export function useTypeSize(): string {
  const [size, setSize] = useState<TypeSize>(readTypeSize);
  useEffect(() => {
    const changed = (next: TypeSize) => setSize(next);
    Taro.eventCenter.on(CHANGED, changed);
    return () => void Taro.eventCenter.off(CHANGED, changed);
  }, []);
  return size === 'standard' ? '' : `mq-type--${size}`;
}

/** The setting itself, on 我的. */
export function TypeSizeSetting() {
  const [size, setSize] = useState<TypeSize>(readTypeSize);
  const choose = (code: string) => {
    setSize(code as TypeSize);
    chooseTypeSize(code as TypeSize);
  };
  return (
    <View className='mq-card' id='type-size'>
      <Text className='mq-label'>字体大小</Text>
      <ChoiceChips id='type-sizes' chipClass='type-size-chip' label='字体大小' options={TYPE_SIZES} selected={size} onSelect={choose} />
      <Text className='mq-hint type-size__hint'>所有页面的字都会跟着变大,只在这部手机上有效</Text>
    </View>
  );
}
