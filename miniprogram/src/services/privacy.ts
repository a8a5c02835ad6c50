// WeChat's privacy authorisation. Photos (chooseMedia) are privacy-controlled: WeChat holds the call
// until the person agrees to the mini-program's 用户隐私保护指引, and fails it with "privacy permission is
// not authorized" on refusal (https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/PrivacyAuthorize.html).
// The app shows its own dialog rather than WeChat's popup, so it can say what is collected and why:
// wx.onNeedPrivacyAuthorization hands over a resolve; 同意 must be a button with
// open-type="agreePrivacyAuthorization" whose id is passed back with event 'agree', 拒绝 answers
// 'disagree' (https://developers.weixin.qq.com/miniprogram/dev/api/open-api/privacy/wx.onNeedPrivacyAuthorization.html).
import Taro from '@tarojs/taro';
import { canUse } from './wechat-abilities';

type Answer = Taro.onNeedPrivacyAuthorization.ResolveOption;

/** The id of the dialog's 同意 button: WeChat checks that this very button was tapped. */
export const PRIVACY_AGREE_BUTTON = 'privacy-agree';

let pending: ((answer: Answer) => void) | null = null;
let showDialog: ((open: boolean) => void) | null = null;

/** Registers the listener once, when the app starts (WeChat keeps one for the whole app). */
export function listenForPrivacyRequests(): void {
  if (process.env.TARO_ENV !== 'weapp' || !canUse('onNeedPrivacyAuthorization')) return;
  Taro.onNeedPrivacyAuthorization((resolve) => {
    pending?.({ event: 'disagree' }); // an earlier request nobody answered
    pending = resolve;
    if (!showDialog) {
      // No page that asks for photos is open: refuse rather than leave the call waiting forever.
      answerPrivacy('disagree');
      return;
    }
    resolve({ event: 'exposureAuthorization' });
    showDialog(true);
  });
}

/** The dialog on screen registers here; returns the unregister. */
export function attachPrivacyDialog(show: (open: boolean) => void): () => void {
  showDialog = show;
  return () => {
    if (showDialog === show) showDialog = null;
  };
}

export function answerPrivacy(event: 'agree' | 'disagree'): void {
  pending?.(event === 'agree' ? { event, buttonId: PRIVACY_AGREE_BUTTON } : { event });
  pending = null;
  showDialog?.(false);
}
