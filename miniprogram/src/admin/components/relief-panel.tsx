// Hardship relief on a 困难救助 appeal, for staff: the office proposes an amount and a reason; a
// leader and the approver the administrator named each approve or refuse; everyone sees where it is.
// Until the worker confirms in WeChat, the office may withdraw it (the wrong amount, the wrong person).
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { yuanTextToFen, type ReliefView } from '@minqing/shared';
import { useEffect, useState } from 'react';
import { decideRelief, listRelief, proposeRelief, withdrawRelief } from '@/services/api';
import { runStep } from './run-step';

const STATE_LABELS: Record<ReliefView['state'], string> = {
  proposed: '待审批',
  refused: '未批准',
  approved: '已批准',
  paying: '发放中',
  wait_user_confirm: '待职工领取',
  cancelling: '正在撤回',
  paid: '已到账',
  failed: '发放失败',
  cancelled: '已撤回',
};

export default function ReliefPanel({ appealId, canPropose, canDecide }: { appealId: string; canPropose: boolean; canDecide: boolean }) {
  const [items, setItems] = useState<ReliefView[]>([]);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  /** The relief whose withdrawal the office is writing the reason for. */
  const [withdrawing, setWithdrawing] = useState<string | null>(null);
  const [withdrawReason, setWithdrawReason] = useState('');

  const load = () =>
    void listRelief(appealId).then(
      (r) => setItems(r.items),
      () => setItems([]),
    );
  useEffect(load, [appealId]);

  const run = (work: () => Promise<unknown>, done: string) => runStep(work, done, load);

  const propose = () => {
    const fen = yuanTextToFen(amount);
    if (!fen) return void Taro.showToast({ title: '金额请填元,最多两位小数,例如 150', icon: 'none' });
    void run(() => proposeRelief(appealId, fen, reason.trim()), '已提交审批');
  };

  const withdraw = (id: string) => {
    if (!withdrawReason.trim()) return void Taro.showToast({ title: '请写明撤回的原因', icon: 'none' });
    // Reloaded either way: refused as too late, the relief has moved on (the worker confirmed).
    void run(() => withdrawRelief(id, withdrawReason.trim()).finally(load), '已撤回');
    setWithdrawing(null);
  };

  const open = items.some((r) => ['proposed', 'approved', 'paying', 'wait_user_confirm', 'cancelling'].includes(r.state));
  return (
    <View className='mq-card' id='relief-panel'>
      <Text className='mq-label'>困难救助金</Text>
      {items.map((relief) => (
        <View key={relief.id} className='setup-row relief-row' data-state={relief.state}>
          <View>
            {relief.amount} · {STATE_LABELS[relief.state]}
          </View>
          <View className='mq-hint'>
            {relief.reason} · 矿领导{relief.approvals?.leader ? '已批' : '未批'} · 审批人{relief.approvals?.approver ? '已批' : '未批'}
            {relief.failReason ? ` · ${relief.failReason}` : ''}
          </View>
          {canDecide && relief.state === 'proposed' && (
            <View className='action-bar'>
              <Button className='mq-button approve-relief' onClick={() => void run(() => decideRelief(relief.id, true), '已同意')}>
                同意发放
              </Button>
              <Button className='mq-button mq-button--ghost' onClick={() => void run(() => decideRelief(relief.id, false), '已不同意')}>
                不同意
              </Button>
            </View>
          )}
          {canPropose && relief.state === 'wait_user_confirm' && withdrawing !== relief.id && (
            <Button className='mq-button mq-button--ghost withdraw-relief' onClick={() => setWithdrawing(relief.id)}>
              撤回(职工还没领取)
            </Button>
          )}
          {withdrawing === relief.id && (
            <View className='setup-form'>
              <Textarea
                id='withdraw-reason'
                className='mq-input'
                value={withdrawReason}
                maxlength={200}
                placeholder='撤回原因,例如金额填错、发错了人'
                onInput={(e) => setWithdrawReason(e.detail.value)}
              />
              <Button id='confirm-withdraw' className='mq-button' onClick={() => withdraw(relief.id)}>
                确认撤回
              </Button>
            </View>
          )}
        </View>
      ))}
      {canPropose && !open && (
        <View className='setup-form'>
          <Input id='relief-amount' className='mq-input' type='digit' value={amount} placeholder='金额(元),例如 150' onInput={(e) => setAmount(e.detail.value)} />
          <Textarea id='relief-reason' className='mq-input' value={reason} maxlength={500} placeholder='救助理由:家庭情况、核实经过' onInput={(e) => setReason(e.detail.value)} />
          <Button id='propose-relief' className='mq-button' onClick={propose}>
            提交审批
          </Button>
        </View>
      )}
    </View>
  );
}
