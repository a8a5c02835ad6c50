// One staff action: its fields, checked with the contract's rules, sent with the version the person saw.
import { Button, Input, Picker, Switch, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { validateActionBody, type AppealAction, type AppealView, type StaffDirectoryView } from '@minqing/shared';
import { useState } from 'react';
import ChoiceChips from '@/components/choice-chips';
import { actOnAppeal } from '@/services/api';
import type { ApiError } from '@/services/request';
import { useAnswerPhotos } from './answer-photos';
import CannedReplyPicker from './canned-reply-picker';
import { ACTION_LABELS, CONFIRMATIONS, dateWords, daysAfter, fieldsFor, mineDay, mineTime, mineToday, parseDateInput, toBody, unreadableDate } from './action-fields';

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
  const answerPhotos = useAnswerPhotos(action, setError);

  const today = mineToday();
  // The sheet's deadline when no day is picked (the server's, for a sheet issued now).
  const defaults: Record<string, string> = appeal.staff?.defaultDueAt ? { dueAt: appeal.staff.defaultDueAt } : {};
  const submit = async () => {
    const unreadable = unreadableDate(fields, form, today);
    if (unreadable) {
      setError(`${unreadable.label.replace(/(可选)/, '')}请写成“12月5日”或“2026-12-05”这样的日期`);
      return;
    }
    const photos = await answerPhotos.ready();
    if (!photos) return;
    const body = { ...toBody(fields, form, today, defaults), ...(photos.length ? { photos } : {}), version: appeal.version };
    const problems = validateActionBody(action, body);
    if (problems.length) {
      setError(problems[0].message);
      return;
    }
    const confirmation = CONFIRMATIONS[action];
    if (confirmation) {
      const { confirm } = await Taro.showModal({ ...confirmation, cancelText: '再想想', confirmColor: '#b71c1c' });
      if (!confirm) return;
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
          {field.name === 'text' && (action === 'respond' || action === 'reply') && <CannedReplyPicker category={appeal.category.code} onPick={(text) => set(field.name, text)} />}
          {field.kind === 'text' && (
            <Input className='mq-input' value={String(form[field.name] ?? '')} placeholder={field.placeholder} onInput={(e) => set(field.name, e.detail.value)} />
          )}
          {field.kind === 'date' && (
            <DateField
              name={field.name}
              chosen={typeof form[field.name] === 'string' ? parseDateInput(form[field.name] as string, today) : null}
              fallback={defaults[field.name] ?? null}
              today={today}
              optional={field.optional === true}
              onPick={(iso) => set(field.name, iso)}
            />
          )}
          {field.kind === 'switch' && <Switch checked={form[field.name] === true} color='#0d47a1' onChange={(e) => set(field.name, e.detail.value)} />}
          {field.kind === 'multi' && (
            <View className='mq-chips' id={`choice-${field.name}`}>
              {field.options.map((option) => {
                const chosen = ((form[field.name] as string[] | undefined) ?? []).includes(option.code);
                return (
                  <View
                    key={option.code}
                    className={`mq-chip choice-chip choice-${field.name} ${chosen ? 'mq-chip--on' : ''}`}
                    data-code={option.code}
                    onClick={() => {
                      const now = (form[field.name] as string[] | undefined) ?? [];
                      set(field.name, chosen ? now.filter((c) => c !== option.code) : [...now, option.code]);
                    }}
                  >
                    {chosen ? `✓ ${option.name}` : option.name}
                  </View>
                );
              })}
            </View>
          )}
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
      {answerPhotos.field}
      {error && <Text className='mq-error'>{error}</Text>}
      <Button
        className={`mq-button action-form__submit ${CONFIRMATIONS[action] ? 'mq-button--ghost mq-button--danger' : ''} ${sending ? 'mq-button--disabled' : ''}`}
        onClick={() => void submit()}
      >
        {sending ? '正在提交…' : `确定${ACTION_LABELS[action]}`}
      </Button>
      <Button className='mq-button mq-button--ghost' onClick={onCancel}>
        取消
      </Button>
    </View>
  );
}

/**
 * A day, picked on the phone's date wheel (Picker mode='date', from today at the mine) or with a tap for the usual
 * ones (3 days, a week, two weeks); shown in words, and — while none is picked — the default it will get. The
 * deadline is the end of that day at the mine (下班前); the default day keeps the default's own time.
 */
function DateField({
  name,
  chosen,
  fallback,
  today,
  optional,
  onPick,
}: {
  name: string;
  chosen: string | null;
  fallback: string | null;
  today: string;
  optional: boolean;
  onPick: (iso: string) => void;
}) {
  const fallbackDay = fallback ? mineDay(fallback) : null;
  const shown = chosen ?? fallbackDay;
  const read = chosen
    ? chosen === fallbackDay
      ? `按这类诉求的答复时限:${dateWords(chosen)} ${mineTime(fallback!)} 前`
      : `按 ${dateWords(chosen)} 当天下班前计`
    : fallback
      ? `不选就按这类诉求的答复时限:${dateWords(fallbackDay!)} ${mineTime(fallback)} 前`
      : optional
        ? '不选就按这类诉求的答复时限'
        : '请选日期';
  return (
    <View className='date-hint'>
      <Picker mode='date' value={shown ?? today} start={today} onChange={(e) => onPick(String(e.detail.value))}>
        <View className={`mq-input date-field ${chosen ? '' : 'date-field--empty'}`} id={`date-${name}`}>
          {chosen ? dateWords(chosen) : '点此选日期'}
        </View>
      </Picker>
      <Text className='mq-hint date-hint__read'>{read}</Text>
      <View className='action-bar'>
        {[
          ['3天后', 3],
          ['一周后', 7],
          ['两周后', 14],
        ].map(([label, days]) => (
          <Button key={label} className='mq-button mq-button--ghost date-hint__pick' onClick={() => onPick(daysAfter(today, days as number))}>
            {label}
          </Button>
        ))}
      </View>
    </View>
  );
}
