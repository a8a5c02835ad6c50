// The end of a paged list: 加载更多 while the server has more (the page also loads it when scrolled to
// the bottom), and once it has none, how many were shown — a list never just stops.
import { Button, View } from '@tarojs/components';

interface ListFooterProps {
  /** How many are shown now. */
  count: number;
  /** The server said there is a next page. */
  more: boolean;
  /** What the button says instead of 加载更多 (a search that goes on through older appeals). */
  moreLabel?: string;
  loading: boolean;
  onMore: () => void;
}

export default function ListFooter({ count, more, moreLabel, loading, onMore }: ListFooterProps) {
  if (more)
    return (
      <View className='mq-list-footer'>
        <Button id='load-more' className='mq-button mq-button--ghost' disabled={loading} onClick={onMore}>
          {loading ? '正在加载…' : `${moreLabel ?? '加载更多'}(已显示 ${count} 条)`}
        </Button>
      </View>
    );
  if (count === 0) return null;
  return (
    <View className='mq-list-footer mq-hint' id='list-end'>
      已显示全部 {count} 条
    </View>
  );
}
