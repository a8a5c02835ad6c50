// 常用回复 the office keeps: per category, or for every category; offered under the answer and reply
// fields of the staff's appeal page. The office and the administrator add, change and delete them here.
import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { CannedReplyView } from '@minqing/shared';
import { useEffect, useState } from 'react';
import ChoiceChips from '@/components/choice-chips';
import { createCannedReply, deleteCannedReply, listCannedReplies, updateCannedReply } from '@/services/api';
import type { ApiError } from '@/services/request';

interface Props {
  categories: Array<{ code: string; name: string }>;
  /** Reloads the log after a change (the administrator's page shows it). */
  refreshAudit?: () => void;
}

/** The chip for "every category": not a category code the server knows, never sent. */
const ALL = '*';

export default function CannedRepliesSection({ categories, refreshAudit }: Props) {
  const [replies, setReplies] = useState<CannedReplyView[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [category, setCategory] = useState(ALL);
  const [text, setText] = useState('');
  const [editing, setEditing] = useState<{ id: string; text: string } | null>(null);

  const load = () =>
    listCannedReplies()
      .then((found) => {
        setReplies(found);
        setLoadError(null);
      })
      .catch((e: ApiError) => setLoadError(e.message));
  useEffect(() => void load(), []);

  /** Runs a change and shows the list as the server now has it; the server's sentence when it refuses. */
  const change = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      await load();
      refreshAudit?.();
      void Taro.showToast({ title: done, icon: 'success' });
      return true;
    } catch (e) {
      void Taro.showToast({ title: (e as ApiError).message, icon: 'none', duration: 2500 });
      return false;
    }
  };

  const remove = async (reply: CannedReplyView) => {
    const { confirm } = await Taro.showModal({ title: '删除这条常用回复?', content: reply.text.length > 40 ? `${reply.text.slice(0, 40)}…` : reply.text });
    if (confirm) await change(() => deleteCannedReply(reply.id), '已删除');
  };

  const options = [{ code: ALL, name: '所有类别' }, ...categories];
  const shown = (replies ?? []).filter((r) => (category === ALL ? true : r.category?.code === category || r.category === null));

  return (
    <View className='mq-card' id='canned-replies-card'>
      <View className='mq-item-serial'>常用回复</View>
      <View className='mq-hint'>答复和反馈职工时点一下就能填入,再按实际情况修改。按类别分开,选“所有类别”的每类都会出现。</View>
      <ChoiceChips id='canned-category' chipClass='canned-category-chip' options={options} selected={category} onSelect={setCategory} />
      {loadError && <Text className='mq-error'>{loadError}</Text>}
      {replies && !shown.length && <View className='mq-hint'>还没有常用回复</View>}
      {shown.map((reply) => (
        <View key={reply.id} className='setup-row canned-reply-row'>
          {editing?.id === reply.id ? (
            <View className='setup-form'>
              <Textarea className='mq-textarea canned-edit-input' value={editing.text} maxlength={500} onInput={(e) => setEditing({ id: reply.id, text: e.detail.value })} />
              <View className='action-bar'>
                <Button
                  className='mq-button save-canned'
                  onClick={() => void change(() => updateCannedReply(reply.id, { text: editing.text }), '已保存').then((ok) => ok && setEditing(null))}
                >
                  保存
                </Button>
                <Button className='mq-button mq-button--ghost' onClick={() => setEditing(null)}>
                  取消
                </Button>
              </View>
            </View>
          ) : (
            <View>
              <Text className='canned-reply-text'>{reply.text}</Text>
              <Text className='mq-hint'> · {reply.category?.name ?? '所有类别'}</Text>
            </View>
          )}
          {editing?.id !== reply.id && (
            <View className='action-bar'>
              <Button className='mq-button mq-button--ghost edit-canned' onClick={() => setEditing({ id: reply.id, text: reply.text })}>
                修改
              </Button>
              <Button className='mq-button mq-button--ghost mq-button--danger delete-canned' onClick={() => void remove(reply)}>
                删除
              </Button>
            </View>
          )}
        </View>
      ))}
      <View className='setup-form' id='new-canned-reply'>
        <Textarea
          className='mq-textarea'
          id='canned-text'
          value={text}
          maxlength={500}
          placeholder={`写一条${category === ALL ? '各类诉求都能用' : `“${categories.find((c) => c.code === category)?.name ?? ''}”类`}的常用回复`}
          onInput={(e) => setText(e.detail.value)}
        />
        <Button
          id='add-canned-reply'
          className='mq-button'
          onClick={() => void change(() => createCannedReply({ category: category === ALL ? null : category, text }), '已添加').then((ok) => ok && setText(''))}
        >
          添加常用回复
        </Button>
      </View>
    </View>
  );
}
