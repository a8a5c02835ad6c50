// What this WeChat can do. A worker's WeChat may run a base library older than the APIs the app calls
// (the mini-program's lowest base library is set in its admin console, not in the code), and calling a
// missing API throws. Each API newer than the oldest libraries in use is checked with canIUse first
// (https://developers.weixin.qq.com/miniprogram/dev/framework/compatibility.html); without it the worker is
// asked to upgrade WeChat and the rest of the page keeps working. The versions the app relies on:
//   chooseMedia 2.10.0, requestSubscribeMessage 2.4.4, onNeedPrivacyAuthorization and openPrivacyContract
//   2.32.3, requestMerchantTransfer 3.3.0 (checked in the relief claim).
import Taro from '@tarojs/taro';

/** Whether WeChat here has the API; the H5 build uses Taro's own implementations, which are always there. */
export function canUse(api: string): boolean {
  if (process.env.TARO_ENV !== 'weapp') return true;
  try {
    return Taro.canIUse(api);
  } catch {
    return false;
  }
}

/** Tells the worker this WeChat is too old for one feature (and that everything else still works). */
export function askToUpgrade(feature: string): void {
  void Taro.showModal({ title: '请升级微信', content: `您的微信版本太旧,不能${feature}。请升级微信后使用,其他功能不受影响。`, showCancel: false, confirmText: '知道了' });
}
