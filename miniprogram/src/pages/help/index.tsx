// 使用帮助与隐私: what happens to an appeal, who sees what, how long an answer takes, what the
// mini-program collects and why, and how a worker deletes it — in words a worker reads once.
import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useTypeSize } from '@/components/type-size';
import './index.scss';

const STEPS = [
  ['提交', '您扫码写下诉求,当场拿到诉求编号。'],
  ['受理', '党群工作部当天看到并受理;急事(特事特办)直接报给党委书记。'],
  ['批办', '领导签发批办单,交给负责的部门,写明办结时限。'],
  ['办理', '能解决的马上办,一时解决不了的督促办,解决不了的向您解释说明。'],
  ['答复', '党群工作部把办理结果告诉您,并打电话回访。'],
  ['评价', '您对结果打分;不满意可以退回重办一次。'],
  ['公示', '每月的办理情况在公众号、小程序和公示栏公布,不写您的名字。'],
];

const IDENTITIES = [
  ['实名', '党群工作部、领导和办理部门都能看到您的姓名和电话,方便直接联系您。'],
  ['保密', '只有党群工作部能看到您是谁;办理部门看不到。党群工作部要看您的联系方式,也要另一位负责人同意,并留下记录。'],
  ['匿名', '谁也看不到您是谁,也就没法打电话回访您;结果请在「我的诉求」里查看。'],
];

const COLLECTED = [
  ['您写的诉求内容和选的地点', '为了办理您反映的事。'],
  ['照片(您自己选的才会上传)', '让办理的人看清问题。照片会去掉拍摄地点等信息。'],
  ['电话号码(可以不填)', '只用于回访您办理结果,不做别的用途;实名和保密诉求按上面的规则显示。'],
  ['姓名、单位(区队)(可以不填)', '实名诉求时让党群工作部知道是谁反映的。'],
];

export default function HelpPage() {
  const router = useRouter();
  const privacyFirst = router.params.section === 'privacy';
  const typeSize = useTypeSize();
  const privacy = (
    <View className='mq-card' id='help-privacy'>
      <View className='help-title'>我们收集什么、为什么</View>
      {COLLECTED.map(([what, why]) => (
        <View key={what} className='help-row'>
          <Text className='help-row__head'>{what}</Text>
          <Text className='help-row__body'>{why}</Text>
        </View>
      ))}
      <View className='help-row'>
        <Text className='help-row__body'>不收集您的位置,不把您的信息给矿外的任何人。</Text>
      </View>
      <View className='help-title'>删除您的个人信息</View>
      <View className='help-row'>
        <Text className='help-row__body'>
          在「我的」页最下面点「删除我的个人信息」:您的姓名、单位、电话,和您诉求上留的电话都会删掉;诉求本身会继续办理和公示,但上面不再有您的信息,您也不会再收到回复消息和回访电话。
        </Text>
      </View>
      {/* Also the page's one control: without it, a keyboard could not even scroll the page in H5. */}
      <Button id='help-open-profile' className='mq-button mq-button--ghost' onClick={() => void Taro.switchTab({ url: '/pages/profile/index' })}>
        打开「我的」页
      </Button>
    </View>
  );
  return (
    <View className={`mq-page help-page ${typeSize}`}>
      {privacyFirst && privacy}
      <View className='mq-card' id='help-steps'>
        <View className='help-title'>诉求怎么办</View>
        {STEPS.map(([step, text], i) => (
          <View key={step} className='help-row'>
            <Text className='help-row__head'>
              {i + 1}. {step}
            </Text>
            <Text className='help-row__body'>{text}</Text>
          </View>
        ))}
        <View className='help-row'>
          <Text className='help-row__body'>每类诉求有答复时限(一般 3 到 15 天),表单上选类别时会写明;超时没答复,会自动提醒负责的人和领导。</Text>
        </View>
      </View>
      <View className='mq-card' id='help-identity'>
        <View className='help-title'>谁能看到我是谁</View>
        {IDENTITIES.map(([mode, text]) => (
          <View key={mode} className='help-row'>
            <Text className='help-row__head'>{mode}</Text>
            <Text className='help-row__body'>{text}</Text>
          </View>
        ))}
      </View>
      {!privacyFirst && privacy}
    </View>
  );
}
