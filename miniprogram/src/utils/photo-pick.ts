// What the form says when picking photos failed. Apart from Taro so that a test can run it without a
// mini-program runtime (test/miniprogram/photo-pick.test.ts).

/**
 * What to tell the worker when picking photos failed: nothing for a cancel, why otherwise. WeChat fails a
 * refused privacy-controlled call with "privacy permission is not authorized" (https://developers.weixin.qq.com/miniprogram/dev/api/open-api/privacy/wx.onNeedPrivacyAuthorization.html).
 */
export function photoPickProblem(error: unknown): string | null {
  const message = (error as { errMsg?: string } | null)?.errMsg ?? '';
  if (/privacy permission is not authorized/i.test(message)) return '您没有同意隐私保护指引,不能添加照片;不加照片也可以提交诉求';
  if (/cancel/i.test(message)) return null;
  return '没能打开相册或相机(请检查微信的相册、相机权限);不加照片也可以提交诉求';
}
