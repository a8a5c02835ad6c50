// Seeing a confidential worker's contact, for staff: the office asks with a reason and waits; the
// party secretary (or the approver the administrator named) approves or refuses; while approved, the
// one who asked can read the contact — and the worker is told on their own timeline.
import { Button, Text, Textarea, View } from '@tarojs/components';
import type { RevealRequestView } from '@minqing/shared';
import { useEffect, useState } from 'react';
import { decideReveal, listRevealRequests, readRevealedContact, requestReveal } from '@/services/api';
import PhoneCall from '../appeal/phone-call';
import { runStep } from './run-step';
import { formatTime } from '@/utils/format';

const STATE_LABELS: Record<RevealRequestView['state'], string> = { pending: '等待审批', approved: '已批准', refused: '未批准', expired: '已过期' };

/** `onCall`: the page's tap-to-call (the call log offered after it), for the number once it is read. */
export default function RevealPanel({ appealId, canRequest, onCall }: { appealId: string; canRequest: boolean; onCall?: () => void }) {
  const [items, setItems] = useState<RevealRequestView[] | null>(null);
  const [reason, setReason] = useState('');
  const [contact, setContact] = useState<string | null>(null);
  const [phone, setPhone] = useState<string | null>(null);

  const load = () =>
    void listRevealRequests().then(
      (r) => setItems(r.items.filter((item) => item.appeal.id === appealId)),
      // Neither the office nor an approver: nothing to show.
      () => setItems(null),
    );
  useEffect(load, [appealId]);

  const run = (work: () => Promise<unknown>, done: string) => runStep(work, done, load);

  const read = (id: string) =>
    run(async () => {
      const c = await readRevealedContact(id);
      setContact(`${c.name ?? '未留姓名'}${c.unit ? `(${c.unit})` : ''}${c.phone ? ` · ${c.phone}` : ''}`);
      setPhone(c.phone);
    }, '已记录本次查看');

  if (!items) return null;
  const open = items.some((r) => (r.state === 'pending' || r.state === 'approved') && !r.canDecide);
  return (
    <View className='mq-card' id='reveal-panel'>
      <Text className='mq-label'>查看联系方式</Text>
      {items.map((r) => (
        <View key={r.id} className='setup-row' data-state={r.state}>
          <View>
            {STATE_LABELS[r.state]} · {r.requestedBy ?? '党群工作部'} · {formatTime(r.requestedAt)}
          </View>
          <View className='mq-hint'>
            理由:{r.reason}
            {r.state === 'approved' && r.expiresAt ? ` · ${formatTime(r.expiresAt)} 前有效` : ''}
          </View>
          {r.canDecide && (
            <View className='action-bar'>
              <Button className='mq-button' id='approve-reveal' onClick={() => void run(() => decideReveal(r.id, true), '已同意')}>
                同意
              </Button>
              <Button className='mq-button mq-button--ghost' id='refuse-reveal' onClick={() => void run(() => decideReveal(r.id, false), '已驳回')}>
                不同意
              </Button>
            </View>
          )}
          {canRequest && r.state === 'approved' && !r.canDecide && (
            <Button className='mq-button' id='read-contact' onClick={() => void read(r.id)}>
              查看联系方式
            </Button>
          )}
        </View>
      ))}
      {contact && (
        <View className='mq-note' id='revealed-contact'>
          {contact}
        </View>
      )}
      {contact && phone && onCall && <PhoneCall phone={phone} onCall={onCall} />}
      {canRequest && !open && (
        <>
          <Textarea
            className='mq-input'
            id='reveal-reason'
            value={reason}
            maxlength={200}
            placeholder='为什么需要联系职工(会告知职工本人)'
            onInput={(e) => setReason(e.detail.value)}
          />
          <Button className='mq-button' id='request-reveal' onClick={() => void run(() => requestReveal(appealId, reason.trim()), '已提交审批')}>
            申请查看联系方式
          </Button>
        </>
      )}
    </View>
  );
}
