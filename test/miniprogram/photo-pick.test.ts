// The form's answer when picking photos failed, for the failures WeChat documents: a refused privacy
// authorisation, a cancel, anything else. The appeal stays possible without photos in each.
import { photoPickProblem } from '../../miniprogram/src/utils/photo-pick.js';

describe('a failed photo pick', () => {
  it('says the worker refused the privacy guide, and that the appeal goes without photos', () => {
    expect(photoPickProblem({ errMsg: 'chooseMedia:fail privacy permission is not authorized' })).toBe('您没有同意隐私保护指引,不能添加照片;不加照片也可以提交诉求');
  });
  it('says nothing when the worker cancelled', () => {
    expect(photoPickProblem({ errMsg: 'chooseMedia:fail cancel' })).toBeNull();
  });
  it('names the permissions for any other failure', () => {
    expect(photoPickProblem({ errMsg: 'chooseMedia:fail auth deny' })).toBe('没能打开相册或相机(请检查微信的相册、相机权限);不加照片也可以提交诉求');
    expect(photoPickProblem(new Error('boom'))).toBe('没能打开相册或相机(请检查微信的相册、相机权限);不加照片也可以提交诉求');
  });
});
