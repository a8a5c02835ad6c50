// 常用回复 under the answer and reply fields: the office's sentences for this appeal's category (and
// those for every category); a tap puts one in the box, to be edited there before it is sent.
import { Text, View } from '@tarojs/components';
import type { CannedReplyView } from '@minqing/shared';
import { useEffect, useState } from 'react';
import { listCannedReplies } from '@/services/api';

interface Props {
  category: string;
  onPick: (text: string) => void;
}

export default function CannedReplyPicker({ category, onPick }: Props) {
  const [replies, setReplies] = useState<CannedReplyView[]>([]);

  useEffect(() => {
    let live = true;
    // Without them the form works as before: a failed load shows nothing rather than an error.
    listCannedReplies(category)
      .then((found) => live && setReplies(found))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [category]);

  if (!replies.length) return null;
  return (
    <View className='canned-replies' id='canned-replies'>
      <Text className='mq-hint'>常用回复(点一下填入,再按实际情况改)</Text>
      <View className='mq-chips'>
        {replies.map((reply) => (
          <View key={reply.id} className='mq-chip canned-reply' onClick={() => onPick(reply.text)}>
            {reply.text}
          </View>
        ))}
      </View>
    </View>
  );
}
