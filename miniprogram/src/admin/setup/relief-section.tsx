// 困难救助金 settings: the month's budget (what this month has committed of it beside it), the approver
// who signs besides a leader, and the per-transfer window the merchant set in WeChat Pay's 商户平台 (a
// setting of the server, shown so the office knows what a proposal may ask). Amounts are typed in yuan.
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { fen, monthText, ROLE_LABELS, yuan, type ReliefSettingsStateView, type Role } from '@minqing/shared';
import { useEffect, useState } from 'react';
import ChoiceChips from '@/components/choice-chips';
import { getReliefSettings, saveReliefSettings } from '@/services/api';
import type { ApiError } from '@/services/request';

interface Props {
  refreshAudit: () => void;
}

/** "10000", "10,000.5", "¥200.00" → whole fen; null for anything that is not an amount above zero. */
export function fenFromYuan(text: string): number | null {
  const match = /^\s*¥?\s*(\d{1,9}(?:,\d{3})*|\d+)(?:\.(\d{1,2}))?\s*(?:元)?\s*$/.exec(text);
  if (!match) return null;
  const whole = Number(match[1].replace(/,/g, ''));
  const cents = Number((match[2] ?? '').padEnd(2, '0'));
  return fen(whole * 100 + cents);
}

const money = (amount: number) => (amount > 0 ? yuan(fen(amount)!) : '¥0.00');

export default function ReliefSection({ refreshAudit }: Props) {
  const [state, setState] = useState<ReliefSettingsStateView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [budget, setBudget] = useState('');
  const [approver, setApprover] = useState('');
  const [error, setError] = useState<string | null>(null);

  const load = () =>
    getReliefSettings()
      .then((found) => {
        setState(found);
        setApprover(found.approver?.openid ?? '');
        setLoadError(null);
      })
      .catch((e: ApiError) => setLoadError(e.message));
  useEffect(() => void load(), []);

  const save = async () => {
    setError(null);
    const body: { monthlyBudgetFen?: number; approver?: string } = {};
    if (budget.trim()) {
      const amount = fenFromYuan(budget);
      if (amount === null) {
        setError('每月预算请填写金额(元),如 10000 或 10000.50');
        return;
      }
      body.monthlyBudgetFen = amount;
    }
    if (approver && approver !== state?.approver?.openid) body.approver = approver;
    if (!Object.keys(body).length) {
      setError('没有要保存的改动');
      return;
    }
    try {
      await saveReliefSettings(body);
      setBudget('');
      await load();
      refreshAudit();
      void Taro.showToast({ title: '已保存', icon: 'success' });
    } catch (e) {
      setError((e as ApiError).message);
    }
  };

  return (
    <View className='mq-card' id='relief-settings-card'>
      <View className='mq-item-serial'>困难救助金</View>
      {loadError && <Text className='mq-error'>{loadError}</Text>}
      {state && (
        <>
          <View className='mq-hint' id='relief-budget-line'>
            {state.monthlyBudgetFen === null
              ? `还没有设每月预算:设好之前,救助金批不下来。`
              : `${monthText(state.month)}预算 ${money(state.monthlyBudgetFen)},已批 ${money(state.committedFen)},还剩 ${money(Math.max(0, state.monthlyBudgetFen - state.committedFen))}`}
          </View>
          <Text className='mq-label'>每月预算(元)</Text>
          <Input
            id='relief-budget'
            className='mq-input'
            type='digit'
            value={budget}
            placeholder={state.monthlyBudgetFen === null ? '如 10000' : `现为 ${money(state.monthlyBudgetFen)},不改就留空`}
            onInput={(e) => setBudget(e.detail.value)}
          />
          <Text className='mq-label'>审批人(和一位矿领导一起批准)</Text>
          {state.candidates.length ? (
            <ChoiceChips
              id='relief-approver'
              chipClass='relief-approver-chip'
              options={state.candidates.map((c) => ({ code: c.openid, name: `${c.name ?? '未填姓名'}(${ROLE_LABELS[c.role as Role] ?? '工作人员'})` }))}
              selected={approver}
              onSelect={setApprover}
            />
          ) : (
            <View className='mq-hint'>本单位还没有可选的工作人员,请先发放绑定码</View>
          )}
          <View className='mq-hint' id='relief-window'>
            每笔救助金 {money(state.transferMinFen)} 至 {money(state.transferMaxFen)}(微信支付商户平台的设置,要改请联系系统管理员)
          </View>
          {error && <Text className='mq-error'>{error}</Text>}
          <Button id='save-relief-settings' className='mq-button' onClick={() => void save()}>
            保存救助金设置
          </Button>
        </>
      )}
    </View>
  );
}
