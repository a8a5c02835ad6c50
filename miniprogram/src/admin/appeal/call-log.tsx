// The feedback call logged right after it was made: one tap on its result (已接通 / 未接通 / 已说明), a
// note if the clerk wants one; the time of the call is written in for them. It is the workflow's
// `calls` action (the status machine decides when it is open), sent with the version the person saw.
import { Button, Text, Textarea, View } from '@tarojs/components';
import { validateActionBody, type AppealView } from '@minqing/shared';
import { useState } from 'react';
import { actOnAppeal } from '@/services/api';
import { useSend } from './use-send';

const pad = (n: number) => String(n).padStart(2, '0');

/** Each result is one tap: what it sends besides the note. */
const RESULTS = [
  { key: 'reached', label: '已接通', result: 'reached', said: null },
  { key: 'not_reached', label: '未接通', result: 'not_reached', said: null },
  { key: 'explained', label: '已说明', result: 'reached', said: '已向职工说明办理结果' },
] as const;

interface CallLogProps {
  appeal: AppealView;
  /** When the call was made (null: logged without a call from this page). */
  calledAt: Date | null;
  onDone: (appeal: AppealView) => void;
  onCancel: () => void;
}

export default function CallLog({ appeal, calledAt, onDone, onCancel }: CallLogProps) {
  const time = calledAt ? `${pad(calledAt.getHours())}:${pad(calledAt.getMinutes())}` : null;
  const [note, setNote] = useState(time ? `${time} 拨打` : '');
  const { error, sending, send } = useSend(onDone);

  const log = (choice: (typeof RESULTS)[number]) => {
    const summary = [note.trim(), choice.said].filter(Boolean).join(',');
    const body = { result: choice.result, ...(summary ? { summary } : {}), version: appeal.version };
    return send(validateActionBody('calls', body), () => actOnAppeal(appeal.id, 'calls', body));
  };

  return (
    <View className='mq-card call-log' id='call-log'>
      <Text className='mq-label'>{time ? `记录刚才(${time})的回访电话` : '记录回访电话'}</Text>
      <View className='action-bar call-log__results'>
        {RESULTS.map((choice) => (
          <Button key={choice.key} className={`mq-button call-log__result call-log__result--${choice.key}`} data-result={choice.key} onClick={() => void log(choice)}>
            {choice.label}
          </Button>
        ))}
      </View>
      <Text className='mq-hint'>补充说明(可选,点上面的结果即保存)</Text>
      <Textarea className='mq-textarea call-log__note' value={note} maxlength={2000} onInput={(e) => setNote(e.detail.value)} />
      {error && <Text className='mq-error'>{error}</Text>}
      {sending && <Text className='mq-hint'>正在保存…</Text>}
      <Button className='mq-button mq-button--ghost' onClick={onCancel}>
        稍后再记
      </Button>
    </View>
  );
}
