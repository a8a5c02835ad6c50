// The worker's number as a tap-to-call link, for those who may see it (the identity table in shared/
// decides; the server sends the number only to them). WeChat dials with Taro.makePhoneCall; the H5
// build is a tel: link, which the phone's browser hands to its dialer.
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';

interface PhoneCallProps {
  phone: string;
  /** Called when the person taps to call (before the dialer opens). */
  onCall: () => void;
}

export default function PhoneCall({ phone, onCall }: PhoneCallProps) {
  if (process.env.TARO_ENV === 'h5') {
    return (
      <a className='phone-call' id='phone-call' href={`tel:${phone}`} onClick={onCall} aria-label={`拨打职工电话 ${phone}`}>
        拨打 {phone}
      </a>
    );
  }
  const call = () => {
    onCall();
    void Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined);
  };
  return (
    <View className='phone-call' id='phone-call' onClick={call} ariaLabel={`拨打职工电话 ${phone}`}>
      <Text>拨打 {phone}</Text>
    </View>
  );
}
