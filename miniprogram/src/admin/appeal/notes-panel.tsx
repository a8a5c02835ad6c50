// 内部备注(职工看不到): what staff tell each other about the appeal, kept apart from 回复职工 (a message
// the worker reads). Only the office, the leaders and the department on the sheet see these; the
// server never puts them in the worker's view, a message or a report.
import { Button, Text, Textarea, View } from '@tarojs/components';
import { NOTE_TEXT_MAX, noteBody, bodyErrors, type AppealView } from '@minqing/shared';
import { useState } from 'react';
import { addNote } from '@/services/api';
import { formatTime } from '@/utils/format';
import { useSend } from './use-send';

interface NotesPanelProps {
  appeal: AppealView;
  onSaved: (appeal: AppealView) => void;
}

export default function NotesPanel({ appeal, onSaved }: NotesPanelProps) {
  const [text, setText] = useState('');
  const { error, sending, send } = useSend(onSaved);
  const notes = appeal.staff?.notes ?? [];

  const save = async () => {
    if (await send(bodyErrors(noteBody, { text }), () => addNote(appeal.id, text))) setText('');
  };

  return (
    <View className='mq-card notes-panel' id='notes-panel'>
      <Text className='mq-label'>内部备注(职工看不到)</Text>
      <Text className='mq-hint'>只有党群工作部、矿领导和承办部门能看到。要告诉职工的话,请用“回复职工”。</Text>
      <View id='notes'>
        {notes.map((note) => (
          <View key={note.id} className='notes-panel__note'>
            <View className='timeline__meta'>
              {note.unit}
              {note.person ? ` ${note.person}` : ''} · {formatTime(note.at)}
            </View>
            <View className='notes-panel__text'>{note.text}</View>
          </View>
        ))}
      </View>
      <Textarea
        className='mq-textarea notes-panel__input'
        id='note-input'
        value={text}
        maxlength={NOTE_TEXT_MAX}
        placeholder='写给同事的内部备注'
        onInput={(e) => setText(e.detail.value)}
      />
      {error && <Text className='mq-error'>{error}</Text>}
      <Button className={`mq-button notes-panel__save ${sending ? 'mq-button--disabled' : ''}`} id='note-save' onClick={() => void save()}>
        {sending ? '正在保存…' : '保存内部备注'}
      </Button>
    </View>
  );
}
