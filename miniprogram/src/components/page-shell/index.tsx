// Loading, error with retry, or the page: every page shows one of the three the same way.
import { Button, Text, View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import './index.scss';

interface PageShellProps {
  loading: boolean;
  error?: string | null;
  onRetry?: () => void;
}

export default function PageShell({ loading, error, onRetry, children }: PropsWithChildren<PageShellProps>) {
  if (loading) {
    return (
      <View className='mq-shell mq-shell--loading'>
        <Text>正在加载…</Text>
      </View>
    );
  }
  if (error) {
    return (
      <View className='mq-shell mq-shell--error'>
        <Text className='mq-shell__message'>{error}</Text>
        {onRetry && (
          <Button className='mq-button mq-button--ghost' onClick={onRetry}>
            重试
          </Button>
        )}
      </View>
    );
  }
  return <>{children}</>;
}
