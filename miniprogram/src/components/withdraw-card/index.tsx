// 撤回: the worker takes their appeal back while the office has not yet accepted it — a reason picked
// (or, for 其他, written), then asked once more before anything is sent.
import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { WITHDRAW_REASONS, validateActionBody, type AppealView } from '@minqing/shared';
import { useState } from 'react';
import ChoiceChips from '@/components/choice-chips';
import { actOnAppeal } from '@/services/api';
import type { ApiError } from '@/services/request';

interface WithdrawCardProps {
  appeal: AppealView;
  onWithdrawn: (appeal: AppealView) => void;
}

const OTHER = '其他';

export default function WithdrawCard({ appeal, onWithdrawn }: WithdrawCardProps) {
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState('');
  const [words, setWords] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const withdraw = async () => {
    if (sending) return;
    if (!choice) return setProblem('请选择撤回的原因');
    const reason = choice === OTHER ? words.trim() : words.trim() ? `${choice}:${words.trim()}` : choice;
    const problems = validateActionBody('withdraw', { reason });
    if (problems.length) return setProblem(choice === OTHER ? '请写下撤回的原因' : problems[0].message);
    setProblem(null);
    const { confirm } = await Taro.showModal({
      title: '确定撤回这条诉求?',
      content: '撤回后党群工作部不再办理,也不能恢复;同一件事以后可以重新提交。',
      confirmText: '撤回',
      cancelText: '再想想',
    });
    if (!confirm) return;
    setSending(true);
    try {
      onWithdrawn(await actOnAppeal(appeal.id, 'withdraw', { reason, version: appeal.version }));
      void Taro.showToast({ title: '已撤回', icon: 'success' });
    } catch (e) {
      setProblem((e as ApiError).message);
    } finally {
      setSending(false);
    }
  };

  if (!open) {
    return (
      <View className='mq-card withdraw-card'>
        <Text className='mq-hint'>党群工作部受理之前,您可以撤回这条诉求。</Text>
        <Button id='withdraw-open' className='mq-button mq-button--ghost' onClick={() => setOpen(true)}>
          撤回诉求
        </Button>
      </View>
    );
  }
  return (
    <View className='mq-card withdraw-card' id='withdraw-card'>
      <Text className='mq-label'>为什么撤回?</Text>
      <ChoiceChips
        id='withdraw-reasons'
        chipClass='withdraw-reason'
        options={WITHDRAW_REASONS.map((r) => ({ code: r, name: r }))}
        selected={choice}
        onSelect={(code) => {
          setChoice(code);
          setProblem(null);
        }}
      />
      <Textarea
        id='withdraw-words'
        className='mq-textarea'
        value={words}
        maxlength={500}
        placeholder={choice === OTHER ? '请写下原因' : '还想说的话(可选)'}
        onInput={(e) => setWords(e.detail.value)}
      />
      {problem && <Text className='mq-error'>{problem}</Text>}
      <Button id='withdraw-submit' className={`mq-button mq-button--ghost mq-button--danger ${sending ? 'mq-button--disabled' : ''}`} onClick={() => void withdraw()}>
        {sending ? '正在撤回…' : '撤回'}
      </Button>
      <Button className='mq-button mq-button--ghost' onClick={() => setOpen(false)}>
        不撤回了
      </Button>
    </View>
  );
}
