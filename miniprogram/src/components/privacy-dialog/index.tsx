// Our own privacy dialog, shown when WeChat asks for the person's agreement before a privacy-controlled
// API (photos): what is collected and why, 拒绝 and 同意 (the agreePrivacyAuthorization button WeChat requires).
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { PRIVACY_AGREE_BUTTON, answerPrivacy, attachPrivacyDialog } from '@/services/privacy';
import { canUse } from '@/services/wechat-abilities';
import './index.scss';

export default function PrivacyDialog() {
  const [open, setOpen] = useState(false);
  useEffect(() => attachPrivacyDialog(setOpen), []);
  if (!open) return null;
  return (
    <View className='privacy-dialog' id='privacy-dialog'>
      <View className='privacy-dialog__box'>
        <Text className='privacy-dialog__title'>添加照片前,请您了解</Text>
        <Text className='privacy-dialog__text'>
          您选择或拍摄的照片、录的语音只随这条诉求交给党群工作部和承办部门,用来看清问题;您填写的联系电话只用于回访。不同意也可以提交诉求,只是不能添加照片和语音。
        </Text>
        {canUse('openPrivacyContract') && (
          <Text className='privacy-dialog__link' onClick={() => Taro.openPrivacyContract({})}>
            查看《用户隐私保护指引》
          </Text>
        )}
        <View className='privacy-dialog__actions'>
          <Button id='privacy-refuse' className='privacy-dialog__refuse' onClick={() => answerPrivacy('disagree')}>
            拒绝
          </Button>
          <Button id={PRIVACY_AGREE_BUTTON} className='privacy-dialog__agree' openType='agreePrivacyAuthorization' onAgreePrivacyAuthorization={() => answerPrivacy('agree')}>
            同意
          </Button>
        </View>
      </View>
    </View>
  );
}
