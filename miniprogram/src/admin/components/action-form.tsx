// One staff action: its fields, checked with the contract's rules, sent with the version the person saw.
import { Button, Input, Switch, Text, Textarea, View } from '@tarojs/components';
import { validateActionBody, type AppealAction, type AppealView, type StaffDirectoryView } from '@minqing/shared';
import { useState } from 'react';
import ChoiceChips from '@/components/choice-chips';
import { actOnAppeal } from '@/services/api';
import type { ApiError } from '@/services/request';
import { ACTION_LABELS, fieldsFor, toBody } from './action-fields';

interface ActionFormProps {
  action: AppealAction;
  appeal: AppealView;
  directory: StaffDirectoryView | null;
  onDone: (appeal: AppealView) => void;
  onCancel: () => void;
}

export default function ActionForm({ action, appeal, directory, onDone, onCancel }: ActionFormProps) {
  const [form, setForm] = useState<Record<string, unknown>>({});
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const fields = fieldsFor(action, directory, form, appeal.staff?.supervised ?? false);
  const set = (name: string, value: unknown) => setForm((f) => ({ ...f, [name]: value }));

  const submit = async () => {
    const body = { ...toBody(fields, form), version: appeal.version };
    const problems = validateActionBody(action, body);
    if (problems.length) {
      setError(problems[0].message);
      return;
    }
    setSending(true);
    try {
      onDone(await actOnAppeal(appeal.id, action, body));
    } catch (e) {
      setError((e as ApiError).message);
    } finally {
      setSending(false);
    }
  };

  return (
    <View className='mq-card action-form' id={`action-form-${action}`}>
      <Text className='mq-label'>{ACTION_LABELS[action]}</Text>
      {fields.map((field) => (
        <View key={field.name} className='action-form__field' data-field={field.name}>
          <Text className='mq-hint'>{field.label}</Text>
          {field.kind === 'textarea' && (
            <Textarea className='mq-textarea action-form__textarea' value={String(form[field.name] ?? '')} maxlength={2000} onInput={(e) => set(field.name, e.detail.value)} />
          )}
          {(field.kind === 'text' || field.kind === 'date') && (
            <Input className='mq-input' value={String(form[field.name] ?? '')} placeholder={field.placeholder} onInput={(e) => set(field.name, e.detail.value)} />
          )}
          {field.kind === 'switch' && <Switch checked={form[field.name] === true} color='#0d47a1' onChange={(e) => set(field.name, e.detail.value)} />}
          {field.kind === 'choice' && (
            <ChoiceChips
              id={`choice-${field.name}`}
              chipClass={`choice-chip choice-${field.name}`}
              options={field.options}
              selected={String(form[field.name] ?? '')}
              onSelect={(code) => set(field.name, form[field.name] === code ? undefined : code)}
            />
          )}
        </View>
      ))}
      {error && <Text className='mq-error'>{error}</Text>}
      <Button className={`mq-button action-form__submit ${sending ? 'mq-button--disabled' : ''}`} onClick={() => void submit()}>
        {sending ? '正在提交…' : `确定${ACTION_LABELS[action]}`}
      </Button>
      <Button className='mq-button mq-button--ghost' onClick={onCancel}>
        取消
      </Button>
    </View>
  );
}
